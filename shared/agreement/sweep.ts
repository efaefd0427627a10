import type { Interval } from './transcript';

/**
 * Walks [0, length) once and reports each maximal stretch on which the set of coders covering it is
 * constant, as a bit mask (bit i = coder i). Each coder's list must be sorted, disjoint and
 * non-touching (see mergeIntervals); then a coder's bit simply toggles at each endpoint. Cost is
 * O(E log E) in the E endpoints, independent of `length`.
 */
export function sweep(
  perCoder: readonly (readonly Interval[] | undefined)[],
  length: number,
  visit: (start: number, end: number, mask: number) => void,
): void {
  if (perCoder.length > MAX_COMPARED_CODERS) throw new RangeError(`at most ${MAX_COMPARED_CODERS} coders can be compared at once`);
  let count = 0;
  for (const list of perCoder) count += list ? list.length * 2 : 0;
  // Pack (position, coder) into one float so a typed-array numeric sort orders the events.
  const events = new Float64Array(count);
  let e = 0;
  perCoder.forEach((list, coder) => {
    if (!list) return;
    for (const iv of list) {
      events[e++] = iv.start * 32 + coder;
      events[e++] = iv.end * 32 + coder;
    }
  });
  events.sort();
  let mask = 0;
  let at = 0;
  for (let i = 0; i < events.length; i++) {
    const packed = events[i] as number;
    const pos = Math.floor(packed / 32);
    const coder = packed - pos * 32;
    if (pos > at) {
      visit(at, Math.min(pos, length), mask);
      at = pos;
    }
    mask ^= 1 << coder;
  }
  if (at < length) visit(at, length, mask);
}

/**
 * Bit masks are 32-bit and events pack the coder into 5 bits; the presence profile key packs two
 * masks into one safe integer, which caps a comparison at 26 coders. Real coding teams are far smaller.
 */
export const MAX_COMPARED_CODERS = 26;
