import { memo } from 'react';
import type { EvidenceKind, ThemeRow, ThemeTable } from '../../../shared/reconcile';
import { navigate } from '../router';
import { citationLinkOf, extractCell, keyToggleOf, type LoadRest, pendingCell } from './ExtractCell';
import { type MoveTheme, ThemeRowHeader } from './ThemeRowHeader';

/** The lead's write-up actions on a row, stable across renders (so rows already shown are not rendered again). */
export interface RowActions {
  markKey: (themeId: string, kind: EvidenceKind, evidenceId: string, key: boolean) => void;
  moveTheme: MoveTheme;
  /** Drag a row onto a sibling: the page keeps which row is dragged. */
  dragStart: (themeId: string) => void;
  canDrop: (row: ThemeRow) => boolean;
  drop: (row: ThemeRow) => void;
}

/**
 * One theme of the table of themes: its header, a cell per participant and its recurrence. A
 * memo: the table renders its rows in steps (client/src/components/useProgressiveRows.ts), and each step renders only the
 * rows it adds while the table, the options and the actions stay the same. The row's one click
 * listener serves its cells' citation links (followed in the app) and, for the lead, their
 * key-quote toggles: its cells carry no handler of their own (ExtractCell.tsx).
 */
export const ThemeTableRow = memo(function ThemeTableRow({ row: r, pending, siblings, showExtracts, actions, loadRest }: {
  row: ThemeRow;
  /** Participants still in coding: a "pending" cell each, after the reconciled ones. */
  pending: ThemeTable['pending'];
  siblings: readonly string[];
  showExtracts: boolean;
  actions: RowActions | undefined;
  loadRest: LoadRest;
}) {
  return (
    <tr
      className={`depth-${r.depth}${r.recurrence.recurrent ? '' : ' short'}`}
      data-theme={r.label}
      draggable={actions !== undefined}
      onDragStart={actions ? (e) => {
        actions.dragStart(r.themeId);
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', r.label);
      } : undefined}
      onDragOver={actions ? (e) => {
        // Only a sibling takes the drop: the write-up order is within a parent.
        if (actions.canDrop(r)) e.preventDefault();
      } : undefined}
      onDrop={actions ? (e) => {
        e.preventDefault();
        actions.drop(r);
      } : undefined}
      onClick={(e) => {
        const to = citationLinkOf(e);
        if (to !== null) {
          e.preventDefault();
          navigate(to);
          return;
        }
        const toggle = actions ? keyToggleOf(e.target) : null;
        if (toggle) actions?.markKey(r.themeId, toggle.kind, toggle.evidenceId, toggle.key);
      }}
    >
      <ThemeRowHeader row={r} siblings={siblings} onMove={actions?.moveTheme} />
      {r.cells.map((c) => extractCell(c, r.themeId, showExtracts, actions !== undefined, loadRest))}
      {pending.map(pendingCell)}
      <td className={r.recurrence.recurrent ? 'tt-rec ok' : 'tt-rec short'} data-testid="recurrence">
        <span title={r.recurrence.label}>{`${r.recurrence.present}/${r.recurrence.of}`}</span>
        {r.recurrence.pending > 0 && <span className="small muted">{` (${r.recurrence.label})`}</span>}
        {r.recurrence.recurrent ? ' ✓' : <span className="small">{` below the rule (needs ${r.recurrence.required})`}</span>}
      </td>
    </tr>
  );
});
