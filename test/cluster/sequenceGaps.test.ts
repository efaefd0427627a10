import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRowsAfter } from '../../server/cluster/fetchRows';
import type { LogWriter } from '../../server/ydocs/LogWriter';
import { type Services, createServices } from '../../server/services';
import { type TestEnv, preparedTestEnv } from '../helpers/env';
import { textUpdate } from '../collab/frames';
import { PG_URL } from './cluster';

// Ids come from one sequence and are drawn at insert, not at commit: without per-document commit
// order, a reader could see id N+1 before id N and move its watermark past N for good.
describe.skipIf(!PG_URL)('concurrent writers on one document never leave a follower behind a gap', () => {
  let env: TestEnv;
  const nodes: Services[] = [];
  beforeAll(async () => {
    env = await preparedTestEnv('postgres');
    // Each "node" its own Services: its own pool, so the transactions really overlap.
    for (let i = 0; i < 4; i++) nodes.push(await createServices(env.config, env.options));
  });
  afterAll(async () => {
    for (const s of nodes.splice(0)) await s.close();
    await env.cleanup();
  });

  it('lets a follower that only ever asks for id > watermark see every row, and each writer learn what it lacked', async () => {
    const shared = 'studies/gap/codebook';
    const docsOf = (i: number) => (i % 2 === 0 ? [shared, `studies/gap${i}/codebook`] : [`studies/gap${i}/codebook`, shared]);
    const seen: number[] = [];
    let watermark = 0;
    let writing = true;
    const follower = (async () => {
      const admin = nodes[0]!;
      while (writing || (await pending(admin, shared, watermark))) {
        const { byDoc } = await fetchRowsAfter(admin.db, new Map([[shared, watermark]]), 50);
        for (const r of byDoc.get(shared) ?? []) {
          seen.push(r.id);
          watermark = r.id;
        }
      }
    })();
    // Each writer tracks its own watermark as a room does: its ids plus the rows it missed.
    const perWriter = await Promise.all(
      nodes.map(async (s, i) => {
        const writer: LogWriter = s.docLog;
        let applied = 0;
        const known: number[] = [];
        for (let n = 0; n < 60; n++) {
          const docs = docsOf(i).map((doc) => ({ doc, appliedId: doc === shared ? applied : 0, rows: [{ doc, authorId: null, at: n, update: textUpdate(`${i}-${n}`) }] }));
          const results = await writer.append(docs);
          const mine = results[docs.findIndex((d) => d.doc === shared)]!;
          for (const m of mine.missed) expect(m.id).toBeGreaterThan(applied);
          known.push(...mine.missed.map((m) => m.id), ...mine.ids);
          applied = mine.ids.at(-1)!;
        }
        return { known, applied };
      }),
    );
    writing = false;
    await follower;
    const all = (await fetchRowsAfter(nodes[0]!.db, new Map([[shared, 0]]), 100_000)).byDoc.get(shared)!.map((r) => r.id);
    expect(all).toHaveLength(4 * 60);
    expect(seen).toEqual(all);
    for (const w of perWriter) expect(w.known).toEqual(all.filter((id) => id <= w.applied));
  }, 60_000);
});

async function pending(s: Services, doc: string, after: number): Promise<boolean> {
  return (await fetchRowsAfter(s.db, new Map([[doc, after]]), 1)).count > 0;
}
