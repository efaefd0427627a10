import { sql } from 'kysely';
import type { Database } from '../store/database';

/**
 * Advisory lock classes (the first key of PostgreSQL's two-key advisory locks); the second key
 * is `hashtext(doc)`. Two documents whose names hash alike share a lock: they are merely
 * serialised, never corrupted.
 */
export const LockClass = {
  /**
   * Held from before a commit's ids are drawn until it commits: per-doc commit order. Taken by
   * `concord_append_updates` (migrations/0003_cluster.ts, which spells the value out), in
   * ascending key order so that group commits sharing documents never deadlock.
   */
  commit: 0x636f6e01,
  /** Held while a snapshot is written: one compactor per document. */
  compact: 0x636f6e02,
} as const;

/** Tries the compaction lock of `doc` for the rest of the transaction; false when another holds it. */
export async function tryLockDocForCompaction(trx: Database, doc: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${LockClass.compact}::int4, hashtext(${doc})) as ok`.execute(trx);
  return r.rows[0]?.ok === true;
}
