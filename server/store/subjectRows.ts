import type { AuditEvent } from '../../shared/auditChain';
import type { AccessEntry } from './accessLog';
import type { Database } from './database';

/**
 * The rows a subject-access export gathers (commands/privacy/subjectAccess.ts, userAccess.ts):
 * what Concord holds about one participant or one user outside the real-time documents.
 */

/** Every document a user owns (their layers, private codebooks, journals), from the log and the snapshots. */
export async function docsOwnedBy(db: Database, userId: string): Promise<string[]> {
  const patterns = [`transcripts/%/layers/${userId}`, `studies/%/codebooks/${userId}`, `studies/%/journals/${userId}`];
  const names = new Set<string>();
  for (const table of ['doc_updates', 'doc_snapshots'] as const) {
    const rows = await db
      .selectFrom(table)
      .select('doc')
      .distinct()
      .where((eb) => eb.or(patterns.map((p) => eb('doc', 'like', p))))
      .execute();
    // LIKE's `%` would also match a longer owner id ending the same way: keep exact owners only.
    for (const r of rows) if (r.doc.endsWith(`/${userId}`)) names.add(r.doc);
  }
  return [...names].sort();
}

/** The documents of these transcripts that have been written (layers, consensus, discussion). */
export async function docsOfTranscripts(db: Database, transcriptIds: readonly string[]): Promise<string[]> {
  const names = new Set<string>();
  for (const tid of transcriptIds) {
    const prefix = `transcripts/${tid}/`;
    for (const table of ['doc_updates', 'doc_snapshots'] as const) {
      const rows = await db.selectFrom(table).select('doc').distinct().where('doc', '>=', prefix).where('doc', '<', prefix + '\uffff').execute();
      for (const r of rows) names.add(r.doc);
    }
  }
  return [...names].sort();
}

function auditRow(r: { study_id: string; seq: number; at: number; actor_id: string | null; action: string; target: string; data: string; data_hash: string | null; prev_hash: string; hash: string }): AuditEvent {
  return { studyId: r.study_id, seq: Number(r.seq), at: Number(r.at), actorId: r.actor_id, action: r.action, target: r.target, data: JSON.parse(r.data) as unknown, ...(r.data_hash === null ? {} : { dataHash: r.data_hash }), prevHash: r.prev_hash, hash: r.hash };
}

/** Audit events a user did, in every study, oldest first. */
export async function auditEventsBy(db: Database, userId: string): Promise<AuditEvent[]> {
  const rows = await db.selectFrom('audit_events').selectAll().where('actor_id', '=', userId).orderBy('at').orderBy('study_id').orderBy('seq').execute();
  return rows.map(auditRow);
}

/** Audit events of a study whose target or data names one of `ids` (a participant, their transcripts). */
export async function auditEventsMentioning(db: Database, studyId: string, ids: readonly string[]): Promise<AuditEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('study_id', '=', studyId)
    .where((eb) => eb.or(ids.flatMap((id) => [eb('target', 'like', `%${id}%`), eb('data', 'like', `%${id}%`)])))
    .orderBy('seq')
    .execute();
  return rows.map(auditRow);
}

const accessRow = (r: { study_id: string; at: number; user_id: string; what: string; target: string; door: string }): AccessEntry => ({
  studyId: r.study_id,
  at: Number(r.at),
  userId: r.user_id,
  what: r.what as AccessEntry['what'],
  target: r.target,
  door: r.door as AccessEntry['door'],
});

/** The reads a user made (the access log), every study, oldest first. */
export async function accessBy(db: Database, userId: string): Promise<AccessEntry[]> {
  return (await db.selectFrom('access_log').selectAll().where('user_id', '=', userId).orderBy('at').orderBy('id').execute()).map(accessRow);
}

/** The reads in a study whose target names one of `ids` (transcripts, their documents, exports about them). */
export async function accessMentioning(db: Database, studyId: string, ids: readonly string[]): Promise<AccessEntry[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('access_log')
    .selectAll()
    .where('study_id', '=', studyId)
    .where((eb) => eb.or(ids.map((id) => eb('target', 'like', `%${id}%`))))
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map(accessRow);
}

/** A user's memberships with the studies' titles. */
export async function membershipsOf(db: Database, userId: string): Promise<Array<{ studyId: string; studyTitle: string; role: string; since: number }>> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('studies', 'studies.id', 'members.study_id')
    .select(['members.study_id', 'studies.title', 'members.role', 'members.created_at'])
    .where('members.user_id', '=', userId)
    .orderBy('members.created_at')
    .execute();
  return rows.map((r) => ({ studyId: r.study_id, studyTitle: r.title, role: r.role, since: Number(r.created_at) }));
}

/** A user's sign-in sessions: times only (the token's hash is a credential, not data about them). */
export async function sessionsOf(db: Database, userId: string): Promise<Array<{ createdAt: number; expiresAt: number }>> {
  const rows = await db.selectFrom('sessions').select(['created_at', 'expires_at']).where('user_id', '=', userId).orderBy('created_at').execute();
  return rows.map((r) => ({ createdAt: Number(r.created_at), expiresAt: Number(r.expires_at) }));
}

/** The account row without its password hash. */
export async function accountOf(db: Database, userId: string): Promise<{ id: string; email: string; name: string; isAdmin: boolean; createdAt: number } | null> {
  const r = await db.selectFrom('users').select(['id', 'email', 'name', 'is_admin', 'created_at']).where('id', '=', userId).executeTakeFirst();
  return r ? { id: r.id, email: r.email, name: r.name, isAdmin: Boolean(r.is_admin), createdAt: Number(r.created_at) } : null;
}

/** The study of each transcript id (documents name transcripts, not studies). */
export async function studiesOfTranscripts(db: Database, transcriptIds: readonly string[]): Promise<Map<string, { studyId: string; title: string; textLength: number }>> {
  const out = new Map<string, { studyId: string; title: string; textLength: number }>();
  if (transcriptIds.length === 0) return out;
  const rows = await db.selectFrom('transcripts').select(['id', 'study_id', 'title', 'text']).where('id', 'in', transcriptIds).execute();
  for (const r of rows) out.set(r.id, { studyId: r.study_id, title: r.title, textLength: r.text.length });
  return out;
}
