import type { Database } from './database';

/**
 * Row deletions of an erasure (commands/privacy/erase.ts), run in its transaction. Each returns
 * how many rows went, for the erasure's record (counts, never content).
 */

export async function transcriptIdsOfParticipant(db: Database, participantId: string): Promise<string[]> {
  return (await db.selectFrom('transcripts').select('id').where('participant_id', '=', participantId).orderBy('id').execute()).map((r) => r.id);
}

export async function transcriptIdsOfStudy(db: Database, studyId: string): Promise<Array<{ id: string; phase: string }>> {
  return db.selectFrom('transcripts').select(['id', 'phase']).where('study_id', '=', studyId).orderBy('id').execute();
}

/** Deletes transcripts with the reveal copies of their layers. */
export async function deleteTranscripts(db: Database, ids: readonly string[]): Promise<{ transcripts: number; layerSnapshots: number }> {
  if (ids.length === 0) return { transcripts: 0, layerSnapshots: 0 };
  const snaps = await db.withTables<{ layer_snapshots: { transcript_id: string } }>().deleteFrom('layer_snapshots').where('transcript_id', 'in', ids).executeTakeFirst();
  const rows = await db.deleteFrom('transcripts').where('id', 'in', ids).executeTakeFirst();
  return { transcripts: Number(rows.numDeletedRows), layerSnapshots: Number(snaps.numDeletedRows) };
}

export async function deleteParticipant(db: Database, id: string): Promise<number> {
  return Number((await db.deleteFrom('participants').where('id', '=', id).executeTakeFirst()).numDeletedRows);
}

/** Deletes a study and everything keyed by it (its trail too: the erasure record stays). */
export async function deleteStudyRows(db: Database, studyId: string): Promise<{ participants: number; members: number; auditEvents: number }> {
  const participants = await db.deleteFrom('participants').where('study_id', '=', studyId).executeTakeFirst();
  const members = await db.deleteFrom('members').where('study_id', '=', studyId).executeTakeFirst();
  await db.deleteFrom('invitations').where('study_id', '=', studyId).execute();
  const audit = await db.deleteFrom('audit_events').where('study_id', '=', studyId).executeTakeFirst();
  await db.deleteFrom('study_privacy').where('study_id', '=', studyId).execute();
  await db.deleteFrom('retention_exports').where('study_id', '=', studyId).execute();
  await db.deleteFrom('studies').where('id', '=', studyId).execute();
  return { participants: Number(participants.numDeletedRows), members: Number(members.numDeletedRows), auditEvents: Number(audit.numDeletedRows) };
}

/** Reveal copies of one coder's layers on the given transcripts. */
export async function deleteLayerSnapshotsOf(db: Database, ownerId: string, transcriptIds: readonly string[]): Promise<number> {
  if (transcriptIds.length === 0) return 0;
  const r = await db
    .withTables<{ layer_snapshots: { transcript_id: string; owner_id: string } }>()
    .deleteFrom('layer_snapshots')
    .where('owner_id', '=', ownerId)
    .where('transcript_id', 'in', transcriptIds)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function studyIdsOfMember(db: Database, userId: string): Promise<string[]> {
  return (await db.selectFrom('members').select('study_id').where('user_id', '=', userId).orderBy('study_id').execute()).map((r) => r.study_id);
}

/**
 * An erased account stays as a tombstone, because studies, transcripts and logs refer to its id:
 * no e-mail, no name (a pseudonym instead), no usable password, no sessions, no memberships.
 */
export async function tombstoneUser(db: Database, userId: string, pseudonym: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db.deleteFrom('members').where('user_id', '=', userId).execute();
  await db.deleteFrom('invitations').where('accepted_user_id', '=', userId).execute();
  await db.updateTable('invitations').set({ claim_user_id: null }).where('claim_user_id', '=', userId).execute();
  await db
    .updateTable('users')
    .set({ email: `erased-${userId}@erased.invalid`, name: pseudonym, password_hash: '!erased', is_admin: 0 })
    .where('id', '=', userId)
    .execute();
}
