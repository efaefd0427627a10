import type { Services } from '../../services';

// Resolving reads an item's current revision, writes the consensus, then the discussion: two
// documents, so two commits. Within one process the steps of one transcript run one at a time,
// so two leads resolving the same item at once get revisions n+1 and n+2, never two n+1.
const chains = new WeakMap<Services, Map<string, Promise<unknown>>>();

/** Runs `fn` after every earlier call for the same key on these services has settled. */
export function serialised<T>(s: Services, key: string, fn: () => Promise<T>): Promise<T> {
  let byKey = chains.get(s);
  if (!byKey) chains.set(s, (byKey = new Map()));
  const previous = byKey.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  byKey.set(key, settled);
  void settled.then(() => {
    if (byKey.get(key) === settled) byKey.delete(key);
  });
  return run;
}
