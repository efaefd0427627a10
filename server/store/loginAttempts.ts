import type { Database } from './database';

/** What a login attempt is counted against (migrations/0005). */
export const LoginAttemptKind = { account: 'account', ip: 'ip' } as const;
export type LoginAttemptKind = (typeof LoginAttemptKind)[keyof typeof LoginAttemptKind];

export interface AttemptWindow {
  /** Attempts in the window, this one included. */
  attempts: number;
  windowStart: number;
}

/**
 * Counts one attempt for `key` (a digest, see server/auth/loginLimiter.ts) in one statement:
 * a new key or an expired window starts a window at `now` with 1, else the count goes up by 1.
 * The upsert holds the row lock from the conflict check to the returned count, so two nodes
 * counting the same key at once are serialised and each sees the other's attempt: the count
 * returned is the true position of this attempt in the window, never a stale read.
 */
export async function takeLoginAttempt(db: Database, a: { kind: LoginAttemptKind; key: string; now: number; windowMs: number }): Promise<AttemptWindow> {
  const r = await db
    .insertInto('login_attempts')
    .values({ kind: a.kind, key: a.key, window_start: a.now, attempts: 1 })
    .onConflict((oc) =>
      oc.columns(['kind', 'key']).doUpdateSet((eb) => {
        // Both assignments read the row as it was before this update (SQL semantics on both dialects).
        const expired = eb('login_attempts.window_start', '<=', a.now - a.windowMs);
        return {
          window_start: eb.case().when(expired).then(a.now).else(eb.ref('login_attempts.window_start')).end(),
          attempts: eb.case().when(expired).then(1).else(eb('login_attempts.attempts', '+', 1)).end(),
        };
      }),
    )
    .returning(['attempts', 'window_start'])
    .executeTakeFirstOrThrow();
  return { attempts: Number(r.attempts), windowStart: Number(r.window_start) };
}

/** Forgets the key's window (a successful login resets the per-account count). */
export async function resetLoginAttempts(db: Database, kind: LoginAttemptKind, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('kind', '=', kind).where('key', '=', key).execute();
}

/**
 * Deletes at most `max` windows of `kind` that started at or before `cutoff`; returns how many.
 * The outer `window_start` condition is repeated on purpose: on PostgreSQL a row that another
 * node restarted between the sub-select and the delete is re-checked against it and kept, so
 * the sweep never erases a live count.
 */
export async function deleteExpiredLoginAttempts(db: Database, kind: LoginAttemptKind, cutoff: number, max: number): Promise<number> {
  const r = await db
    .deleteFrom('login_attempts')
    .where('kind', '=', kind)
    .where('window_start', '<=', cutoff)
    .where('key', 'in', (eb) => eb.selectFrom('login_attempts').select('key').where('kind', '=', kind).where('window_start', '<=', cutoff).limit(max))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
