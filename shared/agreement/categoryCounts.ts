/**
 * Units as category counts n_uj (the notation of Fleiss 1971): how many coders put unit u in
 * category j. `weight` lets identical units be stored once (a theme's lines collapse to a few
 * distinct count patterns), which keeps study-wide computations proportional to codings.
 */
export interface CountRow {
  readonly counts: ArrayLike<number>;
  readonly weight: number;
}

export interface CategoryCounts {
  /** Number of categories q. */
  readonly q: number;
  readonly rows: readonly CountRow[];
}

export function rowTotal(row: CountRow): number {
  let total = 0;
  for (let j = 0; j < row.counts.length; j++) total += row.counts[j] ?? 0;
  return total;
}
