/** Why a file could not be imported. Each is the user's to fix, so each message says how. */
export const TranscriptImportErrorCode = {
  WrongEncoding: 'wrong_encoding',
  Empty: 'empty',
  TooLarge: 'too_large',
  UnsupportedType: 'unsupported_type',
} as const;
export type TranscriptImportErrorCode =
  (typeof TranscriptImportErrorCode)[keyof typeof TranscriptImportErrorCode];

/** Thrown by the importers; the server maps `code` to its HTTP error in its one error handler. */
export class TranscriptImportError extends Error {
  override readonly name = 'TranscriptImportError';

  constructor(
    readonly code: TranscriptImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}
