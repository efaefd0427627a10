/** Whether two lists hold the same items (by identity) in the same order. */
export function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

/**
 * `prev` when it holds the same items as `next` (by identity, in order), else `next`: a list that
 * did not change keeps its identity, so what is memoised on it is not computed or rendered again.
 */
export function keepSameElements<T>(prev: readonly T[] | undefined, next: readonly T[]): readonly T[] {
  return prev !== undefined && sameElements(prev, next) ? prev : next;
}
