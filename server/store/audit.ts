import { PostgresAdapter, sql } from 'kysely';
import { type AuditEvent, GENESIS_HASH, auditHash } from '../../shared/auditChain';
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
  const body = { studyId: e.studyId, seq: (last?.seq ?? 0) + 1, at: e.at, actorId: e.actorId, action: e.action, target: e.target, data: e.data ?? {} };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = auditHash(prevHash, body);
  await db
    .insertInto('audit_events')
    .values({ study_id: body.studyId, seq: body.seq, at: body.at, actor_id: body.actorId, action: body.action, target: body.target, data: JSON.stringify(body.data), prev_hash: prevHash, hash })
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
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}
