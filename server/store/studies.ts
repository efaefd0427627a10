import type { CodebookPhase, CodingMode, RecurrenceRule, Role, Terminology } from '../../shared/domain';
import type { StudyRecord } from '../../shared/types';
import type { TableNotesSetting } from '../../shared/reconcile/tableNotes';
import type { Database } from './database';
import type { DB } from './schema';

/** A stored study (shared/types.ts: the API answers it with the caller's role added). */
export type Study = StudyRecord;

type Row = DB['studies'];

const toStudy = (r: Row): Study => ({
  id: r.id,
  title: r.title,
  description: r.description,
  codingMode: r.coding_mode as CodingMode,
  terminology: JSON.parse(r.terminology) as Terminology,
  lineWidth: r.line_width,
  recurrenceRule: JSON.parse(r.recurrence_rule) as RecurrenceRule,
  codebookPhase: r.codebook_phase as CodebookPhase,
  independentThemes: Number(r.independent_themes) === 1,
  themesRevealedAt: r.themes_revealed_at === null ? null : Number(r.themes_revealed_at),
  tableNotes: r.table_notes as TableNotesSetting,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function toRow(s: Study): Row {
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    coding_mode: s.codingMode,
    terminology: JSON.stringify(s.terminology),
    line_width: s.lineWidth,
    recurrence_rule: JSON.stringify(s.recurrenceRule),
    codebook_phase: s.codebookPhase,
    independent_themes: s.independentThemes ? 1 : 0,
    themes_revealed_at: s.themesRevealedAt,
    table_notes: s.tableNotes,
    created_by: s.createdBy,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export async function insertStudy(db: Database, s: Study): Promise<void> {
  await db.insertInto('studies').values(toRow(s)).execute();
}

export async function findStudy(db: Database, id: string): Promise<Study | null> {
  const r = await db.selectFrom('studies').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toStudy(r) : null;
}

/** Studies the user is a member of (all studies for `all`), with the user's role. */
export async function listStudies(db: Database, userId: string, all: boolean): Promise<Array<Study & { role: Role | null }>> {
  if (all) {
    const rows = await db
      .selectFrom('studies')
      .leftJoin('members', (j) => j.onRef('members.study_id', '=', 'studies.id').on('members.user_id', '=', userId))
      .selectAll('studies')
      .select('members.role')
      .orderBy('studies.created_at', 'desc')
      .execute();
    return rows.map((r) => ({ ...toStudy(r), role: (r.role as Role | null) ?? null }));
  }
  const rows = await db
    .selectFrom('studies')
    .innerJoin('members', 'members.study_id', 'studies.id')
    .selectAll('studies')
    .select('members.role')
    .where('members.user_id', '=', userId)
    .orderBy('studies.created_at', 'desc')
    .execute();
  return rows.map((r) => ({ ...toStudy(r), role: r.role as Role }));
}

/** Writes the study's settings; its id, creator and creation time never change. */
export async function updateStudy(db: Database, s: Study): Promise<void> {
  const { id: _id, created_by: _by, created_at: _at, ...settings } = toRow(s);
  await db.updateTable('studies').set(settings).where('id', '=', s.id).execute();
}

/**
 * Records the reveal of the coders' private codebooks once (a later call keeps the first time).
 * Answers true when this call revealed them.
 */
export async function markThemesRevealed(db: Database, studyId: string, at: number): Promise<boolean> {
  const r = await db.updateTable('studies').set({ themes_revealed_at: at }).where('id', '=', studyId).where('themes_revealed_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
