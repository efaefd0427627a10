import type { MiddlewareHandler } from 'hono';

/**
 * The Content-Security-Policy of every response (issue 14 item 11). The client is one bundled
 * module script and one stylesheet from our own origin (client/dist), so nothing inline is
 * needed: `script-src 'self'` means an injected `<script>` or `onerror=` never runs, even if some
 * user text ever reached the page as HTML. React sets element styles through the CSSOM, which
 * CSP does not govern; `style-src 'self'` only refuses inline `<style>`/`style=""` markup.
 * `connect-src 'self'` covers the same-origin REST calls and the `ws:`/`wss:` socket (CSP 3).
 * `frame-ancestors 'none'`: no page of another site can frame Concord (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  // Browsers must not guess a type: a download of user text is never run as HTML or script.
  'X-Content-Type-Options': 'nosniff',
  // Study and transcript ids in URLs never leave the instance in a Referer.
  'Referrer-Policy': 'no-referrer',
  // For browsers that predate frame-ancestors.
  'X-Frame-Options': 'DENY',
} as const;

/** Sets the security headers on every response, errors and the built client included. */
export const securityHeaders = (): MiddlewareHandler => async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
};
