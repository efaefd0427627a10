import { flushSync } from 'react-dom';
import { useEffect, useRef, useState } from 'react';

/** Rows in the first commit: more than a laptop screen holds (a row with extracts is 60-200 px tall). */
export const FIRST_ROWS = 16;
/**
 * Each later commit doubles the rows shown, up to this many more: every step costs a frame's
 * style, layout, paint and layerization of the whole table (Chromium's trace of the 312-row table:
 * 20 steps of 16 rows spent 1.4 s painting and 0.9 s in layout), while a step of 64 rows stays a
 * few hundred milliseconds of main thread on a busy machine.
 */
export const MAX_STEP_ROWS = 64;

/**
 * How many of a long list's `total` rows to render (the table of themes' rows, the codebook
 * reconciliation's private themes): the first screenful in the first commit,
 * then the rest in growing steps, one task each, each after the browser has painted the previous one, so the page
 * shows its top at once instead of after one commit of every row (the table of themes of issue
 * 15's study is 312 themes x 16 participants, about 70,000 elements: one commit of 5 s on a busy
 * machine, bench/ipaScreens.ts). The count never goes back when the table is refetched (a live
 * change re-renders the rows already shown in one commit, as before), and `beforeprint` renders
 * every row at once so that printing shows the whole table.
 */
export function useProgressiveRows(total: number): number {
  const [shown, setShown] = useState(FIRST_ROWS);
  // Read by the print listener, which must see the rows of the latest render, not of its subscription.
  const totalRef = useRef(total);
  totalRef.current = total;
  useEffect(() => {
    if (shown >= total) return;
    // After the next frame (the previous step painted), in a task of its own.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setShown((n) => Math.min(total, n + Math.min(n, MAX_STEP_ROWS))), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [shown, total]);
  useEffect(() => {
    const all = () => flushSync(() => setShown((n) => Math.max(n, totalRef.current)));
    window.addEventListener('beforeprint', all);
    return () => window.removeEventListener('beforeprint', all);
  }, []);
  return Math.min(shown, total);
}
