import type { Interval } from './transcript';

/** Sorts and unions intervals; touching intervals ([0,5) and [5,9)) merge. Empty ones are dropped. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Interval[] = [];
  let current: { start: number; end: number } | null = null;
  for (const i of sorted) {
    if (current && i.start <= current.end) {
      if (i.end > current.end) current.end = i.end;
    } else {
      if (current) out.push(current);
      current = { start: i.start, end: i.end };
    }
  }
  if (current) out.push(current);
  return out;
}

/** Index of the first interval in a sorted disjoint list whose end is > pos (list.length if none). */
export function firstEndingAfter(list: readonly Interval[], pos: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as Interval).end > pos) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first interval in a sorted disjoint list whose start is >= pos. */
export function firstStartingAtOrAfter(list: readonly Interval[], pos: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as Interval).start >= pos) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const NO_INTERVALS: readonly Interval[] = Object.freeze([]);

/** The intervals of a sorted disjoint list that overlap or touch the closed range [start, end]. */
export function touching(list: readonly Interval[], start: number, end: number): readonly Interval[] {
  let out: Interval[] | null = null;
  for (let i = firstEndingAfter(list, start - 1); i < list.length; i++) {
    const iv = list[i] as Interval;
    if (iv.start > end) break;
    if (iv.end >= start) (out ??= []).push(iv);
  }
  return out ?? NO_INTERVALS;
}
