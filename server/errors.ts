/**
 * Typed application errors; the HTTP layer maps them to responses in exactly one place
 * (server/http/onError.ts), the CLI to messages and exit codes.
 */
export const ErrorCode = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  // The first account needs the one-time setup token (commands/accounts/setupToken.ts).
  setup_token_invalid: 403,
  not_found: 404,
  conflict: 409,
  // An erasure that would change a finalised analysis: repeat it with `confirm: true`.
  confirmation_required: 409,
  too_large: 413,
  unsupported_media_type: 415,
  // Transcript import (shared/transcript TranscriptImportError codes)
  wrong_encoding: 400,
  empty: 400,
  unsupported_type: 415,
  rate_limited: 429,
  // Uploaded archives and parsing (shared/archive/archiveLimits.ts, commands/uploads): each
  // code names the limit that refused the file.
  archive_entry_too_large: 413,
  archive_too_large: 413,
  archive_too_many_entries: 413,
  upload_memory_limit: 422,
  upload_time_limit: 422,
  internal: 500,
  /** The disk (or the database's size limit) is full: the write was rolled back (RFC 4918). */
  insufficient_storage: 507,
} as const;
export type ErrorCodeName = keyof typeof ErrorCode;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCodeName,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ErrorCode[code];
  }
}

const ARCHIVE_CODES = { entry_bytes: 'archive_entry_too_large', total_bytes: 'archive_too_large', entry_count: 'archive_too_many_entries' } as const;

/** An archive over one of its limits (shared/archive) as the refusal naming that limit. */
export function archiveRefusal(limit: keyof typeof ARCHIVE_CODES, message: string): AppError {
  return new AppError(ARCHIVE_CODES[limit], message);
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'you may not do this') => new AppError('forbidden', message);
export const conflict = (message: string) => new AppError('conflict', message);
export const invalid = (message: string, details?: unknown) => new AppError('validation_failed', message, details);
