import { createContext } from 'react';
import type { ThemeTable } from '../../../shared/reconcile';

// Each answer's parts as JSON, computed once per object (a kept row is compared again at every refetch).
const asJson = new WeakMap<object, string>();
function json(value: object): string {
  let text = asJson.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    asJson.set(value, text);
  }
  return text;
}

/**
 * A refetched table (a key quote starred, a theme moved, any live change of the write-up) with
 * every row and the pending participants equal to the previous answer's kept as the previous
 * objects: the rows are memoised (ThemeTableRow), so only the rows that changed render again,
 * instead of all of them (312 on issue 15's study) after every star. What a row shows depends on
 * nothing but its own answer and the props the page keeps stable.
 */
export function keepRows(previous: ThemeTable | null, next: ThemeTable): ThemeTable {
  if (!previous) return next;
  const before = new Map(previous.rows.map((r) => [r.themeId, r]));
  const rows = next.rows.map((r) => {
    const old = before.get(r.themeId);
    return old && json(old) === json(r) ? old : r;
  });
  const pending = json(previous.pending) === json(next.pending) ? previous.pending : next.pending;
  return { ...next, rows, pending };
}

/**
 * The table's latest answer, for the cells' opened "n more" evidence: a kept row does not render
 * again, but the evidence fetched behind its "n more" may have changed (a quote starred there), so
 * an opened cell fetches its rest again on every new answer, as it did when every row was new.
 */
export const TableAnswer = createContext<object | null>(null);
