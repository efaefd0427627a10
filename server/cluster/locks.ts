import { sql } from 'kysely';
import type { Database } from '../store/database';

/**
 * Advisory lock classes (the first key of PostgreSQL's two-key advisory locks); the second key
 * is `hashtext(doc)`. Two documents whose names hash alike share a lock: they are merely
 * serialised, never corrupted.
 */
export const LockClass = {
  /** Held from before a commit's ids are drawn until it commits: per-doc commit order. */
  commit: 0x636f6e01,
  /** Held while a snapshot is written: one compactor per document. */
  compact: 0x636f6e02,
} as const;

/**
 * Takes the commit locks of `docs` for the rest of the transaction, in ascending key order. Every
 * node takes them in that one order, so two group commits sharing documents wait for each other
 * and never deadlock.
 */
export async function lockDocsForCommit(trx: Database, docs: readonly string[]): Promise<void> {
  // OFFSET 0 keeps the ordered subquery from being flattened: the locks are taken in its order.
  await sql`select count(pg_advisory_xact_lock(${LockClass.commit}::int4, k))
            from (select distinct hashtext(d) as k from unnest(${docs}::text[]) as d order by k offset 0) as keys`.execute(trx);
}

/** Tries the compaction lock of `doc` for the rest of the transaction; false when another holds it. */
export async function tryLockDocForCompaction(trx: Database, doc: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${LockClass.compact}::int4, hashtext(${doc})) as ok`.execute(trx);
  return r.rows[0]?.ok === true;
}
