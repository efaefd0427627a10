import type SQLite from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import type { Database } from './database';

/**
 * The Yjs update log and its snapshots (migrations/0001): the source of truth of every real-time
 * document. Compaction deletes no rows: a snapshot only shortens what a load has to replay, the
 * rows stay as the per-author history behind the audit trail. Only erasure deletes rows
 * (store/docErasure.ts, docs/privacy.md).
 */
export interface NewDocUpdate {
  doc: string;
  authorId: string | null;
  at: number;
  update: Uint8Array;
}

export interface DocUpdateRow {
  id: number;
  authorId: string | null;
  at: number;
  size: number;
  update: Uint8Array;
}

export interface DocSnapshot {
  uptoId: number;
  at: number;
  state: Uint8Array;
}

// SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535: 5 columns x 1,000 rows
// stays below both.
const INSERT_CHUNK = 1000;

/** Appends updates in the caller's transaction; returns the ids in input order. */
export async function appendDocUpdates(db: Database, rows: readonly NewDocUpdate[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const inserted = await db
      .insertInto('doc_updates')
      .values(chunk.map((r) => ({ doc: r.doc, author_id: r.authorId, at: r.at, size: r.update.byteLength, update: r.update })))
      .returning('id')
      .execute();
    // Both dialects return RETURNING rows of a multi-row VALUES insert in insertion order.
    for (const r of inserted) ids.push(Number(r.id));
  }
  return ids;
}

/**
 * The update log's hot path on SQLite: one INSERT prepared once and run for every row, all rows
 * in one transaction, synchronously. Through Kysely each commit compiled and prepared its
 * statements anew and took several promise hops per statement (BEGIN, INSERT, COMMIT): about half
 * of a single-change commit's time besides the fsync (docs/benchmarks.md). Same rows, same ids
 * in input order, same single fsync as appendDocUpdates.
 *
 * The handle is the one connection under Kysely: call the appender only when no transaction
 * of another caller is open on it (`inTransaction` false), or while holding that connection
 * (`db.connection().execute(...)`), so that it never runs inside such a transaction
 * (ydocs/LogWriter.ts sqliteLogWriter).
 */
export function sqliteDocAppender(sqlite: SQLite.Database): (rows: readonly NewDocUpdate[]) => number[] {
  let append: ((rows: readonly NewDocUpdate[]) => number[]) | null = null;
  return (rows) => {
    if (!append) {
      // Prepared on first use: the table exists once the migrations ran.
      const insert = sqlite.prepare('insert into doc_updates (doc, author_id, at, size, "update") values (?, ?, ?, ?, ?)');
      append = sqlite.transaction((list: readonly NewDocUpdate[]) =>
        list.map((r) => Number(insert.run(r.doc, r.authorId, r.at, r.update.byteLength, r.update).lastInsertRowid)),
      );
    }
    return append(rows);
  };
}

export async function findDocSnapshot(db: Database, doc: string): Promise<DocSnapshot | null> {
  const r = await db.selectFrom('doc_snapshots').select(['upto_id', 'at', 'state']).where('doc', '=', doc).executeTakeFirst();
  return r ? { uptoId: Number(r.upto_id), at: Number(r.at), state: toBytes(r.state) } : null;
}

/** The `upto_id` of a document's snapshot, or null (a cheap re-check: no state bytes). */
export async function snapshotUptoId(db: Database, doc: string): Promise<number | null> {
  const r = await db.selectFrom('doc_snapshots').select('upto_id').where('doc', '=', doc).executeTakeFirst();
  return r ? Number(r.upto_id) : null;
}

/** Updates of a document after `afterId`, oldest first: the tail a load replays on its snapshot. */
export async function listDocUpdatesAfter(db: Database, doc: string, afterId: number): Promise<DocUpdateRow[]> {
  const rows = await db
    .selectFrom('doc_updates')
    .select(['id', 'author_id', 'at', 'size', 'update'])
    .where('doc', '=', doc)
    .where('id', '>', afterId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), authorId: r.author_id, at: Number(r.at), size: Number(r.size), update: toBytes(r.update) }));
}

/**
 * Writes (or replaces) the snapshot of a document. A snapshot never moves backwards: a slower
 * compaction that finishes after a newer one must not replace it.
 */
export async function saveDocSnapshot(db: Database, doc: string, snapshot: DocSnapshot): Promise<void> {
  await db
    .insertInto('doc_snapshots')
    .values({ doc, upto_id: snapshot.uptoId, at: snapshot.at, state: snapshot.state })
    .onConflict((oc) =>
      oc
        .column('doc')
        .doUpdateSet({ upto_id: snapshot.uptoId, at: snapshot.at, state: snapshot.state })
        .where('doc_snapshots.upto_id', '<', snapshot.uptoId),
    )
    .execute();
}

export interface DocHistoryEntry {
  id: number;
  authorId: string | null;
  authorName: string | null;
  at: number;
  size: number;
}

/** One page of a document's history (no update bytes), oldest first. */
export async function listDocHistory(db: Database, doc: string, afterId: number, limit: number): Promise<DocHistoryEntry[]> {
  const rows = await db
    .selectFrom('doc_updates')
    .leftJoin('users', 'users.id', 'doc_updates.author_id')
    .select(['doc_updates.id', 'doc_updates.author_id', 'doc_updates.at', 'doc_updates.size', 'users.name'])
    .where('doc_updates.doc', '=', doc)
    .where('doc_updates.id', '>', afterId)
    .orderBy('doc_updates.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), authorId: r.author_id, authorName: r.name ?? null, at: Number(r.at), size: Number(r.size) }));
}

export interface DocAuthorSummary {
  authorId: string | null;
  authorName: string | null;
  updates: number;
  bytes: number;
  firstAt: number;
  lastAt: number;
}

/** Who wrote a document, over its whole log: the per-author summary of the history. */
export async function summarizeDocAuthors(db: Database, doc: string): Promise<DocAuthorSummary[]> {
  const rows = await db
    .selectFrom('doc_updates')
    .leftJoin('users', 'users.id', 'doc_updates.author_id')
    .select([
      'doc_updates.author_id',
      'users.name',
      (eb) => eb.fn.countAll<number>().as('updates'),
      (eb) => eb.fn.sum<number>('doc_updates.size').as('bytes'),
      (eb) => eb.fn.min<number>('doc_updates.at').as('first_at'),
      (eb) => eb.fn.max<number>('doc_updates.at').as('last_at'),
    ])
    .where('doc_updates.doc', '=', doc)
    .groupBy(['doc_updates.author_id', 'users.name'])
    .orderBy(sql`min(doc_updates.id)`)
    .execute();
  return rows.map((r) => ({
    authorId: r.author_id,
    authorName: r.name ?? null,
    updates: Number(r.updates),
    bytes: Number(r.bytes),
    firstAt: Number(r.first_at),
    lastAt: Number(r.last_at),
  }));
}

/** Number of rows of a document's log (tests, diagnostics). */
export async function countDocUpdates(db: Database, doc: string): Promise<number> {
  const r = await db.selectFrom('doc_updates').select((eb) => eb.fn.countAll<number>().as('n')).where('doc', '=', doc).executeTakeFirstOrThrow();
  return Number(r.n);
}

// better-sqlite3 returns Buffer, pg returns Buffer: both are Uint8Array views, possibly on a
// shared pool; copy so Yjs never keeps a pooled buffer alive.
function toBytes(v: Uint8Array): Uint8Array {
  return new Uint8Array(v);
}
