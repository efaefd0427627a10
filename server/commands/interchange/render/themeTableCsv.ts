import type { CaseTable, NoteEvidence, ThemeTable } from '../../../../shared/reconcile';
import { csvDocument } from '../../../../shared/csv';

// Column names are field names for R or a spreadsheet, stable across studies; the study's
// terminology is in the `level` column's values.
const HEADER = ['level', 'theme', 'theme_id', 'depth', 'participant', 'count', 'total', 'present', 'required', 'recurrent', 'reconciled', 'of', 'citation', 'lines', 'quote', 'evidence', 'key_quote', 'note_kind', 'note_on'];

/**
 * Long format, one row per piece of evidence (what a spreadsheet or R can pivot): each extract
 * (`evidence` = extract, `quote` its text), then each linked experiential statement (`evidence` =
 * statement, `quote` the statement), each followed by the exploratory notes on its lines when the
 * view lists them (`evidence` = note, `quote` the note, `note_kind` descriptive, linguistic or
 * conceptual, `note_on` the evidence it sits beside, e.g. "extract P01, l. 2-3"); a theme without any still gets one row, so the hierarchy
 * and its recurrence are complete. The rows are those of the view (key quotes only, unused
 * themes hidden) and in the write-up order.
 */
export function themeTableCsv(table: ThemeTable): string {
  const rows: Array<Array<string | number | boolean>> = [];
  for (const r of table.rows) {
    const base = [r.levelName, r.label, r.themeId, r.depth] as const;
    const rec = [r.recurrence.present, r.recurrence.required, r.recurrence.recurrent, r.recurrence.reconciled, r.recurrence.of] as const;
    let wrote = false;
    for (const c of r.cells) {
      const cellBase = [...base, c.pseudonym, c.count, c.total, ...rec] as const;
      const notes = (on: string, list: readonly NoteEvidence[]) => list.forEach((n) => rows.push([...cellBase, n.citation, n.lineLabel, n.text, 'note', '', n.kind, on]));
      for (const e of c.extracts) {
        rows.push([...cellBase, e.citation, e.lineLabel, e.quote, 'extract', e.key, '', '']);
        notes(`extract ${e.citation}`, e.notes);
      }
      for (const st of c.statements) {
        rows.push([...cellBase, st.citation, st.lineLabel, st.text, 'statement', st.key, '', '']);
        notes(`statement ${st.citation}`, st.notes);
      }
      wrote ||= c.extracts.length + c.statements.length > 0;
    }
    if (!wrote) rows.push([...base, '', 0, r.total, ...rec, '', '', '', '', '', '', '']);
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
