// @node-rs/argon2 is loaded on the first password hashed or checked, not at start.
const argon2 = () => import('@node-rs/argon2');

// argon2id with the OWASP 2023 minimum (m=19 MiB, t=2, p=1): strong enough, and quick enough
// that a 2-core server can absorb a burst of logins.
export const PASSWORD_HASH_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 /* Argon2id */ } as const;
type HashOptions = { memoryCost: number; timeCost: number; parallelism: number; algorithm: 2 };
let options: HashOptions = PASSWORD_HASH_OPTIONS;

/**
 * Test processes only (test/setupCheapHashing.ts, vitest.config.ts setupFiles): the cost of hashes
 * made from now on in this process; null restores PASSWORD_HASH_OPTIONS. The suite hashes and checks
 * thousands of seeded passwords at ~30-60 ms each; checks read the cost from the stored hash, so
 * login and every door behave the same. No configuration or environment variable reaches it, and
 * servers in child processes (CLI, crash tests) keep the real cost. test/server/passwordCost.test.ts
 * checks the real one.
 */
export function setPasswordHashCostForTests(cost: { memoryCost: number; timeCost: number } | null): void {
  options = cost ? { ...PASSWORD_HASH_OPTIONS, ...cost } : PASSWORD_HASH_OPTIONS;
}

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
  return argon2().then(({ hash }) => hash(password, options));
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    const { verify } = await argon2();
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
