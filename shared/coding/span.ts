import { CodingModelError, CodingModelErrorCode } from './CodingModelError';

/** `[start, end)` in UTF-16 code units of the frozen transcript text (DESIGN.md section 3). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * What is wrong with a span over a text of `textLength` code units, or null when it is valid:
 * integer offsets, non-empty, inside the text. Shared by the operations (which throw) and by
 * readLayer (which skips and reports), so a value is valid to write exactly when valid to read.
 */
export function spanError(span: Span, textLength: number): { code: CodingModelErrorCode; message: string } | null {
  const { start, end } = span;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) {
    return { code: CodingModelErrorCode.InvalidInput, message: `span [${start}, ${end}) is not integer offsets` };
  }
  if (start > end) return { code: CodingModelErrorCode.SpanReversed, message: `span [${start}, ${end}) is reversed` };
  if (start === end) return { code: CodingModelErrorCode.SpanEmpty, message: `span [${start}, ${end}) is empty` };
  if (start < 0 || end > textLength) {
    return {
      code: CodingModelErrorCode.SpanOutOfBounds,
      message: `span [${start}, ${end}) is outside the text [0, ${textLength})`,
    };
  }
  return null;
}

export function requireValidSpan(span: Span, textLength: number): void {
  const error = spanError(span, textLength);
  if (error) throw new CodingModelError(error.code, error.message);
}
