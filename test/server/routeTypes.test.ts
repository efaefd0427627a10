import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../server/commands/access/actor';
import { AppError } from '../../server/errors';
import { type PathParams, type Route, route } from '../../server/http/route';
import type { Services } from '../../server/services';

// The `@ts-expect-error` lines below are checked by `npm run typecheck` (part of `npm test`):
// if the types stopped refusing them, the directive itself would fail to compile.

const actor: Actor = { user: { id: 'u1', email: 'a@example.org', name: 'A', isAdmin: false, createdAt: 0 }, sessionId: 's1' };
// The handlers under test read neither the Hono context nor the services.
const request = (who: Actor | null, params: Record<string, string>) => ({ c: {} as Context, s: {} as Services, actor: who, body: undefined, query: undefined, params });

describe('typed routes', () => {
  it('gives a session route its actor and its path parameters as strings', async () => {
    const r: Route = route({
      method: 'get',
      path: '/api/studies/:sid/members/:uid',
      summary: 'probe',
      tag: 'probe',
      auth: 'session',
      handler: async ({ actor, params }) => {
        const who: string = actor.user.id;
        const sid: string = params.sid;
        const uid: string = params.uid;
        // @ts-expect-error: the path has no :tid
        void params.tid;
        return { who, sid, uid };
      },
    });
    expect(await r.run(request(actor, { sid: 'S', uid: 'U' }))).toEqual({ who: 'u1', sid: 'S', uid: 'U' });
    await expect(r.run(request(null, { sid: 'S', uid: 'U' }))).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(r.run(request(actor, { sid: 'S' }))).rejects.toBeInstanceOf(AppError);
  });

  it('gives an auth none route no actor, and an optional route a nullable one', async () => {
    const none = route({
      method: 'get',
      path: '/api/invitations/:token',
      summary: 'probe',
      tag: 'probe',
      auth: 'none',
      handler: async ({ params }) => params.token,
    });
    route({
      method: 'get',
      path: '/api/probe',
      summary: 'probe',
      tag: 'probe',
      auth: 'none',
      // @ts-expect-error: a handler of an auth: 'none' route has no actor to use
      handler: async ({ actor }) => actor.user.id,
    });
    route({
      method: 'get',
      path: '/api/probe',
      summary: 'probe',
      tag: 'probe',
      auth: 'optional',
      // @ts-expect-error: on an optional route the actor may be null
      handler: async ({ actor }) => actor.user.id,
    });
    expect(await none.run(request(actor, { token: 'T' }))).toBe('T');
  });

  it('reads parameter names from Hono paths, regex segments included', () => {
    const p: PathParams<'/api/docs/:docName{.+}/history'> = { docName: 'studies/x/codebook' };
    const q: PathParams<'/api/transcripts/:tid/discussion/:key/comments'> = { tid: 't', key: 'k' };
    // @ts-expect-error: :key is required
    const missing: PathParams<'/api/transcripts/:tid/discussion/:key/comments'> = { tid: 't' };
    expect([p.docName, q.tid, q.key, missing.tid]).toEqual(['studies/x/codebook', 't', 'k', 't']);
  });
});
