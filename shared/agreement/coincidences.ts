import type { ReliabilityData, Value } from './reliabilityData';
import { sortedValues } from './reliabilityData';

/**
 * Coincidence matrix o_ck (Krippendorff 2011, eq. for o_ck in section C): every ordered pair of
 * values from different coders within a unit, weighted 1/(m_u - 1) so that each pairable value
 * contributes exactly 1 in total. Units with fewer than two values are not pairable and add nothing.
 */
export interface Coincidences {
  readonly values: readonly Value[];
  /** q x q, row-major: o[c * q + k]. */
  readonly o: Float64Array;
}

export function emptyCoincidences(values: readonly Value[]): Coincidences {
  return { values, o: new Float64Array(values.length * values.length) };
}

/** Adds one unit, given as the counts n_uc of each value index c in it. */
export function addUnitCounts(target: Coincidences, counts: ArrayLike<number>, weight = 1): void {
  const q = target.values.length;
  let mu = 0;
  for (let c = 0; c < q; c++) mu += counts[c] ?? 0;
  if (mu < 2) return;
  const scale = weight / (mu - 1);
  for (let c = 0; c < q; c++) {
    const nc = counts[c] ?? 0;
    if (nc === 0) continue;
    for (let k = 0; k < q; k++) {
      const nk = counts[k] ?? 0;
      if (nk === 0) continue;
      // Ordered pairs from different coders: n_c * n_k for c != k, n_c * (n_c - 1) on the diagonal.
      const pairs = c === k ? nc * (nc - 1) : nc * nk;
      target.o[c * q + k] = (target.o[c * q + k] ?? 0) + pairs * scale;
    }
  }
}

/** Per-unit value counts n_uc (value index per column), the shared input of alpha, Fleiss and the bootstrap. */
export function unitCounts(data: ReliabilityData, values: readonly Value[] = sortedValues(data)): number[][] {
  const index = new Map<Value, number>();
  values.forEach((v, i) => index.set(v, i));
  return data.units.map((row) => {
    const counts = new Array<number>(values.length).fill(0);
    for (const v of row) {
      if (v === null) continue;
      const i = index.get(v);
      if (i === undefined) throw new RangeError(`value ${String(v)} is not among the declared values`);
      counts[i] = (counts[i] ?? 0) + 1;
    }
    return counts;
  });
}

export function coincidencesFromData(data: ReliabilityData): Coincidences {
  const values = sortedValues(data);
  const result = emptyCoincidences(values);
  for (const counts of unitCounts(data, values)) addUnitCounts(result, counts);
  return result;
}

/** Adds b into a (same values); pooling across units is additive in o. */
export function addCoincidences(a: Coincidences, b: Coincidences): void {
  for (let i = 0; i < a.o.length; i++) a.o[i] = (a.o[i] ?? 0) + (b.o[i] ?? 0);
}
