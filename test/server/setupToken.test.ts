import { afterEach, describe, expect, it } from 'vitest';
import { issueSetupToken, SETUP_TOKEN_TTL_MS } from '../../server/commands/accounts/setupToken';
import { LOGIN_LIMIT_PER_IP } from '../../server/auth/rateLimiter';
import { parseConfig } from '../../server/config';
import { countUsers } from '../../server/store/users';
import { testDialects, testServer, testServices } from '../helpers/env';
import { apiFor } from '../helpers/http';

// Issue 14 item 14: before the first account exists, reaching the port must not be enough to
// become admin. The server makes a one-time token at start (the operator reads it on the console).
for (const dialect of testDialects()) {
  describe(`first-account setup token (${dialect})`, () => {
    const closers: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const close of closers.splice(0)) await close();
    });
    const account = { email: 'first@example.org', name: 'First', password: 'first-password' };
    const setup = (url: string, body: object) =>
      fetch(`${url}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));

    it('refuses setup without the token, with a wrong one and with a used one; the token works once', async () => {
      const { server, close } = await testServer(dialect);
      closers.push(close);
      expect(server.setupToken?.token).toMatch(/^[a-z2-7]{32}$/);
      const token = server.setupToken!.token;
      const stored = await server.services.db.selectFrom('setup_tokens').selectAll().execute();
      // Only the hash is stored.
      expect(stored.map((r) => r.token_hash)).not.toContain(token);
      expect(stored).toHaveLength(1);

      const missing = await setup(server.url, account);
      expect(missing).toMatchObject({ status: 403, json: { error: { code: 'setup_token_invalid' } } });
      const wrong = await setup(server.url, { ...account, setupToken: `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}` });
      expect(wrong).toMatchObject({ status: 403, json: { error: { code: 'setup_token_invalid' } } });
      expect(await countUsers(server.services.db)).toBe(0);

      const ok = await setup(server.url, { ...account, setupToken: token });
      expect(ok.status).toBe(201);
      expect(ok.json.user).toMatchObject({ email: 'first@example.org', isAdmin: true });
      // Used: every token is gone, a second setup with it changes nothing.
      expect(await server.services.db.selectFrom('setup_tokens').selectAll().execute()).toEqual([]);
      const again = await setup(server.url, { ...account, email: 'second@example.org', setupToken: token });
      expect(again.status).toBe(409);
      expect(await countUsers(server.services.db)).toBe(1);
      // Once an account exists no token is made.
      expect(await issueSetupToken(server.services, { replace: true })).toBeNull();
    });

    it('a fresh token (the CLI function) replaces the earlier one; a token expires after 24 hours', async () => {
      let clock = 1_800_000_000_000;
      const { s, close } = await testServices(dialect, { now: () => clock });
      closers.push(close);
      const client = apiFor(s).client;
      const first = (await issueSetupToken(s, { replace: true }))!;
      const second = (await issueSetupToken(s, { replace: true }))!;
      expect((await client().post('/api/auth/setup', { ...account, setupToken: first.token })).json.error.code).toBe('setup_token_invalid');
      expect(second.expiresAt).toBe(clock + SETUP_TOKEN_TTL_MS);
      clock = second.expiresAt;
      expect((await client().post('/api/auth/setup', { ...account, setupToken: second.token })).status).toBe(403);
      expect(await countUsers(s.db)).toBe(0);
      const third = (await issueSetupToken(s, { replace: true }))!;
      expect((await client().post('/api/auth/setup', { ...account, setupToken: third.token })).status).toBe(201);
    });

    it('rate-limits guessing like sign-in', async () => {
      // A fixed clock: the limit's growing delays must not run out while a slow machine sends the attempts.
      const { s, close } = await testServices(dialect, { now: () => 1_800_000_000_000 });
      closers.push(close);
      const client = apiFor(s).client;
      const token = (await issueSetupToken(s, { replace: true }))!.token;
      const statuses: number[] = [];
      for (let i = 0; i <= LOGIN_LIMIT_PER_IP; i++) statuses.push((await client().post('/api/auth/setup', { ...account, setupToken: `guess-${i}-aaaaaaaaaaaaaaaa` })).status);
      expect(statuses.slice(0, LOGIN_LIMIT_PER_IP).every((x) => x === 403)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      // Even the right token waits now: the limit is counted before the token is checked.
      expect((await client().post('/api/auth/setup', { ...account, setupToken: token })).status).toBe(429);
      expect(await countUsers(s.db)).toBe(0);
    });

    it('uses CONCORD_SETUP_TOKEN when the operator sets one, and refuses a short one', async () => {
      const chosen = 'an operator chosen setup token';
      const { server, close } = await testServer(dialect, {}, { CONCORD_SETUP_TOKEN: chosen });
      closers.push(close);
      expect(server.setupToken?.token).toBe(chosen);
      expect(String(server.services.config.setupToken)).toBe('[hidden]');
      expect((await setup(server.url, { ...account, setupToken: chosen })).status).toBe(201);
      expect(() => parseConfig({ CONCORD_SETUP_TOKEN: 'short' })).toThrow(/CONCORD_SETUP_TOKEN: at least 16 characters/);
    });
  });
}
