import { binomial } from './binomial';
import type { CategoryCounts, CountRow } from './categoryCounts';
import { rowTotal } from './categoryCounts';
import { type Coincidences, addUnitCounts, emptyCoincidences } from './coincidences';
import { type AlphaLevel, alphaFromCoincidences } from './krippendorffAlpha';
import { type Random, mulberry32 } from './prng';
import type { Value } from './reliabilityData';

export interface BootstrapOptions {
  readonly replicates: number;
  readonly seed: number;
  /** Two-sided confidence, default 0.95. */
  readonly confidence?: number;
}

export interface BootstrapInterval {
  readonly lower: number | null;
  readonly upper: number | null;
  readonly confidence: number;
  readonly replicates: number;
  readonly seed: number;
  /** Replicates in which alpha was undefined (e.g. a resample without variation); left out of the interval. */
  readonly undefinedReplicates: number;
  readonly reason?: string;
}

/**
 * Units are drawn one by one while that is cheap; once the units outnumber the distinct rows
 * this many times (a profile of a study: millions of lines, a few dozen patterns), per-row
 * multinomial counts are drawn instead. Unit-per-row data (a reliability matrix) keeps the
 * unit-by-unit stream, so its seeded intervals are unchanged.
 */
export const MULTINOMIAL_RATIO = 8;

/** Upper bound on replicates: each costs a pass over the units; a CLI flag must not pin a core for hours. */
export const MAX_BOOTSTRAP_REPLICATES = 100_000;

/**
 * Percentile bootstrap interval for alpha by resampling units with replacement (Efron & Tibshirani
 * 1993, ch. 13; units are the sampling unit of reliability data, Krippendorff 2004, sec. 11.4).
 * Hayes & Krippendorff (2007) resample pairable values instead; unit resampling keeps the
 * within-unit dependence and is the more conservative choice. Units with fewer than two values are
 * not pairable and are excluded before resampling so that n stays comparable.
 */
export function bootstrapAlpha(
  values: readonly Value[],
  units: CategoryCounts,
  level: AlphaLevel,
  options: BootstrapOptions,
): BootstrapInterval {
  const confidence = options.confidence ?? 0.95;
  const replicates = Math.floor(options.replicates);
  if (!(replicates >= 1 && replicates <= MAX_BOOTSTRAP_REPLICATES)) {
    throw new RangeError(`bootstrap replicates must be between 1 and ${MAX_BOOTSTRAP_REPLICATES}`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new RangeError('confidence must be between 0 and 1');
  const seed = options.seed >>> 0;
  const base = { confidence, replicates, seed };
  const pairable = units.rows.filter((r) => r.weight > 0 && rowTotal(r) >= 2);
  // Weights are unit counts (a profile stores identical units once); sample by cumulative weight.
  const cumulative = new Float64Array(pairable.length);
  let total = 0;
  pairable.forEach((r, i) => {
    total += r.weight;
    cumulative[i] = total;
  });
  const draws = Math.round(total);
  if (draws === 0) return { ...base, lower: null, upper: null, undefinedReplicates: replicates, reason: 'no unit has two or more values' };
  const random = mulberry32(seed);
  const estimates: number[] = [];
  let undefinedReplicates = 0;
  const picks = new Float64Array(pairable.length);
  const multinomial = draws >= MULTINOMIAL_RATIO * pairable.length;
  for (let r = 0; r < replicates; r++) {
    if (multinomial) multinomialCounts(pairable, total, draws, random, picks);
    else {
      picks.fill(0);
      for (let i = 0; i < draws; i++) {
        const target = random() * total;
        let lo = 0;
        let hi = pairable.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((cumulative[mid] ?? 0) > target) hi = mid;
          else lo = mid + 1;
        }
        picks[lo] = (picks[lo] ?? 0) + 1;
      }
    }
    const co: Coincidences = emptyCoincidences(values);
    pairable.forEach((row, i) => {
      const times = picks[i] ?? 0;
      if (times > 0) addUnitCounts(co, row.counts, times);
    });
    const a = alphaFromCoincidences(co, level);
    if (a.value === null) undefinedReplicates++;
    else estimates.push(a.value);
  }
  if (estimates.length === 0) return { ...base, lower: null, upper: null, undefinedReplicates, reason: 'alpha was undefined in every replicate' };
  estimates.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return { ...base, lower: quantile(estimates, tail), upper: quantile(estimates, 1 - tail), undefinedReplicates };
}

/**
 * Drawing `draws` units with replacement, each distinct row with probability weight / total, gives
 * per-row counts that follow Multinomial(draws, weight / total); drawn as a chain of binomials
 * (row i gets Binomial(remaining draws, w_i / remaining weight)) they cost one variate per row
 * instead of one per unit. Same distribution as unit-by-unit drawing, other random stream.
 */
function multinomialCounts(rows: readonly CountRow[], total: number, draws: number, random: Random, into: Float64Array): void {
  let left = draws;
  let weightLeft = total;
  for (let i = 0; i < rows.length; i++) {
    const w = (rows[i] as CountRow).weight;
    // The last row takes what is left, so rounding in weightLeft can never lose or invent a draw.
    const k = i === rows.length - 1 ? left : binomial(left, Math.min(1, w / weightLeft), random);
    into[i] = k;
    left -= k;
    weightLeft -= w;
  }
}

/** Linear interpolation between order statistics (Hyndman & Fan 1996, type 7). */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}
