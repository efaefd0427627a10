/**
 * A bounded memo of read models keyed by the state of their inputs (document versions from
 * docVersion, the rows they read): a key names one state exactly, so an entry is never stale, only
 * unused; the least recently used entries go first once `max` are kept.
 */
export class StateMemo<T> {
  readonly #entries = new Map<string, T>();

  constructor(private readonly max: number) {}

  get(key: string): T | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: T): T {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value as string);
    return value;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** The value for `key`, computed by `compute` when not kept. */
  getOr(key: string, compute: () => T): T {
    return this.get(key) ?? this.set(key, compute());
  }
}
