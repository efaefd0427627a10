/**
 * Why a coding-layer operation was refused. The span codes say exactly what is wrong with a
 * selection, so the workspace can explain it; the server maps codes to HTTP errors in one place.
 */
export const CodingModelErrorCode = {
  InvalidInput: 'invalid_input',
  SpanEmpty: 'span_empty',
  SpanReversed: 'span_reversed',
  SpanOutOfBounds: 'span_out_of_bounds',
  RecordExists: 'record_exists',
  RecordNotFound: 'record_not_found',
} as const;
export type CodingModelErrorCode = (typeof CodingModelErrorCode)[keyof typeof CodingModelErrorCode];

/** Thrown before anything is written: a refused operation leaves the layer unchanged. */
export class CodingModelError extends Error {
  override readonly name = 'CodingModelError';

  constructor(
    readonly code: CodingModelErrorCode,
    message: string,
  ) {
    super(message);
  }
}
