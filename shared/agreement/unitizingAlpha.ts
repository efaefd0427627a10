import { type Estimate, estimate, undefinedBecause } from './estimate';

/** One coder's segment on the continuum, half-open [start, end), with a value. */
export interface ValuedSegment {
  readonly coder: string;
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/**
 * The sums the unitizing coefficients are built from. They are additive over continua (transcripts),
 * so a study-wide figure pools tallies instead of concatenating texts.
 * Index 0 is the gap value phi; index c >= 1 is values[c - 1].
 */
export interface UnitizingTally {
  readonly values: readonly string[];
  /** Observed coincidences of lengths l_ck, (q+1) x (q+1) row-major. */
  readonly l: Float64Array;
  /** Lambda_c: sum of |s|^2 over valued segments of value c; total gap length for phi. */
  readonly lambda: Float64Array;
  /** Lambda*_c for cu-alpha (overlaps with other coders' valued segments, squared, / (m - 1)). */
  readonly lambdaStar: Float64Array;
  /** Binary-collapse Lambda for the valued side: sum of |s|^2 over all valued segments. */
  readonly lambdaValued: number;
  /** l.. = m L summed over continua. */
  readonly total: number;
}

/** A stretch of one coder's partition: index 0 = gap (phi), c >= 1 = values[c - 1]. */
export interface ContinuumPiece {
  readonly start: number;
  readonly end: number;
  readonly index: number;
}

/** A coder's partition of [0, L): its segments (value index >= 1) and the gaps between them (index 0). */
function partition(segments: readonly ValuedSegment[], length: number, index: Map<string, number>, coder: string): ContinuumPiece[] {
  const sorted = [...segments].sort((a, b) => a.start - b.start);
  const pieces: ContinuumPiece[] = [];
  let at = 0;
  for (const s of sorted) {
    if (!(Number.isFinite(s.start) && Number.isFinite(s.end)) || s.start < 0 || s.end > length || s.start >= s.end) {
      throw new RangeError(`segment [${s.start}, ${s.end}) of ${coder} is empty or outside [0, ${length})`);
    }
    if (s.start < at) throw new RangeError(`segments of ${coder} overlap at ${s.start}; unitizing needs one value per position per coder`);
    if (s.start > at) pieces.push({ start: at, end: s.start, index: 0 });
    pieces.push({ start: s.start, end: s.end, index: index.get(s.value) ?? 0 });
    at = s.end;
  }
  if (at < length) pieces.push({ start: at, end: length, index: 0 });
  return pieces;
}

export function emptyTally(values: readonly string[]): UnitizingTally {
  const size = values.length + 1;
  return { values, l: new Float64Array(size * size), lambda: new Float64Array(size), lambdaStar: new Float64Array(size), lambdaValued: 0, total: 0 };
}

/**
 * Tallies one continuum of length L coded by `coders` (a coder with no segment counts as all gap).
 * Formulas: Krippendorff, Mathet, Bouvry & Widlöcher (2016), "On the reliability of unitizing
 * textual continua: further developments", Quality & Quantity 50, eqs. for l_ck, Lambda and
 * cu-alpha's restricted sums; as summarised in AGREEMENT.md.
 */
export function unitizingTally(length: number, coders: readonly string[], segments: readonly ValuedSegment[], values?: readonly string[]): UnitizingTally {
  if (!(Number.isFinite(length) && length >= 0)) throw new RangeError('continuum length must be a non-negative number');
  const valueList = values ?? [...new Set(segments.map((s) => s.value))].sort();
  const index = new Map<string, number>();
  valueList.forEach((v, i) => index.set(v, i + 1));
  const known = new Set(coders);
  for (const s of segments) {
    if (!known.has(s.coder)) throw new RangeError(`segment of unknown coder ${s.coder}`);
    if (!index.has(s.value)) throw new RangeError(`segment value ${s.value} is not among the values`);
  }
  const tally = emptyTally(valueList);
  const parts = coders.map((c) => partition(segments.filter((s) => s.coder === c), length, index, c));
  addPartitions(tally, parts, length);
  return tally;
}

/** Adds the partitions of one continuum into a tally (mutates `tally`). */
export function addPartitions(tally: UnitizingTally, parts: readonly (readonly ContinuumPiece[])[], length: number): void {
  const m = parts.length;
  const size = tally.values.length + 1;
  const mutable = tally as { -readonly [K in keyof UnitizingTally]: UnitizingTally[K] };
  mutable.total += m * length;
  for (const pieces of parts) {
    for (const p of pieces) {
      const len = p.end - p.start;
      if (p.index === 0) tally.lambda[0] = (tally.lambda[0] ?? 0) + len;
      else {
        tally.lambda[p.index] = (tally.lambda[p.index] ?? 0) + len * len;
        mutable.lambdaValued += len * len;
      }
    }
  }
  if (m < 2) return;
  const w = 1 / (m - 1);
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const a = parts[i] ?? [];
      const b = parts[j] ?? [];
      // Merge walk: both partitions tile [0, L), so every overlap is found in one pass.
      let x = 0;
      let y = 0;
      // Per valued segment, the length it shares with the other coder's valued segments.
      let sharedA = 0;
      const sharedB = new Float64Array(b.length);
      while (x < a.length && y < b.length) {
        const pa = a[x] as ContinuumPiece;
        const pb = b[y] as ContinuumPiece;
        const overlap = Math.min(pa.end, pb.end) - Math.max(pa.start, pb.start);
        if (overlap > 0) {
          tally.l[pa.index * size + pb.index] = (tally.l[pa.index * size + pb.index] ?? 0) + overlap * w;
          tally.l[pb.index * size + pa.index] = (tally.l[pb.index * size + pa.index] ?? 0) + overlap * w;
          if (pa.index !== 0 && pb.index !== 0) {
            sharedA += overlap;
            sharedB[y] = (sharedB[y] ?? 0) + overlap;
          }
        }
        if (pa.end <= pb.end) {
          if (pa.index !== 0) tally.lambdaStar[pa.index] = (tally.lambdaStar[pa.index] ?? 0) + sharedA * sharedA * w;
          sharedA = 0;
          x++;
        } else y++;
      }
      b.forEach((pb, k) => {
        if (pb.index !== 0) {
          const s = sharedB[k] ?? 0;
          tally.lambdaStar[pb.index] = (tally.lambdaStar[pb.index] ?? 0) + s * s * w;
        }
      });
    }
  }
}

export interface UnitizingAlphas {
  /** u-alpha: nominal over values and gaps. */
  readonly uAlpha: Estimate;
  /** |u-alpha: gap versus any value. */
  readonly binaryUAlpha: Estimate;
  /** cu-alpha: values only, where coders both placed a value. */
  readonly cuAlpha: Estimate;
  /** l*.. / l..: the share of the doubled continuum where coders' valued segments overlap. */
  readonly coverage: number | null;
  /** (k)u-alpha per value. */
  readonly perValue: Readonly<Record<string, Estimate>>;
}

/** Computes the unitizing family from a tally (AGREEMENT.md formulas; Krippendorff 2019, ch. 12). */
export function unitizingAlphas(tally: UnitizingTally): UnitizingAlphas {
  const size = tally.values.length + 1;
  const l = (c: number, k: number): number => tally.l[c * size + k] ?? 0;
  const total = tally.total;
  const rows = new Float64Array(size);
  for (let c = 0; c < size; c++) for (let k = 0; k < size; k++) rows[c] = (rows[c] ?? 0) + l(c, k);
  let lambda = 0;
  for (let c = 0; c < size; c++) lambda += tally.lambda[c] ?? 0;
  let diagonal = 0;
  for (let c = 0; c < size; c++) diagonal += l(c, c);

  // u-alpha = 1 - (l.. - sum_c l_cc) / sum_{c != k} e_ck, e_ck = (l_c. l_.k - [c = k] Lambda_c) / (l.. - Lambda / l..).
  let uAlpha: Estimate;
  if (total === 0) uAlpha = undefinedBecause('empty continuum');
  else {
    const scale = total - lambda / total;
    let offDiagonal = 0;
    for (let c = 0; c < size; c++) for (let k = 0; k < size; k++) if (c !== k) offDiagonal += ((rows[c] ?? 0) * (rows[k] ?? 0)) / scale;
    uAlpha = offDiagonal <= 1e-12 || scale <= 0 ? undefinedBecause('no variation: the continuum is uniformly one value or gap for every coder') : estimate(1 - (total - diagonal) / offDiagonal);
  }

  // |u-alpha: collapse every value to "not phi"; valued segments keep their own lengths in Lambda.
  let binaryUAlpha: Estimate;
  {
    const gap = rows[0] ?? 0;
    const valued = total - gap;
    const gapValued = total === 0 ? 0 : (rows[0] ?? 0) - l(0, 0);
    const binaryLambda = (tally.lambda[0] ?? 0) + tally.lambdaValued;
    const scale = total - (total === 0 ? 0 : binaryLambda / total);
    const expected = total === 0 || scale <= 0 ? 0 : (2 * gap * valued) / scale;
    binaryUAlpha = expected <= 1e-12 ? undefinedBecause('no variation: every coder left the whole continuum as gap, or covered all of it') : estimate(1 - (2 * gapValued) / expected);
  }

  // cu-alpha: drop phi; l*_c = sum_{k != phi} l_ck; e*_ck = (l*_c l*_k - [c = k] Lambda*_c) / (l*.. - Lambda*/l*..).
  const starRows = new Float64Array(size);
  let starTotal = 0;
  let starLambda = 0;
  let starDiagonal = 0;
  for (let c = 1; c < size; c++) {
    for (let k = 1; k < size; k++) starRows[c] = (starRows[c] ?? 0) + l(c, k);
    starTotal += starRows[c] ?? 0;
    starLambda += tally.lambdaStar[c] ?? 0;
    starDiagonal += l(c, c);
  }
  const coverage = total > 0 ? starTotal / total : null;
  const starScale = starTotal > 0 ? starTotal - starLambda / starTotal : 0;
  const eStar = (c: number, k: number): number =>
    ((starRows[c] ?? 0) * (starRows[k] ?? 0) - (c === k ? tally.lambdaStar[c] ?? 0 : 0)) / starScale;
  let cuAlpha: Estimate;
  if (starTotal === 0 || starScale <= 0) cuAlpha = undefinedBecause('no two coders placed a value on the same stretch of the continuum');
  else {
    let offDiagonal = 0;
    for (let c = 1; c < size; c++) for (let k = 1; k < size; k++) if (c !== k) offDiagonal += eStar(c, k);
    cuAlpha = offDiagonal <= 1e-12 ? undefinedBecause('only one value occurs where coders overlap') : estimate(1 - (starTotal - starDiagonal) / offDiagonal);
  }

  // (k)u-alpha = 1 - (e_k / l*_k) (l*_k - l_kk) / (e_k - e*_kk), e_k = sum_c e*_kc.
  const perValue: Record<string, Estimate> = {};
  tally.values.forEach((value, i) => {
    const k = i + 1;
    const lk = starRows[k] ?? 0;
    if (starScale <= 0 || lk === 0) {
      perValue[value] = undefinedBecause('the value never overlaps another coder\'s valued segment');
      return;
    }
    let ek = 0;
    for (let c = 1; c < size; c++) ek += eStar(k, c);
    const denominator = ek - eStar(k, k);
    perValue[value] = denominator <= 1e-12 ? undefinedBecause('no other value occurs where this value overlaps') : estimate(1 - (ek / lk) * ((lk - l(k, k)) / denominator));
  });
  return { uAlpha, binaryUAlpha, cuAlpha, coverage, perValue };
}
