import { sql } from 'kysely';
import type { LoggedUpdate } from '../ydocs/LogWriter';
import type { Database } from '../store/database';

export interface FetchedRows {
  byDoc: Map<string, LoggedUpdate[]>;
  count: number;
}

/**
 * Rows of several documents above each one's watermark, oldest first, at most `limit` in all.
 * Ordered by id across documents, a cut at `limit` leaves each document a prefix of what it
 * lacks (never a gap), so the next call continues where this one stopped.
 */
export async function fetchRowsAfter(db: Database, watermarks: ReadonlyMap<string, number>, limit: number): Promise<FetchedRows> {
  const docs = [...watermarks.keys()];
  const afters = docs.map((d) => watermarks.get(d)!);
  const byDoc = new Map<string, LoggedUpdate[]>();
  if (docs.length === 0) return { byDoc, count: 0 };
  const r = await sql<{ doc: string; id: number | string; update: Uint8Array }>`
    select u.doc, u.id, u.update
    from unnest(${docs}::text[], ${afters}::int8[]) as w(doc, after)
    join doc_updates u on u.doc = w.doc and u.id > w.after
    order by u.id
    limit ${limit}`.execute(db);
  for (const row of r.rows) {
    let list = byDoc.get(row.doc);
    if (!list) byDoc.set(row.doc, (list = []));
    // A private copy: pg hands out views on pooled buffers and Yjs keeps references.
    list.push({ id: Number(row.id), update: new Uint8Array(row.update) });
  }
  return { byDoc, count: r.rows.length };
}
