import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { Actor } from '../commands/access/actor';
import { AppError } from '../errors';
import type { Services } from '../services';
import { checkOrigin } from '../auth/origin';
import { tokenFromCookieHeader, validateSessionToken, clearedSessionCookie } from '../auth/sessions';
import { errorResponse } from './onError';
import { DEFAULT_MAX_BODY, type Route } from './route';
import { openApiDocument } from './openapi';
import { authRoutes } from './routes/auth';
import { studyRoutes } from './routes/studies';
import { transcriptRoutes } from './routes/transcripts';
import { themeRoutes } from './routes/themes';
import { boardRoutes } from './routes/boards';
import { agreementRoutes } from './routes/agreement';
import { browseRoutes } from './routes/browse';
import { interchangeRoutes } from './routes/interchange';
import { reconcileRoutes } from './routes/reconcile';
import { codebookReconcileRoutes } from './routes/codebookReconcile';
import { exportRoutes } from './routes/exports';
import { privacyRoutes } from './routes/privacy';
import { securityHeaders } from './securityHeaders';

export type AppEnv = { Variables: { actor: Actor | null } };

export interface AppOptions {
  /** Extra routes contributed by other doors' features (e.g. document history). */
  routes?: Route[];
  /** Serves the built client for non-API paths. */
  staticHandler?: (c: Context) => Promise<Response>;
}

export function allRoutes(s: Services, extra: Route[] = []): Route[] {
  return [...authRoutes(s), ...studyRoutes(), ...transcriptRoutes(), ...themeRoutes(), ...boardRoutes(), ...agreementRoutes(), ...browseRoutes(), ...reconcileRoutes(), ...codebookReconcileRoutes(), ...exportRoutes(), ...interchangeRoutes(), ...privacyRoutes(), ...extra];
}

export function createApp(s: Services, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const routes = allRoutes(s, options.routes);

  app.use('*', securityHeaders());
  app.onError((err, c) => errorResponse(err, c, s.log));
  app.notFound((c) => errorResponse(new AppError('not_found', 'no such route'), c, s.log));

  app.use('/api/*', async (c, next) => {
    checkOrigin(c.req.method, (name) => c.req.header(name), c.req.url, s.config.publicOrigin);
    const token = tokenFromCookieHeader(c.req.header('cookie'));
    let actor: Actor | null = null;
    if (token) {
      const found = await validateSessionToken(s.db, token, s.now());
      if (found) actor = { user: found.user, sessionId: found.session.id };
      else c.header('Set-Cookie', clearedSessionCookie(s.config.secureCookies), { append: true });
    }
    c.set('actor', actor);
    await next();
  });

  app.get('/api/health', (c) => c.json({ ok: true, dialect: s.dialect }));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(routes)));

  for (const r of routes) {
    const limit = bodyLimit({
      maxSize: r.maxBody ?? DEFAULT_MAX_BODY,
      onError: () => {
        throw new AppError('too_large', `the request body exceeds ${r.maxBody ?? DEFAULT_MAX_BODY} bytes`);
      },
    });
    app.on(r.method.toUpperCase(), r.path, limit, async (c) => {
      const actor = c.get('actor');
      if (r.auth === 'session' && !actor) throw new AppError('unauthenticated', 'sign in first');
      const params = c.req.param() as Record<string, string>;
      // No identifier holds a NUL, and PostgreSQL text cannot store one: such a path names nothing.
      if (Object.values(params).some(hasNul)) throw new AppError('not_found', 'no such resource');
      const body = r.body ? await parseBody(c, r.body) : undefined;
      const rawQuery = c.req.query();
      if (Object.values(rawQuery).some(hasNul)) throw new AppError('validation_failed', 'query parameters must not contain NUL characters');
      const query = r.query ? parseWith(r.query, rawQuery, 'query') : undefined;
      const result = await r.run({ c, s, actor, body, query, params });
      if (result instanceof Response) return result;
      if (r.status === 204) return c.body(null, 204);
      return c.json(result ?? {}, r.status ?? 200);
    });
  }

  if (options.staticHandler) app.get('*', options.staticHandler);
  return app;
}

async function parseBody(c: Context, schema: z.ZodType): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) throw new AppError('unsupported_media_type', 'send the body as application/json');
  const text = await c.req.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('validation_failed', 'the body is not valid JSON');
  }
  if (containsNul(json)) throw new AppError('validation_failed', 'text in the body must not contain NUL characters');
  return parseWith(schema, json, 'body');
}

const hasNul = (v: string) => v.includes('\u0000');

/**
 * PostgreSQL cannot store U+0000 in text and SQLite would truncate it in places: refuse it at the
 * door, on both dialects alike, rather than fail deep in a query with a 500.
 */
function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return hasNul(value);
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => hasNul(k) || containsNul(v));
  return false;
}

function parseWith(schema: z.ZodType, value: unknown, where: string): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('validation_failed', `invalid ${where}: ${details.map((d) => `${d.path || '(root)'} ${d.message}`).join('; ')}`, details);
  }
  return parsed.data;
}
