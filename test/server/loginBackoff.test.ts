import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP } from '../../server/auth/rateLimiter';
import { createUser } from '../../server/commands/accounts/accounts';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { apiFor } from '../helpers/http';

const ANA = { email: 'ana@example.org', password: 'ana-password' };

for (const dialect of testDialects()) {
  describe(`sign-in delays grow instead of locking out (${dialect}, issue 14 item 10)`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let clock = 1_700_000_000_000;

    beforeEach(async () => {
      clock = 1_700_000_000_000;
      // TRUST_PROXY=1: the client address is the one nginx would append, so tests can use several.
      ({ s, close } = await testServices(dialect, { now: () => clock }, { TRUST_PROXY: '1' }));
      await createUser(s, { ...ANA, name: 'Ana', isAdmin: false });
    });
    afterEach(async () => close());

    const from = async (address: string, email: string, password: string) => {
      const r = await apiFor(s).client().post('/api/auth/login', { email, password }, { 'x-forwarded-for': address });
      const retry = r.headers.get('retry-after');
      return { status: r.status, code: r.json?.error?.code ?? r.json?.code ?? null, retryAfter: retry === null ? null : Number(retry), json: r.json };
    };

    it('after the free attempts each further one waits twice as long as the one before, announced by 429 + Retry-After + rate_limited', async () => {
      for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT; i++) expect((await from('203.0.113.9', ANA.email, `guess ${i}`)).status).toBe(401);
      const waits: number[] = [];
      for (let round = 0; round < 5; round++) {
        const early = await from('203.0.113.9', ANA.email, 'too early');
        expect(early.status).toBe(429);
        expect(JSON.stringify(early.json)).toContain('rate_limited');
        waits.push(early.retryAfter!);
        // One millisecond short of the announced wait is still too early; at the wait it runs.
        clock += early.retryAfter! * 1000 - 1;
        expect((await from('203.0.113.9', ANA.email, 'still early')).status).toBe(429);
        clock += 1;
        expect((await from('203.0.113.9', ANA.email, `guess after ${round}`)).status).toBe(401);
      }
      expect(waits).toEqual([1, 2, 4, 8, 16]);
    });

    it('is not a hard lock: the right password after the announced wait signs in and starts afresh', async () => {
      for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT; i++) await from('203.0.113.9', ANA.email, `guess ${i}`);
      const refused = await from('203.0.113.9', ANA.email, ANA.password);
      expect(refused.status).toBe(429);
      clock += refused.retryAfter! * 1000;
      expect((await from('203.0.113.9', ANA.email, ANA.password)).status).toBe(200);
      // The success forgot the account's delays on this address: ten free attempts again.
      for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT; i++) expect((await from('203.0.113.9', ANA.email, `again ${i}`)).status).toBe(401);
    });

    it('delays an attacker hammering from one address without ever delaying the real user at another', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 3 * LOGIN_LIMIT_PER_ACCOUNT; i++) statuses.push((await from('203.0.113.9', ANA.email, `guess ${i}`)).status);
      expect(statuses.filter((x) => x === 401)).toHaveLength(LOGIN_LIMIT_PER_ACCOUNT);
      expect((await from('198.51.100.7', ANA.email, ANA.password)).status).toBe(200);
      expect((await from('203.0.113.9', ANA.email, ANA.password)).status).toBe(429);
    });

    it('delays one address spraying many accounts after the per-address free attempts, and only that address', async () => {
      for (let i = 0; i < LOGIN_LIMIT_PER_IP; i++) expect((await from('203.0.113.9', `victim${i}@example.org`, 'guess')).status).toBe(401);
      const early = await from('203.0.113.9', 'victim-next@example.org', 'guess');
      expect([early.status, early.retryAfter]).toEqual([429, 1]);
      expect((await from('198.51.100.7', ANA.email, ANA.password)).status).toBe(200);
      clock += 1000;
      expect((await from('203.0.113.9', 'victim-next@example.org', 'guess')).status).toBe(401);
    });
  });
}
