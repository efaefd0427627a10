import { sql } from 'kysely';
import type { DocAppended, LoggedUpdate, LogWriter } from '../ydocs/LogWriter';
import type { Logger } from '../log';
import type { Database } from '../store/database';
import { saveDocSnapshot } from '../store/docLog';
import { type ClusterChannels, encodeDocNotice } from './channels';
import { tryLockDocForCompaction } from './locks';

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
 * Lock, read and insert are one call of `concord_append_updates` (migrations/0003_cluster.ts).
 *
 * A document whose rows carry a phase condition (a coder's layer: written only while coding) is
 * checked in that same call, under the transcript's shared phase lock, which a phase change holds
 * exclusively until it commits (migrations/0021_phase_guarded_append.ts). Either the rows commit
 * before the phase change (and the reveal, which runs after it, reads them) or the transcript's
 * new phase is visible and they are refused: never stored after the reveal's snapshot.
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
      // One statement, one implicit transaction: check phases, lock, read what others committed,
      // insert (migrations/0021_phase_guarded_append.ts). No condition: no phase lock, no read.
      const rows = docs.flatMap((d) => d.rows);
      const guarded = docs.some((d) => d.condition);
      const r = await sql<{ r_doc: string; r_id: number | string | null; r_missed: boolean; r_update: Uint8Array | null; r_refused: boolean }>`
        select r_doc, r_id, r_missed, r_update, r_refused from concord_append_updates(
          ${docs.map((d) => d.doc)}::text[], ${docs.map((d) => d.appliedId)}::int8[],
          ${guarded ? docs.map((d) => d.condition?.transcriptId ?? null) : null}::text[], ${guarded ? docs.map((d) => d.condition?.phase ?? null) : null}::text[],
          ${rows.map((x) => x.doc)}::text[], ${rows.map((x) => x.authorId)}::text[], ${rows.map((x) => x.at)}::int8[],
          ${rows.map((x) => Buffer.from(x.update.buffer, x.update.byteOffset, x.update.byteLength))}::bytea[])`.execute(db);
      const missed = new Map<string, LoggedUpdate[]>();
      const ids = new Map<string, number[]>();
      const refused = new Set<string>();
      for (const row of r.rows) {
        if (row.r_refused) {
          refused.add(row.r_doc);
          continue;
        }
        const list = row.r_missed ? (missed.get(row.r_doc) ?? []) : undefined;
        if (list && row.r_update) {
          // A private copy: pg hands out views on pooled buffers and Yjs keeps references.
          list.push({ id: Number(row.r_id), update: new Uint8Array(row.r_update) });
          missed.set(row.r_doc, list);
        } else if (!row.r_missed) {
          const mine = ids.get(row.r_doc) ?? [];
          mine.push(Number(row.r_id));
          ids.set(row.r_doc, mine);
        }
      }
      // Ids of one statement's rows ascend in insertion order, which is input order.
      const results: DocAppended[] = docs.map((d) =>
        refused.has(d.doc) ? { ids: [], missed: [], refused: true } : { ids: (ids.get(d.doc) ?? []).sort((x, y) => x - y), missed: missed.get(d.doc) ?? [] },
      );
      for (const [i, d] of docs.entries()) {
        const stored = results[i]!;
        if (!stored.refused && stored.ids.length !== d.rows.length) throw new Error(`commit of ${d.doc}: ${stored.ids.length} ids for ${d.rows.length} rows`);
      }
      const announced = docs.flatMap((d, i) => (results[i]!.refused ? [] : [{ doc: d.doc, id: results[i]!.ids.at(-1)! }]));
      if (announced.length > 0) announce(announced);
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
