/**
 * A fixed-window attempt counter. `take` counts the attempt synchronously before any await,
 * so a burst of parallel logins cannot slip past the limit while password hashes run.
 * Threat: online password guessing against one account (per-account key) or many
 * accounts from one address (per-IP key). In-memory, so per process: on several nodes it is the
 * first stage of a login limit and a counter in PostgreSQL the second (loginLimiter.ts).
 */
export class RateLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** Bound on tracked keys so spraying random keys cannot grow memory without limit. */
    readonly maxKeys = 100_000,
  ) {}

  /** Counts an attempt; returns the seconds to wait when over the limit, else 0. */
  take(key: string, now: number): number {
    let w = this.#windows.get(key);
    if (!w || now >= w.resetAt) {
      if (this.#windows.size >= this.maxKeys) this.#sweep(now);
      w = { count: 0, resetAt: now + this.windowMs };
      this.#windows.set(key, w);
    }
    if (w.count >= this.limit) return Math.max(1, Math.ceil((w.resetAt - now) / 1000));
    w.count++;
    return 0;
  }

  reset(key: string): void {
    this.#windows.delete(key);
  }

  #sweep(now: number): void {
    for (const [k, w] of this.#windows) if (now >= w.resetAt) this.#windows.delete(k);
    // Still full: drop the oldest windows (Map iterates in insertion order).
    for (const k of this.#windows.keys()) {
      if (this.#windows.size < this.maxKeys) break;
      this.#windows.delete(k);
    }
  }
}

export const LOGIN_LIMIT_PER_ACCOUNT = 10;
export const LOGIN_LIMIT_PER_IP = 50;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
