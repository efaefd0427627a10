import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadDoc } from '../../server/ydocs/loadDoc';
import { type Services, createServices } from '../../server/services';
import { findDocSnapshot } from '../../server/store/docLog';
import { eventually, preparedTestEnv } from '../helpers/env';
import { docs, openClient, synced } from '../helpers/collab';
import { PG_URL, clusterPerTest } from './cluster';

describe.skipIf(!PG_URL)('compaction with several nodes', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  async function twoNodes(): Promise<[Services, Services]> {
    const env = await preparedTestEnv('postgres');
    const a = await createServices(env.config, env.options);
    const b = await createServices(env.config, env.options);
    closers.push(async () => {
      await a.close();
      await b.close();
      await env.cleanup();
    });
    return [a, b];
  }

  it('lets one compactor at a time write a document snapshot', async () => {
    const [a, b] = await twoNodes();
    const doc = 'studies/c1/codebook';
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let acquired!: () => void;
    const holding = new Promise<void>((r) => (acquired = r));
    // Node A is "compacting": it holds the document's compaction lock inside its transaction.
    const compacting = a.db.transaction().execute(async (trx) => {
      const { tryLockDocForCompaction } = await import('../../server/cluster/locks');
      expect(await tryLockDocForCompaction(trx, doc)).toBe(true);
      acquired();
      await held;
    });
    await holding;
    expect(await b.docLog.saveSnapshot(doc, { uptoId: 5, at: 1, state: new Uint8Array([0, 0]) })).toBe('skipped');
    release();
    await compacting;
    expect(await b.docLog.saveSnapshot(doc, { uptoId: 5, at: 1, state: new Uint8Array([0, 0]) })).toBe('stored');
  });

  it('never replaces a snapshot with an older one', async () => {
    const [a, b] = await twoNodes();
    const doc = 'studies/c2/codebook';
    await a.docLog.saveSnapshot(doc, { uptoId: 20, at: 2, state: new Uint8Array([0, 0]) });
    await b.docLog.saveSnapshot(doc, { uptoId: 10, at: 3, state: new Uint8Array([0, 0]) }); // a slower, older compaction
    expect((await findDocSnapshot(a.db, doc))?.uptoId).toBe(20);
    await b.docLog.saveSnapshot(doc, { uptoId: 30, at: 4, state: new Uint8Array([0, 0]) });
    expect((await findDocSnapshot(a.db, doc))?.uptoId).toBe(30);
  });

  describe('two nodes compacting one busy document', () => {
    const { clients, startCluster } = clusterPerTest();

    it('leaves a log whose snapshot plus tail is the document every client has', async () => {
      const cluster = await startCluster(2);
      const { f, nodes, env } = cluster;
      const name = docs.codebook(f);
      const [onA, onB] = nodes.map((n, i) => openClient(n.server, name, f.cookie(i === 0 ? 'owner' : 'other')));
      clients.push(onA!, onB!);
      await Promise.all(clients.map((c) => synced(c)));
      // Enough updates from both nodes for each to pass the compaction threshold (500) twice.
      for (let i = 0; i < 1200; i++) {
        (i % 2 === 0 ? onA! : onB!).doc.getArray<number>('n').push([i]);
        if (i % 20 === 0) await new Promise((r) => setImmediate(r));
      }
      await eventually(() => onA!.doc.getArray('n').length === 1200 && onB!.doc.getArray('n').length === 1200, 20_000, 50);
      const s = await createServices(env.config, env.options);
      try {
        const snapshot = await eventually(() => findDocSnapshot(s.db, name), 10_000, 50);
        expect(snapshot?.uptoId).toBeGreaterThan(0);
        await eventually(async () => {
          const loaded = await loadDoc(s.db, name);
          const same = Buffer.from(Y.encodeStateVector(loaded.doc)).equals(Buffer.from(Y.encodeStateVector(onA!.doc)));
          loaded.doc.destroy();
          return same;
        }, 10_000, 50);
      } finally {
        await s.close();
      }
    }, 60_000);
  });
});
