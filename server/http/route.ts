import type { Context } from 'hono';
import { z } from 'zod';
import type { Actor } from '../commands/access/actor';
import type { Services } from '../services';

/**
 * A REST route described once: Hono serves it and /api/openapi.json documents it from the
 * same object, so the description cannot drift from the behaviour.
 */
export interface RouteSpec<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string; // Hono syntax, e.g. /api/studies/:sid
  summary: string;
  tag: string;
  /** `session`: a signed-in user is required (401 otherwise). */
  auth: 'none' | 'session' | 'optional';
  body?: B;
  query?: Q;
  /** Largest accepted request body in bytes (413 beyond). */
  maxBody?: number;
  /** Status of a successful answer (default 200). */
  status?: 200 | 201 | 204;
  handler: (input: {
    c: Context;
    s: Services;
    actor: Actor | null;
    body: z.infer<B>;
    query: z.infer<Q>;
    params: Record<string, string>;
  }) => Promise<unknown>;
}

export const DEFAULT_MAX_BODY = 256 * 1024;

export function route<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined>(spec: RouteSpec<B, Q>): RouteSpec {
  return spec as unknown as RouteSpec;
}
