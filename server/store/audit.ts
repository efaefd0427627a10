import { PostgresAdapter, sql } from 'kysely';
import { type AuditEvent, type AuditRedaction, GENESIS_HASH, auditDataHash, auditHash } from '../../shared/auditChain';
import type { Database } from './database';

export interface NewAuditEvent {
  studyId: string;
  actorId: string | null;
  action: string;
  target: string;
  data?: unknown;
  at: number;
}

/**
 * Appends an event to the study's hash chain. Call it inside the transaction that makes the
 * change it records, so the change and its record commit together.
 */
export async function appendAudit(db: Database, e: NewAuditEvent): Promise<AuditEvent> {
  // Two writers must not both read the same last event: on PostgreSQL a per-study advisory lock
  // serialises appenders until commit; SQLite transactions are already serial.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(hashtext(${'audit:' + e.studyId}))`.execute(db);
  }
  const last = await db
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .where('study_id', '=', e.studyId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const data = e.data ?? {};
  // Scheme 2: the hash covers the data's hash, so the data can be redacted on erasure.
  const body = { studyId: e.studyId, seq: (last?.seq ?? 0) + 1, at: e.at, actorId: e.actorId, action: e.action, target: e.target, data, dataHash: auditDataHash(data) };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = auditHash(prevHash, body);
  await db
    .insertInto('audit_events')
    .values({ study_id: body.studyId, seq: body.seq, at: body.at, actor_id: body.actorId, action: body.action, target: body.target, data: JSON.stringify(body.data), data_hash: body.dataHash, prev_hash: prevHash, hash })
    .execute();
  return { ...body, prevHash, hash };
}

export async function listAudit(db: Database, studyId: string): Promise<AuditEvent[]> {
  const rows = await db.selectFrom('audit_events').selectAll().where('study_id', '=', studyId).orderBy('seq').execute();
  return rows.map((r) => ({
    studyId: r.study_id,
    seq: Number(r.seq),
    at: r.at,
    actorId: r.actor_id,
    action: r.action,
    target: r.target,
    data: JSON.parse(r.data) as unknown,
    ...(r.data_hash === null ? {} : { dataHash: r.data_hash }),
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/**
 * Replaces the data of scheme 2 events with a redaction marker (erasure). Their hashes, which
 * cover the data's hash rather than the data, stay valid (docs/audit.md). Scheme 1 events are
 * left as they are and returned: redacting them would break the chain.
 */
export async function redactAuditEvents(db: Database, studyId: string, seqs: readonly number[], redaction: AuditRedaction): Promise<{ redacted: number[]; kept: number[] }> {
  const redacted: number[] = [];
  const kept: number[] = [];
  for (const seq of seqs) {
    const r = await db
      .updateTable('audit_events')
      .set({ data: JSON.stringify(redaction) })
      .where('study_id', '=', studyId)
      .where('seq', '=', seq)
      .where('data_hash', 'is not', null)
      .executeTakeFirst();
    (Number(r.numUpdatedRows) > 0 ? redacted : kept).push(seq);
  }
  return { redacted, kept };
}
