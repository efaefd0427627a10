import type { KeyboardEvent } from 'react';
import type { ThemeRow } from '../../../shared/reconcile';

/** Where a theme goes among its siblings: after `afterId`, or first with null. */
export type MoveTheme = (themeId: string, afterId: string | null) => void;

/** The `afterId` that moves `id` one place up (-1) or down (+1) among `siblings`; undefined when it cannot move. */
export function afterIdFor(siblings: readonly string[], id: string, step: -1 | 1): string | null | undefined {
  const i = siblings.indexOf(id);
  if (i < 0 || i + step < 0 || i + step >= siblings.length) return undefined;
  return step === 1 ? siblings[i + 1]! : i >= 2 ? siblings[i - 2]! : null;
}

/** The `afterId` that puts the dragged theme where `target` is (after it going down, before it going up). */
export function afterIdForDrop(siblings: readonly string[], dragged: string, target: string): string | null | undefined {
  const from = siblings.indexOf(dragged);
  const to = siblings.indexOf(target);
  if (from < 0 || to < 0 || from === to) return undefined;
  return from < to ? target : to >= 1 ? siblings[to - 1]! : null;
}

/**
 * The depths the style sheet indents by the row's `depth-N` class (client/src/styles.css): an
 * inline style object on each of the table's ~300 headings was a style attribute to set each; a
 * deeper theme, rare, still gets its own.
 */
const INDENTED_DEPTHS = 6;

/**
 * A theme's row header: its level name (the study's terminology) and label; for the lead, the
 * write-up order's controls: "Move up"/"Move down" buttons, Alt+Up/Down on the focused header (as
 * the boards reorder clusters), and the row itself is dragged onto a sibling (the page handles the
 * drop). Moves stay within the parent; the server refuses anything else. The buttons are outside
 * any form (no `type`), without a wrapper, and carry their name only: the shortcut is the heading's
 * `aria-keyshortcuts` and the page's instructions, not a tooltip on each of ~600 buttons.
 */
export function ThemeRowHeader({ row, siblings, onMove }: { row: ThemeRow; siblings: readonly string[]; onMove: MoveTheme | undefined }) {
  const move = (step: -1 | 1) => {
    const after = afterIdFor(siblings, row.themeId, step);
    if (after !== undefined) onMove?.(row.themeId, after);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!onMove || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    move(e.key === 'ArrowUp' ? -1 : 1);
  };
  const i = siblings.indexOf(row.themeId);
  return (
    <th scope="row" style={row.depth > INDENTED_DEPTHS ? { paddingLeft: `${0.7 + (row.depth - 1) * 1.2}rem` } : undefined} tabIndex={onMove ? 0 : undefined} onKeyDown={onKeyDown} aria-keyshortcuts={onMove ? 'Alt+ArrowUp Alt+ArrowDown' : undefined}>
      <span className="tt-level">{row.levelName}</span>
      <span className="tt-label" title={row.description || undefined}>{row.label}</span>
      {onMove && <button className="tt-move" aria-label={`Move ${row.label} up`} disabled={i <= 0} onClick={() => move(-1)}>↑</button>}
      {onMove && <button className="tt-move" aria-label={`Move ${row.label} down`} disabled={i < 0 || i >= siblings.length - 1} onClick={() => move(1)}>↓</button>}
    </th>
  );
}
