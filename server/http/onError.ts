import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { TranscriptImportError } from '../../shared/transcript';
import { ThemeModelError } from '../../shared/themes';
import { CodingModelError } from '../../shared/coding';
import { AppError, ErrorCode } from '../errors';
import type { Logger } from '../log';
import { isStorageFull } from '../store/storageFull';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * The one place errors become HTTP responses (house style rule 4). Unknown errors answer 500
 * with a generic message: their text may hold internals and is only logged.
 */
export function errorResponse(err: unknown, c: Context, log: Logger): Response {
  const response = buildErrorResponse(err, c, log);
  // Every refusal is logged (one line, no body, the path cut short): hostile input leaves a trace.
  if (response.status < 500) {
    log.info('http_rejected', { method: c.req.method, path: c.req.path.slice(0, 200), status: response.status });
  }
  return response;
}

function buildErrorResponse(err: unknown, c: Context, log: Logger): Response {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } };
    return c.json(body, err.status as 400, err.headers);
  }
  if (err instanceof TranscriptImportError) {
    return c.json({ error: { code: err.code, message: err.message } }, ErrorCode[err.code] as 400);
  }
  if (err instanceof ThemeModelError || err instanceof CodingModelError) {
    // The models' rule codes travel as details; the status says which kind of refusal it is.
    const status = err.code === 'invalid_input' ? 400 : /not_found$/.test(err.code) ? 404 : 409;
    const code = status === 400 ? 'validation_failed' : status === 404 ? 'not_found' : 'conflict';
    return c.json({ error: { code, message: err.message, details: { rule: err.code } } }, status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = err.status === 413 ? 'too_large' : err.status === 404 ? 'not_found' : 'validation_failed';
    return c.json({ error: { code, message: err.message || code } }, err.status);
  }
  if (isStorageFull(err)) {
    // Not the client's fault and not an unknown failure: the operator must free space.
    log.error('storage_full', { method: c.req.method, path: c.req.path });
    return c.json({ error: { code: 'insufficient_storage', message: 'the server has no space left to store this; nothing was changed' } }, 507);
  }
  log.error('http_unhandled', { method: c.req.method, path: c.req.path, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
}
