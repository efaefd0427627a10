import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Logger } from '../log';
import type { Database } from '../store/database';
import { type LoginAttemptKind, deleteExpiredLoginAttempts, resetLoginAttempts, takeLoginAttempt } from '../store/loginAttempts';
import { RateLimiter, waitSeconds } from './rateLimiter';

/**
 * One login limit (per account or per client address), counted in two stages before the
 * password hash runs. Threat: online password guessing, against one account or across many
 * accounts from one address; on several nodes, guesses spread over the nodes by the load
 * balancer (or aimed at each node in turn) to multiply the limit by the node count.
 *
 * 1. `take`, synchronous: this process's in-memory window (RateLimiter), counted before any
 *    await, so a burst of parallel attempts on one node is cut at the limit without a query.
 * 2. `confirm`, only for an attempt stage 1 let through: the window every node shares
 *    (PostgreSQL), counted atomically, so attempts on all nodes together stay within the limit.
 *
 * Both answer the seconds to wait when the attempt comes earlier than the schedule of growing
 * delays allows (rateLimiter.ts `earliestAttemptMs`), else 0.
 */
export interface LoginLimiter {
  readonly limit: number;
  readonly windowMs: number;
  take(key: string, now: number): number;
  /** Never rejects: when the shared counter cannot be reached the attempt is refused (fail closed). */
  confirm(key: string, now: number): Promise<number>;
  /** After a successful login: forgets the key's window on this node and in the shared counter. */
  reset(key: string): Promise<void>;
}

/** One process (SQLite, the default): its memory sees every attempt there is. */
export function localLoginLimiter(limit: number, windowMs: number): LoginLimiter {
  const local = new RateLimiter(limit, windowMs);
  return {
    limit,
    windowMs,
    take: (key, now) => local.take(key, now),
    confirm: async () => 0,
    reset: async (key) => local.reset(key),
  };
}

/**
 * Retry-After when the shared counter failed. Letting the attempt through would make the limit
 * disappear whenever the database is slow or failing, which an attacker can provoke; the login
 * itself needs the database a moment later anyway.
 */
export const LIMITER_FAILED_RETRY_S = 10;
/** How often one node deletes expired windows of a kind, while it is not behind. */
export const SWEEP_INTERVAL_MS = 60_000;
/**
 * Windows deleted per statement, so one sweep never holds many row locks or runs long inside a
 * login. A node that deleted a full batch sweeps again on its next attempt: every attempt adds at
 * most one row per kind and removes up to this many, so expired rows cannot pile up (a spray of
 * random emails from many addresses otherwise grows the table by one row per guess).
 */
export const SWEEP_BATCH = 1000;

/**
 * Several nodes on one PostgreSQL: stage 1 in memory as on one node, stage 2 in `login_attempts`
 * (store/loginAttempts.ts). Keys are stored as their SHA-256, so the table and its backups hold
 * no plain emails or addresses. That is pseudonymisation, not secrecy: a known email or the
 * IPv4 space can be hashed and compared; the rows live for one window.
 *
 * A success on one node resets that node's memory and the shared window, not other nodes'
 * memory: their local counts still run out their window. That only ever refuses earlier, never
 * lets more attempts through.
 */
export function sharedLoginLimiter(db: Database, kind: LoginAttemptKind, limit: number, windowMs: number, log: Logger): LoginLimiter {
  const local = new RateLimiter(limit, windowMs);
  const digest = (key: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(key)));
  let nextSweepAt = 0;

  const sweep = async (now: number) => {
    if (now < nextSweepAt) return;
    // Claimed before the await: parallel attempts on this node do not all sweep.
    nextSweepAt = now + SWEEP_INTERVAL_MS;
    try {
      const deleted = await deleteExpiredLoginAttempts(db, kind, now - windowMs, SWEEP_BATCH);
      if (deleted >= SWEEP_BATCH) nextSweepAt = now;
    } catch (error) {
      // The count itself succeeded; a missed sweep is retried at the next interval.
      log.warn('login_limiter_sweep_failed', { kind, error: String(error) });
    }
  };

  return {
    limit,
    windowMs,
    take: (key, now) => local.take(key, now),
    confirm: async (key, now) => {
      let attempts: number;
      let windowStart: number;
      try {
        ({ attempts, windowStart } = await takeLoginAttempt(db, { kind, key: digest(key), now, windowMs }));
      } catch (error) {
        log.error('login_limiter_failed', { kind, error: String(error) });
        return LIMITER_FAILED_RETRY_S;
      }
      await sweep(now);
      // The shared count includes attempts refused here (the upsert counts every one that got
      // past this node's memory), so hammering across nodes only pushes the schedule further out.
      return waitSeconds(windowStart, attempts, limit, windowMs, now);
    },
    reset: async (key) => {
      local.reset(key);
      try {
        await resetLoginAttempts(db, kind, digest(key));
      } catch (error) {
        // The login succeeded; the stale window only refuses earlier and expires on its own.
        log.warn('login_limiter_reset_failed', { kind, error: String(error) });
      }
    },
  };
}
