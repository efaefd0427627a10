import type { CaseTable, ThemeTable } from '../../../../shared/reconcile';
import { csvDocument } from './csv';

const HEADER = ['level', 'theme', 'theme_id', 'depth', 'participant', 'count', 'total', 'present', 'required', 'recurrent', 'reconciled', 'of', 'citation', 'lines', 'quote'];

/**
 * Long format, one row per extract (what a spreadsheet or R can pivot); a theme without any
 * extract still gets one row, so the hierarchy and its recurrence are complete.
 */
export function themeTableCsv(table: ThemeTable): string {
  const rows: Array<Array<string | number | boolean>> = [];
  for (const r of table.rows) {
    const base = [r.levelName, r.label, r.themeId, r.depth] as const;
    const rec = [r.recurrence.present, r.recurrence.required, r.recurrence.recurrent, r.recurrence.reconciled, r.recurrence.of] as const;
    let wrote = false;
    for (const c of r.cells) {
      for (const e of c.extracts) {
        rows.push([...base, c.pseudonym, c.count, c.total, ...rec, e.citation, e.lineLabel, e.quote]);
        wrote = true;
      }
    }
    if (!wrote) rows.push([...base, '', 0, r.total, ...rec, '', '', '']);
  }
  return csvDocument(HEADER, rows);
}

export function caseTableCsv(table: CaseTable): string {
  const rows: Array<Array<string | number>> = [];
  for (const r of table.rows) {
    if (r.cell.extracts.length === 0) rows.push([r.levelName, r.label, r.themeId, r.depth, r.cell.count, r.cell.total, '', '', '']);
    for (const e of r.cell.extracts) rows.push([r.levelName, r.label, r.themeId, r.depth, r.cell.count, r.cell.total, e.citation, e.lineLabel, e.quote]);
  }
  return csvDocument(['level', 'theme', 'theme_id', 'depth', 'count', 'total', 'citation', 'lines', 'quote'], rows);
}
