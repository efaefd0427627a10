import type { Context } from 'hono';
import { z } from 'zod';
import type { Actor } from '../commands/access/actor';
import { AppError } from '../errors';
import type { Services } from '../services';

/** `session`: a signed-in user is required (401 otherwise); `optional`: maybe; `none`: never looked at. */
export type RouteAuth = 'none' | 'session' | 'optional';

/** `:name` or `:name{regex}` of one path segment, as Hono writes them. */
type ParamName<S extends string> = S extends `${infer N}{${string}}` ? N : S;

/** The path parameters of a Hono path: `/api/studies/:sid/members/:uid` gives `{ sid: string; uid: string }`. */
export type PathParams<P extends string> = P extends `${string}:${infer Rest}`
  ? Rest extends `${infer Segment}/${infer Tail}`
    ? { [K in ParamName<Segment>]: string } & PathParams<`/${Tail}`>
    : { [K in ParamName<Rest>]: string }
  : Record<never, string>;

/** Who is acting, as the route's `auth` promises it: no `actor` at all on an `auth: 'none'` route. */
type ActorOf<A extends RouteAuth> = A extends 'session' ? { actor: Actor } : A extends 'optional' ? { actor: Actor | null } : Record<never, never>;

export type HandlerInput<P extends string, A extends RouteAuth, B extends z.ZodType, Q extends z.ZodType> = {
  c: Context;
  s: Services;
  body: z.infer<B>;
  query: z.infer<Q>;
  params: PathParams<P>;
} & ActorOf<A>;

/**
 * A REST route described once: Hono serves it and /api/openapi.json documents it from the
 * same object, so the description cannot drift from the behaviour. Generic on its path and its
 * `auth`, so a handler gets `params.sid: string` and, on a session route, `actor: Actor`.
 */
export interface RouteSpec<P extends string, A extends RouteAuth, B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined> {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: P; // Hono syntax, e.g. /api/studies/:sid
  summary: string;
  tag: string;
  auth: A;
  body?: B;
  query?: Q;
  /** Largest accepted request body in bytes (413 beyond). */
  maxBody?: number;
  /** Status of a successful answer (default 200). */
  status?: 200 | 201 | 204;
  handler: (input: HandlerInput<P, A, B, Q>) => Promise<unknown>;
}

/** What the app has already parsed and checked when it calls a route. */
export interface RouteRequest {
  c: Context;
  s: Services;
  actor: Actor | null;
  body: unknown;
  query: unknown;
  params: Record<string, string>;
}

/** A route as the app and the OpenAPI document see it: its description, and how to run it. */
export interface Route {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  body?: z.ZodType;
  query?: z.ZodType;
  maxBody?: number;
  status?: 200 | 201 | 204;
  run: (request: RouteRequest) => Promise<unknown>;
}

export const DEFAULT_MAX_BODY = 256 * 1024;

/** The names of a path's parameters, in order. */
export function paramNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
}

export function route<const P extends string, const A extends RouteAuth, B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined>(spec: RouteSpec<P, A, B, Q>): Route {
  const names = paramNames(spec.path);
  const { handler, ...description } = spec;
  return {
    ...description,
    run: async ({ c, s, actor, body, query, params }) => {
      const typedParams: Record<string, string> = {};
      for (const name of names) {
        const value = params[name];
        if (typeof value !== 'string' || value === '') throw new AppError('not_found', 'no such resource');
        typedParams[name] = value;
      }
      const who = spec.auth === 'none' ? {} : { actor: spec.auth === 'session' ? signedIn(actor) : actor };
      // The app parsed body and query with this route's own schemas; the names of the path
      // parameters were checked above against this route's own path.
      return handler({ c, s, body: body as z.infer<B>, query: query as z.infer<Q>, params: typedParams as PathParams<P>, ...(who as ActorOf<A>) } as HandlerInput<P, A, B, Q>);
    },
  };
}

function signedIn(actor: Actor | null): Actor {
  if (!actor) throw new AppError('unauthenticated', 'sign in first');
  return actor;
}
