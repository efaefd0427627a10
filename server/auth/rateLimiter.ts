/**
 * An attempt counter with growing delays. Threat: online password guessing against one account
 * from one address (per account+address key) or against many accounts from one address
 * (per-address key). Not a hard lock: the first `limit` attempts of a window run at once, then
 * each further attempt must wait twice as long as the one before (see `earliestAttemptMs`), and
 * a quiet window forgets everything. Keys always include the guesser's own address, so failing
 * on purpose from elsewhere never delays the real user (issue 14 item 10).
 *
 * `take` counts the attempt synchronously before any await, so a burst of parallel logins cannot
 * slip past the schedule while password hashes run. In-memory, so per process: on several nodes
 * it is the first stage of a login limit and a counter in PostgreSQL the second (loginLimiter.ts).
 */
export class RateLimiter {
  readonly #windows = new Map<string, { count: number; startedAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** Bound on tracked keys so spraying random keys cannot grow memory without limit. */
    readonly maxKeys = 100_000,
  ) {}

  /** Counts an attempt; returns the seconds to wait when it comes too early, else 0 (a refused attempt is not counted). */
  take(key: string, now: number): number {
    let w = this.#windows.get(key);
    if (!w || now >= w.startedAt + this.windowMs) {
      if (this.#windows.size >= this.maxKeys) this.#sweep(now);
      w = { count: 0, startedAt: now };
      this.#windows.set(key, w);
    }
    const wait = waitSeconds(w.startedAt, w.count + 1, this.limit, this.windowMs, now);
    if (wait) return wait;
    w.count++;
    return 0;
  }

  reset(key: string): void {
    this.#windows.delete(key);
  }

  #sweep(now: number): void {
    for (const [k, w] of this.#windows) if (now >= w.startedAt + this.windowMs) this.#windows.delete(k);
    // Still full: drop the oldest windows (Map iterates in insertion order).
    for (const k of this.#windows.keys()) {
      if (this.#windows.size < this.maxKeys) break;
      this.#windows.delete(k);
    }
  }
}

/** Attempts of a window that run without delay, per account+address and per address. */
export const LOGIN_LIMIT_PER_ACCOUNT = 10;
export const LOGIN_LIMIT_PER_IP = 50;
/** A window lasts this long from its first attempt; the longest delay is the rest of it. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** The first delay after the free attempts; each later one doubles. */
export const LOGIN_BACKOFF_BASE_MS = 1000;

/**
 * How long after its window started attempt `n` (1-based) may run: 0 for the first `limit`, then
 * base x (2^k - 1) for the k-th attempt past them (1 s, 3 s, 7 s, 15 s, ... after the start), so
 * the gap between attempts doubles. A window therefore admits at most `limit` + log2(window /
 * base) attempts (20 per account and address in 15 minutes with the values above).
 */
export function earliestAttemptMs(n: number, limit: number): number {
  if (n <= limit) return 0;
  const k = Math.min(n - limit, 40);
  return LOGIN_BACKOFF_BASE_MS * (2 ** k - 1);
}

/**
 * Seconds until attempt `n` of a window that started at `startedAt` may run (capped at the window's end), or 0.
 * The first `limit` attempts never wait, even when `now` is before `startedAt`: parallel attempts
 * read the clock before their shared-counter upserts, which PostgreSQL may run in another order,
 * so the window can start at a later attempt's time than an earlier attempt's `now`.
 */
export function waitSeconds(startedAt: number, n: number, limit: number, windowMs: number, now: number): number {
  if (n <= limit) return 0;
  const at = startedAt + Math.min(earliestAttemptMs(n, limit), windowMs);
  return now >= at ? 0 : Math.max(1, Math.ceil((at - now) / 1000));
}
