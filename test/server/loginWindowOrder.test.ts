import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sharedLoginLimiter } from '../../server/auth/loginLimiter';
import { LOGIN_WINDOW_MS, waitSeconds } from '../../server/auth/rateLimiter';
import { createLogger } from '../../server/log';
import type { Services } from '../../server/services';
import { LoginAttemptKind } from '../../server/store/loginAttempts';
import { testDialects, testServices } from '../helpers/env';

// Parallel sign-ins read the clock before their shared-counter upserts, and PostgreSQL may run
// those upserts in another order: the window can start at a later attempt's time. An attempt
// within the free limit must never be refused for that (it was, once in a while, under load).
describe('attempts within the limit never wait, whatever order their clocks reach the counter', () => {
  it('waitSeconds: the first `limit` attempts are free even before the window start', () => {
    expect(waitSeconds(1_000, 2, 10, LOGIN_WINDOW_MS, 997)).toBe(0);
    expect(waitSeconds(1_000, 10, 10, LOGIN_WINDOW_MS, 0)).toBe(0);
    // Past the limit the schedule still holds: the 11th waits a second after the window start.
    expect(waitSeconds(1_000, 11, 10, LOGIN_WINDOW_MS, 1_500)).toBe(1);
    expect(waitSeconds(1_000, 11, 10, LOGIN_WINDOW_MS, 2_000)).toBe(0);
  });

  for (const dialect of testDialects().filter((d) => d === 'postgres')) {
    describe('the shared counter (postgres)', () => {
      let s: Services;
      let close: () => Promise<void>;
      beforeEach(async () => ({ s, close } = await testServices(dialect)));
      afterEach(async () => close());

      it('admits a later-counted attempt with an earlier clock, and still refuses the one past the limit', async () => {
        const limiter = sharedLoginLimiter(s.db, LoginAttemptKind.account, 3, LOGIN_WINDOW_MS, createLogger('silent'));
        const t = 1_700_000_000_000;
        expect(await limiter.confirm('ana\n10.0.0.1', t + 5)).toBe(0);
        expect(await limiter.confirm('ana\n10.0.0.1', t)).toBe(0);
        expect(await limiter.confirm('ana\n10.0.0.1', t + 1)).toBe(0);
        expect(await limiter.confirm('ana\n10.0.0.1', t + 6)).toBe(1);
      });
    });
  }
});
