// @node-rs/argon2 is loaded on the first password hashed or checked, not at start.
const argon2 = () => import('@node-rs/argon2');

// argon2id with the OWASP 2023 minimum (m=19 MiB, t=2, p=1): strong enough, and quick enough
// that a 2-core server can absorb a burst of logins.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 /* Argon2id */ } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
  return argon2().then(({ hash }) => hash(password, OPTIONS));
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    const { verify } = await argon2();
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
