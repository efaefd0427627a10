import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionIdOf, SESSION_TTL_MS } from '../../server/auth/sessions';
import type { Services } from '../../server/services';
import { findSession } from '../../server/store/sessions';
import { countUsers } from '../../server/store/users';
import { testDialects, testServices } from '../helpers/env';
import { ApiClient, apiFor, setupToken } from '../helpers/http';
import { createUser } from '../../server/commands/accounts/accounts';
import { LOGIN_LIMIT_PER_ACCOUNT } from '../../server/auth/rateLimiter';

for (const dialect of testDialects()) {
  describe(`auth (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let clock = 1_700_000_000_000;
    let client: () => ApiClient;

    beforeEach(async () => {
      clock = 1_700_000_000_000;
      ({ s, close } = await testServices(dialect, { now: () => clock }));
      client = apiFor(s).client;
      admin = { email: 'Admin@Example.org', name: 'Ada', password: 'correct horse', setupToken: await setupToken(s) };
    });
    afterEach(async () => close());

    let admin: { email: string; name: string; password: string; setupToken: string };

    it('creates the first admin once and refuses a second setup with 409', async () => {
      const a = client();
      const status = await a.get('/api/auth/status');
      expect(status.json).toEqual({ needsSetup: true });
      const first = await a.post('/api/auth/setup', admin);
      expect(first.status).toBe(201);
      expect(first.json.user).toMatchObject({ email: 'admin@example.org', isAdmin: true });
      expect(first.headers.get('set-cookie')).toMatch(/concord_session=[a-z2-7]{32}; HttpOnly; SameSite=Lax; Path=\//);
      const second = await client().post('/api/auth/setup', { ...admin, email: 'other@example.org' });
      expect(second.status).toBe(409);
      expect(second.json.error.code).toBe('conflict');
      expect(await countUsers(s.db)).toBe(1);
    });

    it('signs in, reports me, and signs out; the old cookie is then refused', async () => {
      await client().post('/api/auth/setup', admin);
      const a = client();
      const login = await a.post('/api/auth/login', { email: 'admin@example.org', password: admin.password });
      expect(login.status).toBe(200);
      const cookie = a.cookie!;
      const token = cookie.split('=')[1]!;
      // Only the SHA-256 of the token is stored.
      expect(await findSession(s.db, token)).toBeNull();
      expect(await findSession(s.db, sessionIdOf(token))).not.toBeNull();
      expect((await a.get('/api/auth/me')).json.user.name).toBe('Ada');
      expect((await a.post('/api/auth/logout')).status).toBe(204);
      const stale = new ApiClient(a.app);
      stale.cookie = cookie;
      expect((await stale.get('/api/auth/me')).status).toBe(401);
    });

    it('refuses a wrong password and an unknown account alike', async () => {
      await client().post('/api/auth/setup', admin);
      const wrong = await client().post('/api/auth/login', { email: 'admin@example.org', password: 'nope nope' });
      expect(wrong.status).toBe(401);
      expect(wrong.json.error.code).toBe('unauthenticated');
      const unknown = await client().post('/api/auth/login', { email: 'who@example.org', password: 'nope nope' });
      expect(unknown.status).toBe(401);
      expect(unknown.json.error.message).toBe(wrong.json.error.message);
    });

    it('expires a session after 30 days without use and slides it when used', async () => {
      const a = client();
      await a.post('/api/auth/setup', admin);
      clock += SESSION_TTL_MS - 1000; // in the second half: used, so extended
      expect((await a.get('/api/auth/me')).status).toBe(200);
      clock += SESSION_TTL_MS - 1000; // still inside the renewed window
      expect((await a.get('/api/auth/me')).status).toBe(200);
      clock += SESSION_TTL_MS + 1; // unused for longer than the TTL
      const expired = await a.get('/api/auth/me');
      expect(expired.status).toBe(401);
    });

    it('invalidates other sessions on password change but keeps the current one', async () => {
      const a = client();
      await a.post('/api/auth/setup', admin);
      const b = client();
      await b.post('/api/auth/login', { email: admin.email, password: admin.password });
      const changed = await a.post('/api/auth/password', { currentPassword: admin.password, newPassword: 'a new secret phrase' });
      expect(changed.status).toBe(204);
      expect((await a.get('/api/auth/me')).status).toBe(200);
      expect((await b.get('/api/auth/me')).status).toBe(401);
      expect((await client().post('/api/auth/login', { email: admin.email, password: admin.password })).status).toBe(401);
      expect((await client().post('/api/auth/login', { email: admin.email, password: 'a new secret phrase' })).status).toBe(200);
    });

    it('rate-limits repeated attempts on one account with 429 and Retry-After', async () => {
      await client().post('/api/auth/setup', admin);
      const statuses: number[] = [];
      for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT + 2; i++) {
        statuses.push((await client().post('/api/auth/login', { email: admin.email, password: 'guess ' + i })).status);
      }
      expect(statuses.slice(0, LOGIN_LIMIT_PER_ACCOUNT).every((x) => x === 401)).toBe(true);
      const limited = await client().post('/api/auth/login', { email: admin.email, password: admin.password });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      clock += 16 * 60 * 1000; // the window passes
      expect((await client().post('/api/auth/login', { email: admin.email, password: admin.password })).status).toBe(200);
    });

    it('does not let failures from another address lock a user out (issue 14 item 10)', async () => {
      const behindProxy = await testServices(dialect, { now: () => clock }, { TRUST_PROXY: '1' });
      try {
        const c = () => apiFor(behindProxy.s).client();
        await c().post('/api/auth/setup', { ...admin, setupToken: await setupToken(behindProxy.s) });
        const from = (address: string, password: string) => c().post('/api/auth/login', { email: admin.email, password }, { 'x-forwarded-for': address });
        const attacker: number[] = [];
        for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT + 2; i++) attacker.push((await from('203.0.113.9', `guess ${i}`)).status);
        expect(attacker.slice(-2)).toEqual([429, 429]);
        // The real user, from their own address, signs in at once.
        expect((await from('198.51.100.7', admin.password)).status).toBe(200);
        // The attacker's address stays refused, even with the right password.
        expect((await from('203.0.113.9', admin.password)).status).toBe(429);
      } finally {
        await behindProxy.close();
      }
    });

    it('rate-limits one address across many accounts', async () => {
      await client().post('/api/auth/setup', admin);
      let last = 0;
      for (let i = 0; i < 60; i++) last = (await client().post('/api/auth/login', { email: `u${i}@example.org`, password: 'whatever1' })).status;
      expect(last).toBe(429);
    });

    it('keys the per-address limit on X-Forwarded-For only behind a trusted proxy', async () => {
      await client().post('/api/auth/setup', admin);
      const attempt = (xff: string) => client().post('/api/auth/login', { email: `x${Math.random()}@example.org`, password: 'whatever1' }, { 'x-forwarded-for': xff });
      // TRUST_PROXY=0 (default): a forged header changes nothing, all attempts share one address.
      let last = 0;
      for (let i = 0; i < 60; i++) last = (await attempt(`10.0.0.${i}`)).status;
      expect(last).toBe(429);
      // Behind one proxy: the address nginx appended (rightmost) is the client's.
      const trusted = await testServices(dialect, { now: () => clock }, { TRUST_PROXY: '1' });
      try {
        const c = () => apiFor(trusted.s).client();
        await c().post('/api/auth/setup', { ...admin, setupToken: await setupToken(trusted.s) });
        const statuses: number[] = [];
        for (let i = 0; i < 60; i++) statuses.push((await c().post('/api/auth/login', { email: `y${i}@example.org`, password: 'whatever1' }, { 'x-forwarded-for': `forged, 10.0.1.${i}` })).status);
        expect(statuses.every((x) => x === 401)).toBe(true);
      } finally {
        await trusted.close();
      }
    });

    it('refuses a cross-origin POST that carries the session cookie', async () => {
      const a = client();
      await a.post('/api/auth/setup', admin);
      const evil = await a.post('/api/studies', { title: 'x' }, { origin: 'https://evil.example' });
      expect(evil.status).toBe(403);
      const missing = await a.call('POST', '/api/studies', { title: 'x' }, { origin: undefined as unknown as string });
      expect(missing.status).toBe(403);
      expect((await a.get('/api/studies')).json.studies).toEqual([]);
    });

    it('accepts an invitation exactly once and signs the invitee in as a member', async () => {
      const lead = client();
      await lead.post('/api/auth/setup', admin);
      const study = (await lead.post('/api/studies', { title: 'Alliance' })).json.study;
      const inv = await lead.post(`/api/studies/${study.id}/invitations`, { email: 'new@example.org', role: 'coder' });
      expect(inv.status).toBe(201);
      const token = inv.json.token as string;
      expect(inv.json.path).toBe(`/invite/${token}`);
      const preview = await client().get(`/api/invitations/${token}`);
      expect(preview.json.invitation).toMatchObject({ email: 'new@example.org', role: 'coder', studyTitle: 'Alliance' });
      const invitee = client();
      const accepted = await invitee.post(`/api/invitations/${token}/accept`, { name: 'Nia', password: 'nia-password' });
      expect(accepted.status).toBe(201);
      expect((await invitee.get(`/api/studies/${study.id}`)).json.study.role).toBe('coder');
      const again = await client().post(`/api/invitations/${token}/accept`, { name: 'Eve', password: 'eve-password' });
      expect(again.status).toBe(409);
      expect(await countUsers(s.db)).toBe(2);
    });

    it('refuses an expired invitation', async () => {
      const lead = client();
      await lead.post('/api/auth/setup', admin);
      const study = (await lead.post('/api/studies', { title: 'Alliance' })).json.study;
      const { token } = (await lead.post(`/api/studies/${study.id}/invitations`, { email: 'late@example.org', role: 'auditor' })).json;
      clock += 7 * 24 * 60 * 60 * 1000 + 1;
      const r = await client().post(`/api/invitations/${token}/accept`, { name: 'Late', password: 'late-password' });
      expect(r.status).toBe(409);
      expect(r.json.error.message).toMatch(/expired/);
    });

    it('creates users from the command line code path with hashed passwords', async () => {
      const u = await createUser(s, { email: 'cli@example.org', name: 'Cli', password: 'cli-password', isAdmin: false });
      expect(u.isAdmin).toBe(false);
      expect((await client().post('/api/auth/login', { email: 'cli@example.org', password: 'cli-password' })).status).toBe(200);
    });
  });
}
