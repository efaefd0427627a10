import { sql } from 'kysely';
import type { DocAppended, LoggedUpdate, LogWriter } from '../docs/LogWriter';
import type { Logger } from '../log';
import type { Database } from '../store/database';
import { appendDocUpdates, saveDocSnapshot } from '../store/docLog';
import { type ClusterChannels, encodeDocNotice } from './channels';
import { fetchRowsAfter } from './fetchRows';
import { lockDocsForCommit, tryLockDocForCompaction } from './locks';

/**
 * The log writer of a node among several on one PostgreSQL.
 *
 * Why a lock: `doc_updates.id` comes from a sequence, and ids are drawn when a transaction
 * inserts, not when it commits. Two nodes committing to one document could make id 101 visible
 * before id 100; a node that then fetched `id > 99` would see 101, move its watermark to 101 and
 * never ask for 100 again. So each commit takes the document's advisory lock *before* drawing
 * ids and holds it to the commit. The next committer of that document waits, and draws its ids
 * after the previous commit became visible (PostgreSQL releases transaction locks only once the
 * commit is visible to new snapshots). Hence, per document, id order is commit order: whatever
 * rows of a document a snapshot sees form a prefix in id order, and a watermark can never skip
 * a row. (Ids of different documents still interleave freely; only per-document order matters.)
 *
 * Holding the lock, the commit also reads the rows of each document that other nodes committed
 * above the room's watermark, so a room leaves every commit with a contiguous watermark again.
 *
 * After the commit, one NOTIFY per document carries only (doc, last id). It is sent after, not
 * inside, the transaction: PostgreSQL serialises committing transactions that notified (a
 * global lock held through the commit's WAL flush), which would cap the whole cluster at one
 * flush at a time. A notification lost to a crash between the two only delays the other nodes
 * until their periodic catch-up (DocFollower).
 */
export function clusterLogWriter(db: Database, channels: ClusterChannels, log: Logger): LogWriter {
  const announce = (docs: ReadonlyArray<{ doc: string; id: number }>) => {
    const payloads = docs.map(encodeDocNotice);
    void sql`select pg_notify(${channels.docs}, p) from unnest(${payloads}::text[]) as p`
      .execute(db)
      .catch((error: unknown) => log.warn('cluster.notify_failed', { docs: docs.length, error: String(error) }));
  };

  return {
    async append(docs) {
      const results = await db.transaction().execute(async (trx): Promise<DocAppended[]> => {
        await lockDocsForCommit(trx, docs.map((d) => d.doc));
        const missed = await fetchRowsAfter(trx, new Map(docs.map((d) => [d.doc, d.appliedId])), Number.MAX_SAFE_INTEGER);
        const ids = await appendDocUpdates(trx, docs.flatMap((d) => d.rows));
        let offset = 0;
        return docs.map((d) => {
          const mine = ids.slice(offset, offset + d.rows.length);
          offset += d.rows.length;
          return { ids: mine, missed: missed.byDoc.get(d.doc) ?? ([] as LoggedUpdate[]) };
        });
      });
      announce(docs.flatMap((d, i) => {
        const last = results[i]!.ids.at(-1);
        return last === undefined ? [] : [{ doc: d.doc, id: last }];
      }));
      return results;
    },

    async saveSnapshot(doc, snapshot) {
      // One compactor per document at a time; saveDocSnapshot itself refuses to replace a
      // snapshot with an older one (upto_id only grows), whichever node finishes last.
      return db.transaction().execute(async (trx) => {
        if (!(await tryLockDocForCompaction(trx, doc))) return 'skipped' as const;
        await saveDocSnapshot(trx, doc, snapshot);
        return 'stored' as const;
      });
    },
  };
}
