/** One coder's value for one unit; `null` is a missing value. */
export type Value = string | number;

/**
 * A reliability data matrix (Krippendorff 2011, section A): one row per unit, one column per
 * coder, `null` where a coder gave no value.
 */
export interface ReliabilityData {
  readonly coders: readonly string[];
  readonly units: ReadonlyArray<ReadonlyArray<Value | null>>;
}

/** The distinct values of the data in ascending order (numbers numerically, strings by code unit). */
export function sortedValues(data: ReliabilityData): Value[] {
  const seen = new Set<Value>();
  for (const row of data.units) for (const v of row) if (v !== null) seen.add(v);
  return [...seen].sort(compareValues);
}

export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
