import type { Database } from './database';

/**
 * The instance's record of erasures and of backups (migrations/0010_a). An erasure row says who
 * erased what kind of thing, when and why, with counts: never the erased content.
 */
export interface ErasureRecord {
  id: string;
  at: number;
  actorId: string | null;
  kind: 'participant' | 'transcript' | 'study' | 'user' | 'pseudonym-key';
  target: string;
  studyId: string | null;
  reason: string;
  details: Record<string, unknown>;
}

export async function insertErasure(db: Database, e: ErasureRecord): Promise<void> {
  await db
    .insertInto('erasures')
    .values({ id: e.id, at: e.at, actor_id: e.actorId, kind: e.kind, target: e.target, study_id: e.studyId, reason: e.reason, details: JSON.stringify(e.details) })
    .execute();
}

export async function updateErasureDetails(db: Database, id: string, details: Record<string, unknown>): Promise<void> {
  await db.updateTable('erasures').set({ details: JSON.stringify(details) }).where('id', '=', id).execute();
}

export async function listErasures(db: Database, filter: { studyId?: string } = {}): Promise<ErasureRecord[]> {
  let q = db.selectFrom('erasures').selectAll().orderBy('at').orderBy('id');
  if (filter.studyId) q = q.where('study_id', '=', filter.studyId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    at: Number(r.at),
    actorId: r.actor_id,
    kind: r.kind as ErasureRecord['kind'],
    target: r.target,
    studyId: r.study_id,
    reason: r.reason,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

export interface BackupRecord {
  id: string;
  at: number;
  path: string;
  bytes: number;
}

export async function insertBackup(db: Database, b: BackupRecord): Promise<void> {
  await db.insertInto('backups').values({ id: b.id, at: b.at, path: b.path, bytes: b.bytes }).execute();
}

/** Backups taken before `at`: copies that still hold what an erasure at `at` removed. */
export async function listBackupsBefore(db: Database, at: number): Promise<BackupRecord[]> {
  const rows = await db.selectFrom('backups').selectAll().where('at', '<=', at).orderBy('at').execute();
  return rows.map((r) => ({ id: r.id, at: Number(r.at), path: r.path, bytes: Number(r.bytes) }));
}

export type DepartedLayers = 'keep' | 'delete';

/** What happens to a departed coder's layers when their account is erased (default: kept). */
export async function findDepartedLayers(db: Database, studyId: string): Promise<DepartedLayers> {
  const r = await db.selectFrom('study_privacy').select('departed_layers').where('study_id', '=', studyId).executeTakeFirst();
  return r?.departed_layers === 'delete' ? 'delete' : 'keep';
}

/** The study's retention end (ms since the epoch), or null. */
export async function findRetentionUntil(db: Database, studyId: string): Promise<number | null> {
  const r = await db.selectFrom('study_privacy').select('retention_until').where('study_id', '=', studyId).executeTakeFirst();
  return r?.retention_until === null || r?.retention_until === undefined ? null : Number(r.retention_until);
}

export async function saveRetentionUntil(db: Database, studyId: string, until: number | null, now: number): Promise<void> {
  await db
    .insertInto('study_privacy')
    .values({ study_id: studyId, departed_layers: 'keep', retention_until: until, updated_at: now })
    .onConflict((oc) => oc.column('study_id').doUpdateSet({ retention_until: until, updated_at: now }))
    .execute();
}

export async function saveDepartedLayers(db: Database, studyId: string, value: DepartedLayers, now: number): Promise<void> {
  await db
    .insertInto('study_privacy')
    .values({ study_id: studyId, departed_layers: value, updated_at: now })
    .onConflict((oc) => oc.column('study_id').doUpdateSet({ departed_layers: value, updated_at: now }))
    .execute();
}
