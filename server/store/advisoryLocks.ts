import { sql } from 'kysely';
import type { Database } from './database';

/**
 * Cross-node locks of commands on PostgreSQL (the first key of the two-key advisory locks; the
 * second is `hashtext(key)`, a stable hash, so every node computes the same). The document
 * commit and compaction classes (…01, …02) live in server/cluster/locks.ts. Two keys that hash
 * alike share a lock: they are merely serialised, never corrupted.
 */
export const CommandLock = {
  /** A reconciliation write of one transcript (reveal, resolution, decision, comment), keyed by the transcript. */
  reconcile: 0x636f6e03,
  /**
   * A transcript's phase: a phase change holds it exclusively, every commit of a document
   * bound to a phase (a layer while coding, the consensus while reconciling) shares it and checks
   * the phase under it (migrations/0021_phase_guarded_append.ts spells the value out).
   */
  phase: 0x636f6e04,
  /** A theme governance step (merge, retire, finalise), keyed by the study. */
  govern: 0x636f6e05,
} as const;

/**
 * Threat: every pooled connection (store/database.ts: 10) held by a command waiting for another
 * node's lock, while the document commits of the holder need one: the pool deadlocks. At most
 * this many locked transactions per process hold a connection; others queue for a slot.
 */
export const MAX_LOCKED_TRANSACTIONS = 4;

/** Waits for the lock of `key` in `lockClass` and holds it until `trx` ends (PostgreSQL only). */
export async function lockForTransaction(trx: Database, lockClass: number, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${lockClass}::int4, hashtext(${key}))`.execute(trx);
}

/**
 * Runs `fn` in a transaction that holds the lock of `key` from its start to its commit (PostgreSQL
 * only): in `db` itself when it is a transaction already, otherwise in a new one that waits for
 * one of MAX_LOCKED_TRANSACTIONS slots first.
 */
export async function lockedTransaction<T>(db: Database, lockClass: number, key: string, fn: (trx: Database) => Promise<T>): Promise<T> {
  const run = async (trx: Database) => {
    await lockForTransaction(trx, lockClass, key);
    return fn(trx);
  };
  if (db.isTransaction) return run(db);
  let slots = slotsOf.get(db);
  if (!slots) slotsOf.set(db, (slots = { free: MAX_LOCKED_TRANSACTIONS, waiting: [] }));
  const held = slots;
  if (held.free > 0) held.free--;
  else await new Promise<void>((resolve) => held.waiting.push(resolve));
  try {
    return await db.transaction().execute(run);
  } finally {
    const next = held.waiting.shift();
    if (next) next();
    else held.free++;
  }
}

interface Slots {
  free: number;
  waiting: Array<() => void>;
}
const slotsOf = new WeakMap<Database, Slots>();

/** Runs `fn` in `db` when it is already a transaction, otherwise in a new one. */
export function inTransaction<T>(db: Database, fn: (trx: Database) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
