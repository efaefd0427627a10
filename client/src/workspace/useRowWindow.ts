import { flushSync } from 'react-dom';
import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Rows [from, to) rendered in full; the others are plain text rows (see TranscriptLine). */
export interface RowRange {
  from: number;
  to: number;
}

export interface RowWindow extends RowRange {
  /** Scrolls row `i` into view, rendering it in full first if it is outside the window. */
  reveal: (i: number, block: ScrollLogicalPosition) => void;
  /** Renders every row in full at once (before printing), until printing ends. */
  showAll: () => void;
}

/** A row is about 1.6 lines of 0.86rem text; the first window is sized from this before any row is measured. */
const ROW_PX = 22;

/** The rows one viewport above and one below the visible ones, so a scroll of less than a screen finds them rendered. */
function around(first: number, last: number, count: number): RowRange {
  const span = last - first + 1;
  return { from: Math.max(0, first - span), to: Math.min(count, last + 1 + span) };
}

/**
 * Windowed rendering of the worksheet's rows (docs/workspace.md, "Windowed rows"): only the
 * rows near the viewport are rendered in full (marks, stripes, margin cards); the rest stay in
 * the list as plain numbered text, so the scroll height, anchors (`#l-12`), the browser's find,
 * selecting and printing every line keep working. The window follows the page's scroll: on a
 * scroll frame the visible rows are found by bisection over the list's children (a read of
 * boxes the browser has already laid out; nothing is written in between), and the window moves
 * only once they come within half a screen of its edge.
 */
export function useRowWindow(listRef: RefObject<HTMLOListElement | null>, count: number, start: number): RowWindow {
  // The list is mounted with its transcript: `count` and `start` are read once here.
  const [range, setRange] = useState<RowRange>(() => {
    const rows = Math.ceil((typeof window === 'undefined' ? 800 : window.innerHeight) / ROW_PX);
    return around(Math.max(0, start - (rows >> 1)), Math.min(count - 1, start + rows - 1), count);
  });
  const rangeRef = useRef(range);
  rangeRef.current = range;
  const pending = useRef<{ i: number; block: ScrollLogicalPosition } | null>(null);

  const visible = useCallback((): RowRange | null => {
    const list = listRef.current;
    // The rows present so far (the plain rows after the window are added after the first frame).
    if (!list || list.children.length === 0 || list.children.length > count) return null;
    const rows = list.children;
    const n = rows.length;
    const bottomOf = (i: number) => rows[i]!.getBoundingClientRect().bottom;
    const topOf = (i: number) => rows[i]!.getBoundingClientRect().top;
    // First row whose bottom is below the top of the window, then the last whose top is above its bottom.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bottomOf(mid) > 0) hi = mid;
      else lo = mid + 1;
    }
    const first = lo;
    hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (topOf(mid) < window.innerHeight) lo = mid;
      else hi = mid - 1;
    }
    return { from: first, to: lo + 1 };
  }, [listRef, count]);

  const follow = useCallback((refit: boolean) => {
    const v = visible();
    if (!v) return;
    const r = rangeRef.current;
    const margin = Math.ceil((v.to - v.from) / 2);
    const roomAbove = v.from - r.from >= margin || r.from === 0;
    const roomBelow = r.to - v.to >= margin || r.to === count;
    if (!refit && roomAbove && roomBelow) {
      pending.current = null;
      return;
    }
    const next = around(v.from, v.to - 1, count);
    if (next.from !== r.from || next.to !== r.to) setRange(next);
    else pending.current = null;
  }, [visible, count]);

  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        follow(false);
      });
    };
    // After printing (every row was rendered in full) the window shrinks back around the viewport.
    const afterPrint = () => follow(true);
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    window.addEventListener('afterprint', afterPrint);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      window.removeEventListener('afterprint', afterPrint);
      cancelAnimationFrame(frame);
    };
  }, [follow]);

  // Rows that come into view are laid out at their real height (cards) on the next frames, not at
  // the scroll: if that pushed the revealed row out of view, it is scrolled to once more.
  const settle = useCallback(
    (i: number, block: ScrollLogicalPosition) =>
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const row = listRef.current?.children[i];
          const box = row?.getBoundingClientRect();
          if (row && box && (box.top < 0 || box.bottom > window.innerHeight)) row.scrollIntoView({ block });
        }),
      ),
    [listRef],
  );

  // A row asked for by reveal() scrolls into view once it is rendered in full, and once more after
  // the window has followed that scroll (follow() drops the request when the window stays put).
  useLayoutEffect(() => {
    const p = pending.current;
    if (!p || p.i < range.from || p.i >= range.to) return;
    pending.current = null;
    listRef.current?.children[p.i]?.scrollIntoView({ block: p.block });
    settle(p.i, p.block);
  }, [range, listRef, settle]);

  const reveal = useCallback(
    (i: number, block: ScrollLogicalPosition) => {
      if (i < 0 || i >= count) return;
      const r = rangeRef.current;
      const row = listRef.current?.children[i];
      if (row && i >= r.from && i < r.to) {
        const box = row.getBoundingClientRect();
        if (box.top >= 0 && box.bottom <= window.innerHeight && block === 'nearest') return;
        // The scroll may move the window, and rows filling in between the top of the view and
        // this one push it down: it is scrolled to again once they have (the effect above).
        pending.current = { i, block };
        row.scrollIntoView({ block });
        settle(i, block);
        return;
      }
      pending.current = { i, block };
      const rows = Math.ceil(window.innerHeight / ROW_PX);
      setRange(around(Math.max(0, i - (rows >> 1)), Math.min(count - 1, i + (rows >> 1)), count));
    },
    [count, listRef, settle],
  );
  const showAll = useCallback(() => flushSync(() => setRange({ from: 0, to: count })), [count]);
  return { ...range, reveal, showAll };
}
