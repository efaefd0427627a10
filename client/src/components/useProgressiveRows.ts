import { flushSync } from 'react-dom';
import { useEffect, useRef, useState } from 'react';
import { afterNextFrame } from './afterNextFrame';

/** Rows in the first commit: more than a laptop screen holds (a row with extracts is 60-200 px tall). */
export const FIRST_ROWS = 16;

/**
 * How many of a long list's `total` rows to render (the table of themes' rows, the codebook
 * reconciliation's private themes): the first screenful in the first commit, then every other row
 * in a second commit, in a task of its own after the browser has painted the first, so the page
 * shows its top at once instead of after one commit of every row (the table of themes of issue
 * 15's study is 312 themes x 16 participants). Two steps, not more: each step waits for a frame
 * and paints the table so far, and against the earlier steps of 16, 32, 64 then 64 rows at a time
 * (7 steps for 312 rows) two steps had every row 150-550 ms sooner after the data on a machine at
 * load 9-10 (docs/benchmarks.md, issue 15, A/B of the step count). The cost: the second step is one
 * longer task (input waits for it); the table's cells skip their contents' layout off screen
 * (content-visibility, client/src/styles.css), which keeps that task short. The count never goes back when the table is refetched (a live change re-renders the
 * rows already shown in one commit, as before), and `beforeprint` renders every row at once so
 * that printing shows the whole table.
 */
export function useProgressiveRows(total: number): number {
  const [shown, setShown] = useState(FIRST_ROWS);
  // Read by the print listener, which must see the rows of the latest render, not of its subscription.
  const totalRef = useRef(total);
  totalRef.current = total;
  useEffect(() => {
    if (shown >= total) return;
    // After the next frame (the first screenful painted), in a task of its own.
    return afterNextFrame(() => setShown(total));
  }, [shown, total]);
  useEffect(() => {
    const all = () => flushSync(() => setShown((n) => Math.max(n, totalRef.current)));
    window.addEventListener('beforeprint', all);
    return () => window.removeEventListener('beforeprint', all);
  }, []);
  return Math.min(shown, total);
}
