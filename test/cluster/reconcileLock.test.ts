import { afterEach, describe, expect, it } from 'vitest';
import { readLayer } from '../../shared/coding';
import { consensusDocName, discussionDocName } from '../../shared/docNames';
import { type DiscussionItem, readDiscussion } from '../../shared/reconcile';
import { createServices } from '../../server/services';
import { listAudit } from '../../server/store/audit';
import { withDoc } from '../../server/ydocs/withDoc';
import { startChildServer } from '../collab/childServer';
import { preparedTestEnv } from '../helpers/env';
import { TEXT, seedReconciliation } from '../reconcile/seed';
import { type Node, PG_URL, nodeApi } from './cluster';

// Issue 14 item 8: reconciliation is locked across nodes, not per process only.
describe.skipIf(!PG_URL)('several nodes on one PostgreSQL: reconciliation', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  /** The reconciliation seed (6 disagreements) on a schema of its own, revealed, and two nodes on it. */
  async function revealedOnTwoNodes() {
    const env = await preparedTestEnv('postgres');
    stops.push(() => env.cleanup());
    const s = await createServices(env.config, env.options);
    const seeded = await seedReconciliation(s);
    await s.close();
    const childEnv = { DATA_DIR: env.dataDir, DATABASE_URL: env.config.databaseUrl!, CONCORD_PG_SCHEMA: env.options.pgSchema! };
    const nodes: Node[] = [];
    for (let i = 0; i < 2; i++) nodes.push((await startChildServer(childEnv)) as Node);
    stops.push(async () => {
      for (const n of nodes) n.child.kill('SIGKILL');
      await Promise.all(nodes.map((n) => n.exited));
    });
    const cookie = seeded.api.lead.cookie!;
    const reveal = await nodeApi(nodes[0]!, cookie, 'POST', `/api/studies/${seeded.sid}/reveal`, { transcriptIds: [seeded.tid] });
    expect(reveal.status).toBe(200);
    const d = await nodeApi(nodes[1]!, cookie, 'GET', `/api/transcripts/${seeded.tid}/discussion`);
    const items = (d.json as { items: DiscussionItem[] }).items;
    expect(items.length).toBe(6);
    return { env, seeded, nodes, cookie, items };
  }

  it('two leads resolving the same disagreement at once on two nodes get revisions 1 and 2: one history entry, one event each, no stray consensus codings', async () => {
    const { env, seeded, nodes, cookie, items } = await revealedOnTwoNodes();
    const { tid, ids } = seeded;
    const resolve = (node: Node, key: string, body: object) => nodeApi(node, cookie, 'POST', `/api/transcripts/${tid}/discussion/${key}/resolution`, body);
    // Every item resolved twice at the same moment, once through each node, with choices that
    // write different spans (and different numbers of codings where the item allows it).
    const answers = await Promise.all(
      items.flatMap((item) => [
        resolve(nodes[0]!, item.key, { kind: 'union', rationale: 'node A' }),
        resolve(nodes[1]!, item.key, { kind: 'accept', coder: item.coders[0]?.coder ?? ids.alice, rationale: 'node B' }),
      ]),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));

    const s = await createServices(env.config, env.options);
    try {
      const events = (await listAudit(s.db, seeded.sid)).filter((e) => e.action.startsWith('resolution.'));
      const discussion = await withDoc(s, discussionDocName(tid), (doc) => readDiscussion(doc));
      const consensus = await withDoc(s, consensusDocName(tid), (doc) => readLayer(doc, TEXT.length).codings);
      for (const item of items) {
        const now = discussion.items.find((i) => i.key === item.key)!;
        const mine = events.filter((e) => (e.data as { disagreementKey: string }).disagreementKey === item.key);
        expect({ key: item.key, revisions: mine.map((e) => (e.data as { revision: number }).revision).sort(), actions: mine.map((e) => e.action).sort() }).toEqual({
          key: item.key,
          revisions: [1, 2],
          actions: ['resolution.create', 'resolution.revise'],
        });
        expect({ key: item.key, revision: now.resolution?.revision, history: now.history.map((h) => h.revision) }).toEqual({ key: item.key, revision: 2, history: [1] });
        const codings = consensus.filter((c) => c.id.startsWith(`${item.key}-r`)).map((c) => c.id).sort();
        expect({ key: item.key, codings }).toEqual({ key: item.key, codings: [...now.resolution!.codingIds].sort() });
      }
    } finally {
      await s.close();
    }
  }, 150_000);
});
