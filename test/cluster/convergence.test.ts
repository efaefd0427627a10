import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/server';
import { eventually } from '../helpers/env';
import { type TestClient, docs, openClient, synced } from '../helpers/collab';
import { prng } from '../collab/frames';
import { PG_URL, clusterPerTest } from './cluster';

describe.skipIf(!PG_URL)('several nodes on one PostgreSQL: convergence', () => {
  const { clients, startCluster } = clusterPerTest();
  const open = (server: RunningServer, name: string, cookie: string) => {
    const c = openClient(server, name, cookie, { persisted: true });
    clients.push(c);
    return c;
  };

  it('converges clients of one document on node A and node B', async () => {
    const cluster = await startCluster(2);
    const { f, nodes } = cluster;
    const [a, b] = nodes.map((n) => n.server);
    const name = docs.codebook(f);
    const onA = open(a!, name, f.cookie('owner'));
    const onB = open(b!, name, f.cookie('other'));
    const readerOnB = open(b!, name, f.cookie('auditor'));
    await Promise.all([onA, onB, readerOnB].map((c) => synced(c)));
    onA.doc.getMap('themes').set('from-a', 'Fatigue');
    onB.doc.getMap('themes').set('from-b', 'Hope');
    const want = { 'from-a': 'Fatigue', 'from-b': 'Hope' };
    for (const c of [onA, onB, readerOnB]) await eventually(() => expect(c.doc.getMap('themes').toJSON()).toEqual(want));
    // Each writer is told its change is durable, on its own node.
    await eventually(() => onA.isSaved() && onB.isSaved());
  });

  it('converges 3 nodes x 20 clients writing at random to identical documents', async () => {
    const cluster = await startCluster(3);
    const { f, nodes } = cluster;
    const name = docs.codebook(f);
    const users = ['lead', 'owner', 'other'];
    const all: TestClient[] = [];
    for (const [i, node] of nodes.entries()) {
      for (let k = 0; k < 20; k++) all.push(open(node.server, name, f.cookie(users[(i + k) % users.length]!)));
    }
    await Promise.all(all.map((c) => synced(c, 15_000)));
    const rand = prng(424242);
    const writes = 600;
    for (let n = 0; n < writes; n++) {
      const c = all[Math.floor(rand() * all.length)]!;
      const op = rand();
      if (op < 0.4) c.doc.getArray<string>('log').push([`w${n}`]);
      else if (op < 0.7) c.doc.getMap<number>('counters').set(`k${Math.floor(rand() * 20)}`, n);
      else {
        const text = c.doc.getText('notes');
        text.insert(Math.floor(rand() * (text.length + 1)), `<${n}>`);
      }
      // Bursts interleaved with event-loop turns: commits on all nodes overlap.
      if (rand() < 0.1) await new Promise((r) => setImmediate(r));
    }
    const reference = () => all[0]!.doc;
    await eventually(() => {
      const sv = Y.encodeStateVector(reference());
      return all.every((c) => Buffer.compare(Buffer.from(Y.encodeStateVector(c.doc)), Buffer.from(sv)) === 0);
    }, 20_000, 50);
    // Map entries sorted: a Y.Map iterates in local insertion order, which may differ per client.
    const content = (d: Y.Doc) =>
      JSON.stringify({ log: d.getArray('log').toJSON(), counters: [...d.getMap('counters').entries()].sort(), notes: d.getText('notes').toString() });
    const expected = content(reference());
    for (const c of all) expect(content(c.doc)).toBe(expected);
    expect(reference().getArray('log').length).toBeGreaterThan(0);
    // A client that arrives afterwards on any node gets the same document from the log.
    for (const node of nodes) {
      const late = open(node.server, name, f.cookie('auditor'));
      await synced(late);
      await eventually(() => content(late.doc) === expected, 10_000);
    }
  }, 90_000);
});
