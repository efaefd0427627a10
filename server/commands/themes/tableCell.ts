import type { Extract, StatementEvidence, TableCellQuery } from '../../../shared/reconcile';
import { invalid, notFound } from '../../errors';
import type { Services } from '../../services';
import type { Actor } from '../access/actor';
import { studyTableView } from './tableOfThemes';

/** One cell's extracts from `from` on and statements from `statementsFrom` on, with the cell's counts of each in this view. */
export interface TableCellExtracts {
  readonly themeId: string;
  readonly participantId: string;
  readonly from: number;
  /** Every extract of the cell in this view (what `from` counts into). */
  readonly extracts: number;
  readonly rest: readonly Extract[];
  readonly statementsFrom: number;
  /** Every statement of the cell in this view (what `statementsFrom` counts into). */
  readonly statements: number;
  readonly restStatements: readonly StatementEvidence[];
}

/**
 * The rest of a cell of the table of themes (issue 15, performance): the screen asks for the
 * table with a few extracts and statements per cell (`perCell`) and fetches a cell's others when
 * its reader opens "n more". Read with the table's own authorisation and from the same kept table
 * and view, so the rest is exactly what the page left out. A theme or participant not in the table
 * is not found (a theme merged or retired since the page loaded); a `from` or `statementsFrom`
 * past the cell's evidence is refused.
 */
export async function tableCell(s: Services, actor: Actor, studyId: string, q: TableCellQuery): Promise<TableCellExtracts> {
  const { table: view } = await studyTableView(s, actor, studyId, { evidence: q.evidence, unused: 'show', notes: q.notes });
  const pi = view.participants.findIndex((p) => p.id === q.participantId);
  if (pi < 0) throw notFound('participant in the table of themes');
  const row = view.rows.find((r) => r.themeId === q.themeId);
  if (!row) throw notFound('theme in the table of themes');
  const extracts = row.cells[pi]?.extracts ?? [];
  const statements = row.cells[pi]?.statements ?? [];
  if (q.from > extracts.length) throw invalid(`from (${q.from}) is past the cell's ${extracts.length} extracts`);
  if (q.statementsFrom > statements.length) throw invalid(`statementsFrom (${q.statementsFrom}) is past the cell's ${statements.length} statements`);
  return {
    themeId: q.themeId,
    participantId: q.participantId,
    from: q.from,
    extracts: extracts.length,
    rest: extracts.slice(q.from),
    statementsFrom: q.statementsFrom,
    statements: statements.length,
    restStatements: statements.slice(q.statementsFrom),
  };
}
