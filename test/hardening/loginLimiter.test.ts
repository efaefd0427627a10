import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP } from '../../server/auth/rateLimiter';
import { createUser } from '../../server/commands/accounts/accounts';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { apiFor } from '../helpers/http';
import { logSink } from './logSink';

const ATTEMPTS = 1000;

/** Status counts of `ATTEMPTS` sign-ins started at once (app.request: one client address). */
async function storm(s: Services, body: (i: number) => { email: string; password: string }) {
  const { client } = apiFor(s);
  const statuses = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => client().post('/api/auth/login', body(i)).then((r) => r.status)));
  const counts = new Map<number, number>();
  for (const st of statuses) counts.set(st, (counts.get(st) ?? 0) + 1);
  return counts;
}

for (const dialect of testDialects()) {
  describe(`login limiter under 1,000 parallel attempts (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    const sink = logSink();

    beforeEach(async () => {
      sink.entries.length = 0;
      ({ s, close } = await testServices(dialect, { log: sink.log }));
      await createUser(s, { email: 'ana@example.org', name: 'Ana', password: 'ana-password', isAdmin: false });
    });
    afterEach(async () => close());

    it('checks at most the per-account limit of passwords for one account; the rest get 429 and are logged', async () => {
      const counts = await storm(s, () => ({ email: 'ana@example.org', password: 'wrong-password' }));
      // A refusal for any other reason than the limit (the shared counter failing closed, say) is named in the message.
      const other = sink.entries.filter((e) => e.level !== 'info' && e.event !== 'login_rate_limited').slice(0, 3);
      expect(counts.get(401), JSON.stringify(other)).toBe(LOGIN_LIMIT_PER_ACCOUNT);
      expect(counts.get(429)).toBe(ATTEMPTS - LOGIN_LIMIT_PER_ACCOUNT);
      expect([...counts.keys()].sort()).toEqual([401, 429]);
      expect(sink.count('login_rate_limited')).toBe(ATTEMPTS - LOGIN_LIMIT_PER_ACCOUNT);
    });

    it('caps a spray over 1,000 accounts from one address at the per-address limit', async () => {
      const counts = await storm(s, (i) => ({ email: `victim${i}@example.org`, password: 'guess' }));
      expect(counts.get(401)).toBe(LOGIN_LIMIT_PER_IP);
      expect(counts.get(429)).toBe(ATTEMPTS - LOGIN_LIMIT_PER_IP);
    });

    it('still caps parallel sign-ins with the right password (a success resets only the account window)', async () => {
      const counts = await storm(s, () => ({ email: 'ana@example.org', password: 'ana-password' }));
      const accepted = counts.get(200) ?? 0;
      expect(accepted).toBeGreaterThan(0);
      expect(accepted).toBeLessThanOrEqual(LOGIN_LIMIT_PER_IP);
      expect(accepted + (counts.get(429) ?? 0)).toBe(ATTEMPTS);
    });
  });
}
