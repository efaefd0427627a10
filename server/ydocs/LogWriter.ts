import type { Database } from '../store/database';
import { type DocSnapshot, type NewDocUpdate, appendDocUpdates, saveDocSnapshot, sqliteDocAppender } from '../store/docLog';

/** One row of a document's log as another writer (node) committed it. */
export interface LoggedUpdate {
  id: number;
  update: Uint8Array;
}

/** What one document contributes to a group commit. */
export interface DocAppend {
  doc: string;
  /** Every row of the doc with id <= appliedId is in the room's doc (its watermark). */
  appliedId: number;
  rows: readonly NewDocUpdate[];
}

/** What a group commit stored for one document. */
export interface DocAppended {
  /** Ids of `rows`, in input order. */
  ids: number[];
  /**
   * Rows of the doc with appliedId < id < ids[0] that other writers committed first and the
   * room had not applied, oldest first. Always empty with a single writer process.
   */
  missed: LoggedUpdate[];
}

export type SnapshotOutcome = 'stored' | 'skipped';

/**
 * Where the document registry makes changes durable (house style rule 2: the interface first).
 * One process on SQLite or PostgreSQL uses `localLogWriter`; several processes on one
 * PostgreSQL use server/cluster's writer, which serialises commits per document and announces
 * them to the other nodes.
 */
export interface LogWriter {
  /** Appends the rows of several documents in one transaction; results in input order. */
  append(docs: readonly DocAppend[]): Promise<DocAppended[]>;
  /**
   * Stores a snapshot unless the stored one is as new or newer (a snapshot never moves
   * backwards), or another compactor holds the document ('skipped').
   */
  saveSnapshot(doc: string, snapshot: DocSnapshot): Promise<SnapshotOutcome>;
}

/** The single-process writer on either dialect: one Kysely transaction, nothing to announce. */
export function localLogWriter(db: Database): LogWriter {
  return singleProcessWriter(db, (rows) => db.transaction().execute((trx) => appendDocUpdates(trx, rows)));
}

/**
 * The single-process writer on SQLite (what `npm start` runs): the same transaction through a
 * prepared statement on the driver's handle (store/docLog.ts sqliteDocAppender), taken while
 * holding Kysely's only connection so no other query interleaves.
 */
export function sqliteLogWriter(db: Database, sqlite: SqliteHandle): LogWriter {
  const append = sqliteDocAppender(sqlite);
  return singleProcessWriter(db, (rows) => db.connection().execute(async () => append(rows)));
}

type SqliteHandle = Parameters<typeof sqliteDocAppender>[0];

function singleProcessWriter(db: Database, appendRows: (rows: NewDocUpdate[]) => Promise<number[]>): LogWriter {
  return {
    async append(docs) {
      const ids = await appendRows(docs.flatMap((d) => d.rows));
      let offset = 0;
      return docs.map((d) => {
        const mine = ids.slice(offset, offset + d.rows.length);
        offset += d.rows.length;
        return { ids: mine, missed: [] };
      });
    },
    async saveSnapshot(doc, snapshot) {
      await saveDocSnapshot(db, doc, snapshot);
      return 'stored';
    },
  };
}
