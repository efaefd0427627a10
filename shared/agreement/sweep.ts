import type { Interval } from './transcript';

/**
 * The stretches of one sweep, in typed arrays that grow as needed and are reused from one sweep
 * to the next: a study-wide pass sweeps every transcript-theme pair, and a callback or an object
 * per stretch would put the garbage collector on the hot path.
 */
export class SweepRuns {
  /** Number of stretches written by the last sweep. */
  count = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  masks = new Int32Array(64);
  /** Per coder, the next endpoint to merge. */
  readonly next = new Int32Array(MAX_COMPARED_CODERS);

  push(start: number, end: number, mask: number): void {
    if (this.count === this.starts.length) this.grow();
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.masks[this.count] = mask;
    this.count++;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const masks = new Int32Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    masks.set(this.masks);
    this.starts = starts;
    this.ends = ends;
    this.masks = masks;
  }
}

/**
 * Walks [0, length) once and records each maximal stretch on which the set of coders covering it is
 * constant, as a bit mask (bit i = coder i), in `runs` (which it resets). Each coder's list must be
 * sorted, disjoint and non-touching (see mergeIntervals); then a coder's endpoints come in order
 * and its bit simply toggles at each of them, so a k-way merge of the coders' endpoint sequences
 * replaces a sort. Cost is O(E k) in the E endpoints and k coders, independent of `length`.
 */
export function sweepRuns(perCoder: readonly (readonly Interval[] | undefined)[], length: number, runs: SweepRuns): void {
  const k = perCoder.length;
  if (k > MAX_COMPARED_CODERS) throw new RangeError(`at most ${MAX_COMPARED_CODERS} coders can be compared at once`);
  // next[c]: coder c's next endpoint, 2i for the start of interval i and 2i + 1 for its end.
  const next = runs.next;
  next.fill(0);
  runs.count = 0;
  let mask = 0;
  let at = 0;
  for (;;) {
    let pos = Infinity;
    let who = -1;
    for (let c = 0; c < k; c++) {
      const list = perCoder[c];
      const e = next[c] as number;
      if (!list || e >= list.length * 2) continue;
      const iv = list[e >>> 1] as Interval;
      const p = e & 1 ? iv.end : iv.start;
      // Strictly less: on a tie the lowest coder goes first (the order does not change any stretch).
      if (p < pos) {
        pos = p;
        who = c;
      }
    }
    if (who < 0) break;
    if (pos > at) {
      runs.push(at, Math.min(pos, length), mask);
      at = pos;
    }
    mask ^= 1 << who;
    next[who] = (next[who] as number) + 1;
  }
  if (at < length) runs.push(at, length, mask);
}

/** `sweepRuns` with a callback per stretch, for callers off the hot path. */
export function sweep(
  perCoder: readonly (readonly Interval[] | undefined)[],
  length: number,
  visit: (start: number, end: number, mask: number) => void,
): void {
  const runs = new SweepRuns();
  sweepRuns(perCoder, length, runs);
  for (let i = 0; i < runs.count; i++) visit(runs.starts[i] as number, runs.ends[i] as number, runs.masks[i] as number);
}

/**
 * Bit masks are 32-bit and events pack the coder into 5 bits; the presence profile key packs two
 * masks into one safe integer, which caps a comparison at 26 coders. Real coding teams are far smaller.
 */
export const MAX_COMPARED_CODERS = 26;
