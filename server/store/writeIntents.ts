import type { Database } from './database';

/** A multi-step write in progress (migrations/0013_a_write_intents.ts). */
export interface WriteIntent {
  id: string;
  studyId: string;
  kind: 'reveal' | 'govern' | 'decide' | 'codebook';
  /** The transcript (reveal) or theme (govern, decide, codebook) the write is about. */
  target: string;
  actorId: string;
  data: Record<string, unknown>;
  createdAt: number;
}

export async function insertWriteIntent(db: Database, i: WriteIntent): Promise<void> {
  await db
    .insertInto('write_intents')
    .values({ id: i.id, study_id: i.studyId, kind: i.kind, target: i.target, actor_id: i.actorId, data: JSON.stringify(i.data), created_at: i.createdAt })
    .execute();
}

/** Deletes an intent; true when this call deleted it (so its completion runs once). */
export async function deleteWriteIntent(db: Database, id: string): Promise<boolean> {
  const r = await db.deleteFrom('write_intents').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function findWriteIntent(db: Database, id: string): Promise<WriteIntent | null> {
  const r = await db.selectFrom('write_intents').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toIntent(r) : null;
}

/** Every intent left behind, oldest first (completed at startup). */
export async function listWriteIntents(db: Database): Promise<WriteIntent[]> {
  const rows = await db.selectFrom('write_intents').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toIntent);
}

function toIntent(r: { id: string; study_id: string; kind: string; target: string; actor_id: string; data: string; created_at: number | string }): WriteIntent {
  return {
    id: r.id,
    studyId: r.study_id,
    kind: r.kind as WriteIntent['kind'],
    target: r.target,
    actorId: r.actor_id,
    data: JSON.parse(r.data) as Record<string, unknown>,
    createdAt: Number(r.created_at),
  };
}
