import { type IdentifierKind, normaliseOriginal } from '../../shared/privacy/identifierKinds';
import type { KeyEntry } from '../../shared/privacy/pseudonymisation';
import type { Database } from './database';

/** The pseudonymisation key of a study (migrations/0010_b). Read only by leads (commands/privacy). */
export interface StoredKeyEntry extends KeyEntry {
  participantId: string | null;
  createdAt: number;
}

export async function listKey(db: Database, studyId: string): Promise<StoredKeyEntry[]> {
  const rows = await db.selectFrom('pseudonym_keys').selectAll().where('study_id', '=', studyId).orderBy('created_at').orderBy('original_norm').execute();
  return rows.map((r) => ({ original: r.original, replacement: r.replacement, kind: r.kind as IdentifierKind, participantId: r.participant_id, createdAt: Number(r.created_at) }));
}

/** Adds entries whose original is not in the key yet (an existing original keeps its replacement); returns how many were added. */
export async function addKeyEntries(db: Database, studyId: string, entries: readonly KeyEntry[], by: { userId: string; participantId: string | null; now: number }): Promise<number> {
  let added = 0;
  for (const e of entries) {
    const r = await db
      .insertInto('pseudonym_keys')
      .values({ study_id: studyId, original_norm: normaliseOriginal(e.original), original: e.original, replacement: e.replacement, kind: e.kind, participant_id: by.participantId, created_by: by.userId, created_at: by.now })
      .onConflict((oc) => oc.columns(['study_id', 'original_norm']).doNothing())
      .executeTakeFirst();
    added += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

export async function deleteKey(db: Database, studyId: string): Promise<number> {
  return Number((await db.deleteFrom('pseudonym_keys').where('study_id', '=', studyId).executeTakeFirst()).numDeletedRows);
}

export async function deleteKeyEntriesOf(db: Database, participantId: string): Promise<number> {
  return Number((await db.deleteFrom('pseudonym_keys').where('participant_id', '=', participantId).executeTakeFirst()).numDeletedRows);
}
