/**
 * One coder's resolved codings in a transcript (own theme after merges, no rollup, clamped to the
 * text), in parallel typed arrays sorted by start. Disagreement regions look up "which other themes
 * did this coder put here" hundreds of thousands of times in a study-wide pass; flat arrays keep
 * that scan free of allocation and pointer chasing.
 */
export interface CoderCodings {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Index into `TranscriptLayers.themeNames`. */
  readonly themes: Int32Array;
}

/** Positions and indices pack into one float for a native numeric sort while both fit in 53 bits. */
const INDEX_BITS = 2 ** 21;
const POSITION_LIMIT = 2 ** 32;

/**
 * The permutation that sorts `starts` ascending (the order among equal starts is unspecified;
 * no reader depends on it). Positions and indices are packed into one number each so that the
 * native numeric sort of a typed array does the work, falling back to a comparator when they do
 * not fit in 53 bits.
 */
export function startOrder(starts: Float64Array): Float64Array {
  const n = starts.length;
  const order = new Float64Array(n);
  let packable = n < INDEX_BITS;
  for (let i = 0; i < n && packable; i++) {
    const s = starts[i] as number;
    if (!(s >= 0 && s < POSITION_LIMIT && Number.isInteger(s))) packable = false;
  }
  if (packable) {
    for (let i = 0; i < n; i++) order[i] = (starts[i] as number) * INDEX_BITS + i;
    order.sort();
    for (let i = 0; i < n; i++) order[i] = (order[i] as number) % INDEX_BITS;
  } else {
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (starts[a] as number) - (starts[b] as number));
  }
  return order;
}

/**
 * For codings sorted by start, writes into `into` the distinct theme indices (other than `themeIndex`) of the codings that
 * overlap [start, end), and returns how many. `longest` bounds the backward scan: a coding that
 * starts at or before `start - longest` ends by `start`.
 */
export function otherThemeIndices(codings: CoderCodings, themeIndex: number, start: number, end: number, longest: number, into: Int32Array): number {
  const { starts, ends, themes } = codings;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] as number) >= end) hi = mid;
    else lo = mid + 1;
  }
  let found = 0;
  for (let i = lo - 1; i >= 0; i--) {
    if ((starts[i] as number) <= start - longest) break;
    const t = themes[i] as number;
    if ((ends[i] as number) <= start || t === themeIndex) continue;
    let seen = false;
    for (let j = 0; j < found; j++) if (into[j] === t) seen = true;
    // `into` is sized by the number of themes, so distinct indices always fit.
    if (!seen) into[found++] = t;
  }
  return found;
}
