import type { Database } from '../store/database';
import { type DocSnapshot, type NewDocUpdate, appendDocUpdates, saveDocSnapshot } from '../store/docLog';

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

/** The single-process writer: one transaction, nothing to announce. */
export function localLogWriter(db: Database): LogWriter {
  return {
    async append(docs) {
      const rows = docs.flatMap((d) => d.rows);
      const ids = await db.transaction().execute((trx) => appendDocUpdates(trx, rows));
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
