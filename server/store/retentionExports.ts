import type { Database } from './database';

/** A final export a lead took before erasing a study (migrations/0015_a): its hash, never its content. */
export interface RetentionExport {
  id: string;
  studyId: string;
  at: number;
  actorId: string;
  sha256: string;
  bytes: number;
  /** The study's last audit event when the export was taken (the export's own event). */
  auditSeq: number;
  /** The last document update id of the instance before the export was built. */
  docUpdateId: number;
}

export async function insertRetentionExport(db: Database, e: RetentionExport): Promise<void> {
  await db
    .insertInto('retention_exports')
    .values({ id: e.id, study_id: e.studyId, at: e.at, actor_id: e.actorId, sha256: e.sha256, bytes: e.bytes, audit_seq: e.auditSeq, doc_update_id: e.docUpdateId })
    .execute();
}

export async function findRetentionExport(db: Database, id: string): Promise<RetentionExport | null> {
  const r = await db.selectFrom('retention_exports').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, studyId: r.study_id, at: Number(r.at), actorId: r.actor_id, sha256: r.sha256, bytes: Number(r.bytes), auditSeq: Number(r.audit_seq), docUpdateId: Number(r.doc_update_id) } : null;
}

/** The highest document update id so far (0 when none). */
export async function lastDocUpdateId(db: Database): Promise<number> {
  const r = await db.selectFrom('doc_updates').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(r?.id ?? 0);
}

/** The study's last audit event number (0 when none). */
export async function lastAuditSeq(db: Database, studyId: string): Promise<number> {
  const r = await db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('seq')).where('study_id', '=', studyId).executeTakeFirst();
  return Number(r?.seq ?? 0);
}

/** Whether any document of these transcripts or of the study was updated after `afterId`. */
export async function studyDocsChangedSince(db: Database, studyId: string, transcriptIds: readonly string[], afterId: number): Promise<boolean> {
  const prefixes = [`studies/${studyId}/`, ...transcriptIds.map((t) => `transcripts/${t}/`)];
  const r = await db
    .selectFrom('doc_updates')
    .select('id')
    .where('id', '>', afterId)
    .where((eb) => eb.or(prefixes.map((p) => eb.and([eb('doc', '>=', p), eb('doc', '<', p + '\uffff')]))))
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}
