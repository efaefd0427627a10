import { type ProposalStatus, type ThemeChange, type ThemeProposal, ThemeChangeSchema } from '../../shared/themes';
import type { Database } from './database';
import type { DB } from './schema';

type Row = DB['theme_proposals'];

function fromRow(r: Row): ThemeProposal {
  return {
    id: r.id,
    studyId: r.study_id,
    themeId: r.theme_id,
    proposerId: r.proposer_id,
    change: ThemeChangeSchema.parse(JSON.parse(r.change)),
    rationale: r.rationale,
    status: r.status as ProposalStatus,
    createdAt: Number(r.created_at),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at === null ? null : Number(r.decided_at),
    decisionNote: r.decision_note,
  };
}

export interface NewProposal {
  id: string;
  studyId: string;
  themeId: string;
  proposerId: string;
  change: ThemeChange;
  rationale: string;
  createdAt: number;
}

export async function insertProposal(db: Database, p: NewProposal): Promise<ThemeProposal> {
  const row: Row = {
    id: p.id,
    study_id: p.studyId,
    theme_id: p.themeId,
    proposer_id: p.proposerId,
    change: JSON.stringify(p.change),
    rationale: p.rationale,
    status: 'open',
    created_at: p.createdAt,
    decided_by: null,
    decided_at: null,
    decision_note: null,
  };
  await db.insertInto('theme_proposals').values(row).execute();
  return fromRow(row);
}

export async function findProposal(db: Database, studyId: string, id: string): Promise<ThemeProposal | null> {
  const r = await db.selectFrom('theme_proposals').selectAll().where('study_id', '=', studyId).where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : null;
}

/** A study's proposals, newest first; only `proposerId`'s when given. */
export async function listProposals(db: Database, studyId: string, opts: { proposerId?: string; limit: number }): Promise<ThemeProposal[]> {
  let q = db.selectFrom('theme_proposals').selectAll().where('study_id', '=', studyId);
  if (opts.proposerId) q = q.where('proposer_id', '=', opts.proposerId);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(opts.limit).execute();
  return rows.map(fromRow);
}

export async function countOpenProposals(db: Database, studyId: string, proposerId: string): Promise<number> {
  const r = await db
    .selectFrom('theme_proposals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('study_id', '=', studyId)
    .where('proposer_id', '=', proposerId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Records the decision on an open proposal; false when it was no longer open (decided meanwhile). */
export async function decideProposalRow(db: Database, studyId: string, id: string, d: { status: 'accepted' | 'declined'; by: string; at: number; note: string | null }): Promise<boolean> {
  const r = await db
    .updateTable('theme_proposals')
    .set({ status: d.status, decided_by: d.by, decided_at: d.at, decision_note: d.note })
    .where('study_id', '=', studyId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Every proposal one account made, in any study, oldest first (their subject-access export). */
export async function proposalsBy(db: Database, proposerId: string): Promise<ThemeProposal[]> {
  const rows = await db.selectFrom('theme_proposals').selectAll().where('proposer_id', '=', proposerId).orderBy('created_at').orderBy('id').execute();
  return rows.map(fromRow);
}

/**
 * Withdraws an erased account's open proposals in the given studies (those that delete a departed
 * member's work). Decided proposals stay: they are the record of a lead's decision, and name the
 * account only by its id, which the erasure turns into a tombstone.
 */
export async function deleteOpenProposalsOf(db: Database, proposerId: string, studyIds: readonly string[]): Promise<number> {
  if (studyIds.length === 0) return 0;
  const r = await db.deleteFrom('theme_proposals').where('proposer_id', '=', proposerId).where('study_id', 'in', studyIds).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numDeletedRows);
}
