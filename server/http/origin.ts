import type { Context } from 'hono';
import { AppError } from '../errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin the server is reached at: PUBLIC_ORIGIN, else derived from the Host header. */
export function expectedOrigin(c: { req: { header: (n: string) => string | undefined; url: string } }, publicOrigin: string | null): string {
  if (publicOrigin) return publicOrigin;
  const host = c.req.header('host');
  return host ? `${new URL(c.req.url).protocol}//${host}` : new URL(c.req.url).origin;
}

/**
 * CSRF defence for cookie sessions: an unsafe request that carries a cookie must come from our
 * own origin (browsers always send Origin on such requests). A foreign Origin is refused even
 * without a cookie, which also blocks login CSRF.
 */
export function checkOrigin(c: Context, publicOrigin: string | null): void {
  if (SAFE.has(c.req.method)) return;
  const origin = c.req.header('origin');
  const hasCookie = Boolean(c.req.header('cookie'));
  if (origin === undefined) {
    if (hasCookie) throw new AppError('forbidden', 'cross-origin request refused (missing Origin header)');
    return;
  }
  if (origin !== expectedOrigin(c, publicOrigin)) throw new AppError('forbidden', 'cross-origin request refused');
}
