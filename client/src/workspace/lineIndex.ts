import type { Line } from '../../../shared/transcript';
import { sameElements } from '../components/sameElements';
import type { Mark } from './segments';

/** The position in `lines` of the line holding `offset` (the last line starting at or before it). */
export function lineIndexAt(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The marks touching each line, by line position, in one pass over the marks (each mark visits
 * only the lines it covers), instead of filtering every mark for every line at render. An empty
 * line counts as one character wide, so a span over it shows there too.
 */
export function marksByLine(lines: readonly Line[], marks: readonly Mark[]): Mark[][] {
  const out = emptyPerLine<Mark>(lines.length);
  for (const m of marks) {
    for (let i = lineIndexAt(lines, m.start); i < lines.length; i++) {
      const l = lines[i]!;
      if (l.start >= m.end) break;
      if (m.start < Math.max(l.end, l.start + 1) && m.end > l.start) push(out, i, m);
    }
  }
  return out;
}

/**
 * One shared empty array for every line without items: most of a transcript's 1,200 lines have
 * none, and a fresh array for each of them on every change was most of the garbage of a coding.
 * Never pushed to (see push).
 */
const EMPTY: never[] = [];
Object.freeze(EMPTY);

function emptyPerLine<T>(n: number): T[][] {
  return new Array<T[]>(n).fill(EMPTY);
}

function push<T>(out: T[][], i: number, item: T): void {
  if (out[i] === EMPTY) out[i] = [item];
  else out[i]!.push(item);
}

/** Items grouped by the line position their span starts on (margin cards sit beside that line). */
export function itemsByStartLine<T extends { start: number }>(lines: readonly Line[], items: readonly T[]): T[][] {
  const out = emptyPerLine<T>(lines.length);
  for (const it of items) push(out, lineIndexAt(lines, it.start), it);
  return out;
}

/**
 * Keeps the previous array for every line whose items are unchanged (same fields), so rows
 * memoised on their props re-render only where something changed.
 */
export function keepUnchanged<T extends object>(prev: readonly T[][] | null, next: T[][]): T[][] {
  if (!prev || prev.length !== next.length) return next;
  return next.map((items, i) => (sameItems(prev[i]!, items) ? prev[i]! : items));
}

function sameItems<T extends object>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !shallowEqual(a[i]!, b[i]!)) return false;
  return true;
}

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const va = (a as Record<string, unknown>)[k];
    const vb = (b as Record<string, unknown>)[k];
    if (va === vb) continue;
    if (Array.isArray(va) && Array.isArray(vb) && sameElements(va, vb)) continue;
    return false;
  }
  return true;
}
