import { SqliteAdapter, sql } from 'kysely';
import type { Database } from './database';
import type { DocSnapshot } from './docLog';

/**
 * Erasing documents' history (issue 18 item 2, docs/privacy.md). The update log keeps every
 * change by design (store/docLog.ts), so deleted text stays in it until these rewrite it.
 */

/**
 * Replaces a document's history up to `snapshot.uptoId` by the snapshot (a live doc encoded
 * with garbage collection, so deleted text is not in it): stores the snapshot, unless a newer
 * one is already stored, and deletes every log row it covers. One transaction, so a load sees
 * either the old snapshot with its rows or the new snapshot (loadDoc re-checks the snapshot).
 */
export async function rewriteDocHistory(db: Database, doc: string, snapshot: DocSnapshot): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('doc_snapshots')
      .values({ doc, upto_id: snapshot.uptoId, at: snapshot.at, state: snapshot.state })
      .onConflict((oc) => oc.column('doc').doUpdateSet({ upto_id: snapshot.uptoId, at: snapshot.at, state: snapshot.state }).where('doc_snapshots.upto_id', '<=', snapshot.uptoId))
      .execute();
    const r = await trx.deleteFrom('doc_updates').where('doc', '=', doc).where('id', '<=', snapshot.uptoId).executeTakeFirst();
    return Number(r.numDeletedRows);
  });
}

/** Deletes documents whole (log and snapshot); returns the number of log rows deleted. */
export async function deleteDocs(db: Database, docs: readonly string[]): Promise<number> {
  if (docs.length === 0) return 0;
  let rows = 0;
  for (let i = 0; i < docs.length; i += 500) {
    const chunk = docs.slice(i, i + 500);
    const r = await db.deleteFrom('doc_updates').where('doc', 'in', chunk).executeTakeFirst();
    rows += Number(r.numDeletedRows);
    await db.deleteFrom('doc_snapshots').where('doc', 'in', chunk).execute();
  }
  return rows;
}

/** Names of the stored documents (log or snapshot) that start with `prefix`. */
export async function storedDocsWithPrefix(db: Database, prefix: string): Promise<string[]> {
  const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const a = await db.selectFrom('doc_updates').select('doc').distinct().where(sql<boolean>`doc like ${like} escape '\\'`).execute();
  const b = await db.selectFrom('doc_snapshots').select('doc').where(sql<boolean>`doc like ${like} escape '\\'`).execute();
  return [...new Set([...a, ...b].map((r) => r.doc))].sort();
}

export interface FreedSpace {
  dialect: 'sqlite' | 'postgres';
  /** SQLite: the WAL was checkpointed into the database and truncated to zero bytes. */
  walTruncated?: boolean;
  vacuumed: boolean;
}

/**
 * Makes deleted rows unreadable in the database files. SQLite (with `secure_delete`, set at open
 * in store/database.ts, deleted cells are zeroed in their pages): checkpoint the WAL into the
 * database and truncate it, so no older page image survives in it; with `vacuum`, rebuild the
 * file so no freed page survives either (temporary files in memory, never beside the data).
 * PostgreSQL: VACUUM the tables that held the rows, so their space is reclaimed; what that cannot
 * cover (WAL segments, a standby, dead tuples until overwritten) is in docs/privacy.md.
 */
export async function purgeFreedSpace(db: Database, options: { vacuum: boolean }): Promise<FreedSpace> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    return db.connection().execute(async (c) => {
      if (options.vacuum) {
        await sql`pragma temp_store = memory`.execute(c);
        await sql`vacuum`.execute(c);
      }
      const r = await sql<{ busy: number; log: number; checkpointed: number }>`pragma wal_checkpoint(truncate)`.execute(c);
      const row = r.rows[0];
      return { dialect: 'sqlite', walTruncated: row !== undefined && Number(row.busy) === 0, vacuumed: options.vacuum };
    });
  }
  if (options.vacuum) {
    for (const t of ['doc_updates', 'doc_snapshots', 'layer_snapshots', 'transcripts', 'participants', 'audit_events', 'users']) {
      await sql`vacuum ${sql.table(t)}`.execute(db);
    }
  }
  return { dialect: 'postgres', vacuumed: options.vacuum };
}
