import type * as Y from 'yjs';
import { type HasDocs, withDocs } from '../../ydocs/withDoc';

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

/**
 * A read model kept in `memo` per state of the documents it is built from. The documents are read
 * together (withDocs, one instant): `keyOf` names their state (their versions and whatever else
 * the model depends on), and `read` takes what the model needs from them, only when no model is
 * kept for that key (reading validates every record, which is the cost being saved). `build` makes
 * the model; a promise that fails is forgotten, so the next request tries again.
 */
export async function keptOverDocs<T, R>(
  s: HasDocs,
  memo: StateMemo<T>,
  names: readonly string[],
  keyOf: (docs: readonly Y.Doc[]) => string,
  read: (docs: readonly Y.Doc[]) => R,
  build: (read: R) => T,
): Promise<T> {
  for (;;) {
    const { key, got } = await withDocs(s, names, (docs) => {
      const k = keyOf(docs);
      return { key: k, got: memo.get(k) === undefined ? { value: read(docs) } : null };
    });
    const kept = memo.get(key);
    if (kept !== undefined) return kept;
    if (!got) continue; // dropped from the memo meanwhile: read again
    const value = memo.set(key, build(got.value));
    if (value instanceof Promise) value.catch(() => memo.delete(key));
    return value;
  }
}
