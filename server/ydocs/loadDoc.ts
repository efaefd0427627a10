import * as Y from 'yjs';
import type { Database } from '../store/database';
import { findDocSnapshot, listDocUpdatesAfter, snapshotUptoId } from '../store/docLog';

/** Rows replayed per event-loop turn when loading. */
export const LOAD_YIELD_EVERY_ROWS = 1000;

export interface LoadedDoc {
  doc: Y.Doc;
  /** Id of the newest log row the doc contains (0 when the log is empty). */
  lastId: number;
  /** Log rows replayed on top of the snapshot. */
  tailRows: number;
  snapshotUptoId: number | null;
  /** Bytes read: snapshot plus tail, an upper bound of the encoded state. */
  bytes: number;
  /** Bytes of the tail rows alone (what the next compaction makes unnecessary to replay). */
  tailBytes: number;
}

/**
 * Builds a document from its snapshot plus the log rows after it. A snapshot covers exactly the
 * rows with id <= upto_id and compaction deletes no rows, so reading the snapshot first and then
 * the rows after it is consistent even if a compaction lands in between; an erasure, which does
 * delete rows, is detected and the read repeated.
 * Throws when the stored bytes cannot be applied: the caller refuses the connection (4500) and
 * never stores anything for a document it could not load.
 */
export async function loadDoc(db: Database, name: string): Promise<LoadedDoc> {
  let snapshot = await findDocSnapshot(db, name);
  let tail = await listDocUpdatesAfter(db, name, snapshot?.uptoId ?? 0);
  // Erasure rewrites a history (store/docErasure.ts): it replaces the snapshot and deletes the
  // rows it covers, so a tail read after that against an older snapshot could miss rows. A
  // snapshot that changed between the two reads means: read both again.
  for (let attempt = 0; (await snapshotUptoId(db, name)) !== (snapshot?.uptoId ?? null); attempt++) {
    if (attempt >= 5) throw new Error(`${name}: the snapshot kept changing while loading`);
    snapshot = await findDocSnapshot(db, name);
    tail = await listDocUpdatesAfter(db, name, snapshot?.uptoId ?? 0);
  }
  const doc = new Y.Doc();
  let bytes = 0;
  let tailBytes = 0;
  try {
    if (snapshot) {
      Y.applyUpdate(doc, snapshot.state);
      bytes += snapshot.state.byteLength;
    }
    for (let i = 0; i < tail.length; i += LOAD_YIELD_EVERY_ROWS) {
      // A long tail (a log that was never compacted) must not stall every other document:
      // replay it in slices, yielding to the event loop in between.
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      doc.transact(() => {
        for (const row of tail.slice(i, i + LOAD_YIELD_EVERY_ROWS)) {
          Y.applyUpdate(doc, row.update);
          tailBytes += row.update.byteLength;
        }
      });
    }
  } catch (e) {
    doc.destroy();
    throw e;
  }
  const lastRow = tail[tail.length - 1];
  return {
    doc,
    lastId: lastRow ? lastRow.id : (snapshot?.uptoId ?? 0),
    tailRows: tail.length,
    snapshotUptoId: snapshot?.uptoId ?? null,
    bytes: bytes + tailBytes,
    tailBytes,
  };
}
