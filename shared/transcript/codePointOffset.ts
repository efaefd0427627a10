import { isSurrogatePairAt } from './isSurrogatePairAt';

/**
 * Converts a UTF-16 offset (our span offsets) to a code-point offset (REFI-QDA
 * `PlainTextSelection` positions). An offset between the two halves of a surrogate pair does not
 * count the pair: it lands where the pair starts. A lone surrogate counts as one code point.
 */
export function codePointOffset(text: string, utf16: number): number {
  if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > text.length) {
    throw new RangeError(`UTF-16 offset ${utf16} is outside a text of length ${text.length}`);
  }
  let count = 0;
  let i = 0;
  while (i < utf16) {
    const step = isSurrogatePairAt(text, i) ? 2 : 1;
    if (i + step > utf16) break;
    i += step;
    count++;
  }
  return count;
}
