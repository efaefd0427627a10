import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { TranscriptImportError } from '../../shared/transcript';
import { AppError, ErrorCode } from '../errors';
import type { Logger } from '../log';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * The one place errors become HTTP responses (house style rule 4). Unknown errors answer 500
 * with a generic message: their text may hold internals and is only logged.
 */
export function errorResponse(err: unknown, c: Context, log: Logger): Response {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } };
    return c.json(body, err.status as 400, err.headers);
  }
  if (err instanceof TranscriptImportError) {
    return c.json({ error: { code: err.code, message: err.message } }, ErrorCode[err.code] as 400);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = err.status === 413 ? 'too_large' : err.status === 404 ? 'not_found' : 'validation_failed';
    return c.json({ error: { code, message: err.message || code } }, err.status);
  }
  log.error('http_unhandled', { method: c.req.method, path: c.req.path, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
}
