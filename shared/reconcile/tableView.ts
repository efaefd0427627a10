import { z } from 'zod';
import { themeIdSchema } from '../themes';
import { EXPORT_FORMATS } from './requests';
import type { Cell, Extract, StatementEvidence, ThemeRow, ThemeTable } from './tableOfThemes';
import type { TableNotesSetting } from './tableNotes';

/**
 * How the table of themes is shown and exported (issue 15 item 5): all evidence or the key quotes
 * only, and every live theme or only those with evidence. The screen and every export format take
 * the same two choices as query parameters. Defaults: all evidence, every theme shown: a theme
 * nobody's data supports is a finding of the table too (recurrence 0 of n), so hiding it is the
 * writer's choice, never the default (docs/reconciliation.md).
 */
export const TABLE_EVIDENCE = ['all', 'key'] as const;
export type TableEvidence = (typeof TABLE_EVIDENCE)[number];
export const TABLE_UNUSED = ['show', 'hide'] as const;
export type TableUnused = (typeof TABLE_UNUSED)[number];
/** Exploratory notes under each extract and statement (`evidence`), or none. */
export const TABLE_NOTES = ['none', 'evidence'] as const;
export type TableNotes = (typeof TABLE_NOTES)[number];

/** The view's notes choice from the study's setting, when the request does not say. */
export const notesOfSetting = (setting: TableNotesSetting): TableNotes => (setting === 'beside-evidence' ? 'evidence' : 'none');

export interface TableView {
  readonly evidence: TableEvidence;
  readonly unused: TableUnused;
  readonly notes: TableNotes;
  /** Themes left out because neither they nor their sub-themes have any evidence. */
  readonly hiddenThemes: number;
}

/** The largest page the table's `perCell` takes. */
export const MAX_PER_CELL = 1_000;

export const DEFAULT_TABLE_VIEW: TableView = { evidence: 'all', unused: 'show', notes: 'evidence', hiddenThemes: 0 };

export const TableExportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('json'),
  evidence: z.enum(TABLE_EVIDENCE).default('all'),
  unused: z.enum(TABLE_UNUSED).default('show'),
  /** Absent: the study's `tableNotes` setting decides. */
  notes: z.enum(TABLE_NOTES).optional(),
  /**
   * The screen's paging (json only): at most this many extracts and this many statements per cell,
   * the cell saying how many more it has (`moreExtracts`, `moreStatements`); counts, totals, presence and recurrence stay those of all the
   * evidence. Absent: every extract, as every export and earlier consumer receives it.
   */
  perCell: z.coerce.number().int().min(1).max(MAX_PER_CELL).optional(),
});
export type TableExportQuery = z.infer<typeof TableExportQuery>;

/**
 * The rest of one cell of the paged table (`GET /api/studies/:sid/themes/table/cell`): the cell's
 * extracts from `from` on and its statements from `statementsFrom` on, in the view the table was
 * asked with (evidence, notes).
 */
export const TableCellQuery = z.strictObject({
  themeId: themeIdSchema,
  participantId: z.string().min(1).max(64),
  from: z.coerce.number().int().min(0).max(1_000_000).default(0),
  statementsFrom: z.coerce.number().int().min(0).max(1_000_000).default(0),
  evidence: z.enum(TABLE_EVIDENCE).default('all'),
  notes: z.enum(TABLE_NOTES).optional(),
});
export type TableCellQuery = z.infer<typeof TableCellQuery>;

const hasEvidence = (r: ThemeRow) => r.total > 0 || r.cells.some((c) => c.statements.length > 0);

/**
 * The table as asked: with `unused: 'hide'` the themes with no extract and no statement, in
 * themselves or below, are left out (a parent stays while a sub-theme has evidence); with
 * `evidence: 'key'` each cell lists only the extracts and statements marked as key quotes. Counts
 * and recurrence are those of all the evidence either way: they describe the data, not the
 * selection of quotes.
 */
export function viewTable(table: ThemeTable, view: { evidence: TableEvidence; unused: TableUnused; notes: TableNotes; perCell?: number | undefined }): ThemeTable {
  // One view object per table and view: the server keeps tables per state of their inputs and
  // its JSON answer per table object (server/http/preparedJson.ts), so a view must be stable too.
  const views = viewsOf.get(table) ?? new Map<string, ThemeTable>();
  viewsOf.set(table, views);
  const name = `${view.evidence}/${view.unused}/${view.notes}/${view.perCell ?? 'all'}`;
  const kept = views.get(name);
  if (kept) return kept;
  // A page is cut from the whole view (kept too), so the rest of a cell is cut from the same lists.
  const made = view.perCell === undefined ? makeView(table, view) : pageCells(viewTable(table, { evidence: view.evidence, unused: view.unused, notes: view.notes }), view.perCell);
  views.set(name, made);
  return made;
}

const viewsOf = new WeakMap<ThemeTable, Map<string, ThemeTable>>();

/**
 * Each cell's first `perCell` extracts and first `perCell` statements, with how many more of each
 * it has; everything else (counts, presence, recurrence) as it is.
 */
function pageCells(table: ThemeTable, perCell: number): ThemeTable {
  const long = (c: Cell) => c.extracts.length > perCell || c.statements.length > perCell;
  const page = (c: Cell): Cell => ({
    ...c,
    ...(c.extracts.length > perCell ? { extracts: c.extracts.slice(0, perCell), moreExtracts: c.extracts.length - perCell } : {}),
    ...(c.statements.length > perCell ? { statements: c.statements.slice(0, perCell), moreStatements: c.statements.length - perCell } : {}),
  });
  const rows = table.rows.map((r) => (r.cells.some(long) ? { ...r, cells: r.cells.map((c) => (long(c) ? page(c) : c)) } : r));
  return { ...table, rows };
}

function makeView(table: ThemeTable, view: { evidence: TableEvidence; unused: TableUnused; notes: TableNotes }): ThemeTable {
  let rows = table.rows;
  if (view.unused === 'hide') {
    // Rows are parents before sub-themes: walking backwards marks each parent after its subtree.
    const used = new Set<string>();
    for (let i = rows.length - 1; i >= 0; i--) {
      const r = rows[i]!;
      if (hasEvidence(r) || used.has(r.themeId)) {
        used.add(r.themeId);
        if (r.parentId !== null) used.add(r.parentId);
      }
    }
    rows = rows.filter((r) => used.has(r.themeId));
  }
  if (view.evidence === 'key') {
    rows = rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, extracts: c.extracts.filter((e) => e.key), statements: c.statements.filter((st) => st.key) })) }));
  }
  if (view.notes === 'none') {
    const bare = <T extends { notes: readonly unknown[] }>(e: T): T => (e.notes.length ? { ...e, notes: [] } : e);
    rows = rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, extracts: c.extracts.map(bare), statements: c.statements.map(bare) })) }));
  }
  return { ...table, rows, view: { evidence: view.evidence, unused: view.unused, notes: view.notes, hiddenThemes: table.rows.length - rows.length } };
}

// The column heading lives in a module without zod, so the table's page can import it alone.
export { themeHeading } from './themeHeading';

/** What the export says it shows, when it is not everything (empty otherwise). */
export function viewNote(view: TableView): string {
  const parts = [
    ...(view.evidence === 'key' ? ['Key quotes only (counts and recurrence are of all the evidence).'] : []),
    ...(view.notes === 'evidence' ? ['Exploratory notes are listed under the evidence whose lines they share.'] : []),
    ...(view.hiddenThemes > 0 ? [`${view.hiddenThemes} theme${view.hiddenThemes === 1 ? '' : 's'} without evidence hidden.`] : []),
  ];
  return parts.join(' ');
}

/** Marks key quotes in every export format (words, so the mark survives plain text and print). */
export const KEY_QUOTE_MARK = 'key quote';

/**
 * The evidence each export lists under its theme, in table order: the extracts and the linked
 * statements the view keeps, themes with nothing listed left out.
 */
export function evidenceByTheme(table: ThemeTable): Array<{ row: ThemeRow; extracts: Extract[]; statements: StatementEvidence[] }> {
  return table.rows.flatMap((row) => {
    const extracts = row.cells.flatMap((c) => c.extracts);
    const statements = row.cells.flatMap((c) => c.statements);
    return extracts.length || statements.length ? [{ row, extracts, statements }] : [];
  });
}

/**
 * What a grid cell says when it cites no extract of its own: the extracts below it, else the
 * statements that make the participant present (recurrence counts them), else nothing.
 */
export function cellWithoutExtracts(c: { readonly total: number; readonly present: boolean; readonly statements: readonly unknown[]; readonly moreStatements?: number | undefined }): string {
  if (c.total) return `(${c.total} below)`;
  // A paged cell counts the statements it left out too: the wording is of all the evidence.
  const statements = c.statements.length + (c.moreStatements ?? 0);
  if (statements) return `(${statements} statement${statements === 1 ? '' : 's'})`;
  return c.present ? '(statements below)' : '';
}
