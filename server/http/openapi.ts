import { z } from 'zod';
import type { Route } from './route';

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } },
};

/** OpenAPI 3.1 from the route table (the same objects Hono serves). */
export function openApiDocument(routes: Route[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: [r.tag],
      parameters: params,
      responses: {
        [String(r.status ?? 200)]: { description: 'success' },
        default: { description: 'error', content: { 'application/json': { schema: errorSchema } } },
      },
    };
    if (r.auth === 'session') op.security = [{ session: [] }];
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) } } };
    if (r.query) {
      const js = z.toJSONSchema(r.query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
      for (const [name, schema] of Object.entries(js.properties ?? {})) (params as unknown[]).push({ name, in: 'query', schema });
    }
    (paths[path] ??= {})[r.method] = op;
  }
  paths['/api/health'] = { get: { summary: 'Liveness and the database dialect', tags: ['system'], responses: { 200: { description: 'ok' } } } };
  return {
    openapi: '3.1.0',
    info: { title: 'Concord API', version: '0.1.0', description: 'Errors are { "error": { "code", "message" } }.' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'concord_session' } } },
    paths,
  };
}
