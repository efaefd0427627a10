import type { Coincidences } from './coincidences';
import { coincidencesFromData } from './coincidences';
import type { ReliabilityData } from './reliabilityData';
import { type Estimate, estimate, undefinedBecause } from './estimate';

export const ALPHA_LEVELS = ['nominal', 'ordinal', 'interval', 'ratio'] as const;
export type AlphaLevel = (typeof ALPHA_LEVELS)[number];

/**
 * Squared difference functions metric-delta^2 (Krippendorff 2011, section E). `n` are the
 * marginal value counts n_c; only the ordinal metric needs them.
 */
function distanceMatrix(values: readonly (string | number)[], n: Float64Array, level: AlphaLevel): Float64Array {
  const q = values.length;
  const d = new Float64Array(q * q);
  if (level === 'nominal') {
    for (let c = 0; c < q; c++) for (let k = 0; k < q; k++) d[c * q + k] = c === k ? 0 : 1;
    return d;
  }
  const x = values.map((v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${level} alpha needs numeric values, got ${String(v)}`);
    return v;
  });
  if (level === 'ordinal') {
    // ordinal: (sum_{g=c..k} n_g - (n_c + n_k)/2)^2 over ranks, values already sorted ascending.
    const cumulative = new Float64Array(q + 1);
    for (let g = 0; g < q; g++) cumulative[g + 1] = (cumulative[g] ?? 0) + (n[g] ?? 0);
    for (let c = 0; c < q; c++) {
      for (let k = 0; k < q; k++) {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const between = (cumulative[hi + 1] ?? 0) - (cumulative[lo] ?? 0) - ((n[c] ?? 0) + (n[k] ?? 0)) / 2;
        d[c * q + k] = c === k ? 0 : between * between;
      }
    }
    return d;
  }
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      const a = x[c] ?? 0;
      const b = x[k] ?? 0;
      if (level === 'interval') d[c * q + k] = (a - b) ** 2;
      else {
        // ratio: ((c - k)/(c + k))^2; two zeros are identical, not undefined.
        const sum = a + b;
        d[c * q + k] = sum === 0 ? 0 : ((a - b) / sum) ** 2;
      }
    }
  }
  return d;
}

/**
 * Krippendorff's alpha from a coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability", section C/E): alpha = 1 - (n - 1) * sum o_ck d_ck / sum n_c n_k d_ck.
 */
export function alphaFromCoincidences(co: Coincidences, level: AlphaLevel = 'nominal'): Estimate {
  const q = co.values.length;
  const nc = new Float64Array(q);
  let n = 0;
  for (let c = 0; c < q; c++) {
    let row = 0;
    for (let k = 0; k < q; k++) row += co.o[c * q + k] ?? 0;
    nc[c] = row;
    n += row;
  }
  if (n < 2) return undefinedBecause('no unit has two or more values to pair');
  const d = distanceMatrix(co.values, nc, level);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      const dist = d[c * q + k] ?? 0;
      if (dist === 0) continue;
      observed += (co.o[c * q + k] ?? 0) * dist;
      expected += (nc[c] ?? 0) * (nc[k] ?? 0) * dist;
    }
  }
  // Guard against rounding: a denominator this small relative to n^2 means "no variation".
  if (expected <= 1e-12 * n * n) return undefinedBecause('no variation: every pairable value is the same, so chance agreement is total');
  return estimate(1 - ((n - 1) * observed) / expected);
}

/** Krippendorff's alpha of a reliability data matrix (any number of coders, missing values allowed). */
export function krippendorffAlpha(data: ReliabilityData, level: AlphaLevel = 'nominal'): Estimate {
  return alphaFromCoincidences(coincidencesFromData(data), level);
}

/** n, the number of pairable values (the total of the coincidence matrix). */
export function pairableValues(co: Coincidences): number {
  let n = 0;
  for (const v of co.o) n += v;
  return n;
}
