import { AppError } from '../errors';

/** A request header by name (any case), as each door reads it: Hono's `c.req.header`, Node's `req.headers`. */
export type HeaderOf = (name: string) => string | undefined;

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The origin the server is reached at: PUBLIC_ORIGIN, else derived from the Host header and the
 * request URL's scheme. Both doors (HTTP and collab) decide with it.
 */
export function expectedOrigin(header: HeaderOf, url: string, publicOrigin: string | null): string {
  if (publicOrigin) return publicOrigin;
  const host = header('host');
  return host ? `${new URL(url).protocol}//${host}` : new URL(url).origin;
}

/**
 * CSRF defence for cookie sessions: an unsafe request that carries a cookie must come from our
 * own origin (browsers always send Origin on such requests). A foreign Origin is refused even
 * without a cookie, which also blocks login CSRF.
 */
export function checkOrigin(method: string, header: HeaderOf, url: string, publicOrigin: string | null): void {
  if (SAFE.has(method)) return;
  const origin = header('origin');
  const hasCookie = Boolean(header('cookie'));
  if (origin === undefined) {
    if (hasCookie) throw new AppError('forbidden', 'cross-origin request refused (missing Origin header)');
    return;
  }
  if (origin !== expectedOrigin(header, url, publicOrigin)) throw new AppError('forbidden', 'cross-origin request refused');
}
