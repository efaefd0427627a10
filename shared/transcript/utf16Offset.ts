import { isSurrogatePairAt } from './isSurrogatePairAt';

/** Converts a code-point offset (REFI-QDA positions) back to a UTF-16 offset (our spans). */
export function utf16Offset(text: string, codePoints: number): number {
  if (!Number.isInteger(codePoints) || codePoints < 0) {
    throw new RangeError(`code-point offset ${codePoints} is not a non-negative integer`);
  }
  let i = 0;
  for (let count = 0; count < codePoints; count++) {
    if (i >= text.length) {
      throw new RangeError(`code-point offset ${codePoints} is past the end of the text`);
    }
    i += isSurrogatePairAt(text, i) ? 2 : 1;
  }
  return i;
}
