import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD_HASH_OPTIONS, hashPassword, setPasswordHashCostForTests, verifyPassword } from '../../server/auth/passwords';

// The other test files hash at a test-only small cost (test/setupCheapHashing.ts); this one checks
// what a server stores: argon2id at the OWASP 2023 minimum (m=19 MiB, t=2, p=1).
describe('password hashing cost', () => {
  afterAll(() => setPasswordHashCostForTests({ memoryCost: 1024, timeCost: 1 }));

  it('stores argon2id with m=19456, t=2, p=1, and a hash made at the test cost still checks', async () => {
    const cheap = await hashPassword('correct horse battery');
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    setPasswordHashCostForTests(null);
    expect(PASSWORD_HASH_OPTIONS).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 });
    const real = await hashPassword('correct horse battery');
    expect(real).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(real, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(real, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword(cheap, 'correct horse battery')).toBe(true);
  });
});
