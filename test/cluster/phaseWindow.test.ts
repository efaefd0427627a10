import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCoding } from '../../shared/coding';
import { CloseCode } from '../../shared/protocol';
import type { RunningServer } from '../../server/server';
import { createServices } from '../../server/services';
import { listDocUpdatesAfter } from '../../server/store/docLog';
import { latestLayerSnapshot } from '../../server/store/layerSnapshots';
import { type TestEnv, eventually, testDialects, testServer } from '../helpers/env';
import { type StudyFixture, type TestClient, docs, openClient, seedStudy, synced } from '../helpers/collab';
import { PG_URL, clusterPerTest, nodeApi } from './cluster';
import { listenerHold } from './listenerHold';

// Issue 14 item 8: a node that has not yet heard of a phase change (coding -> reconciling, which
// reveals) must not store a coder's layer update after the reveal's snapshot. Whatever the coder
// saw acknowledged (`persisted`) is in the snapshot, and no row of the layer holds anything the
// snapshot lacks.

const REAUTH = CloseCode.AuthorizationChanged.code;

/** A coder's client that writes codings one at a time, each until acknowledged or refused. */
function coderWriting(c: TestClient, textLength: number) {
  let n = 0;
  return {
    /** Writes one coding; true once acknowledged, false when the connection closed instead. */
    async write(): Promise<boolean> {
      const closes = c.closes.length;
      const start = n++ % (textLength - 5);
      addCoding(c.doc, textLength, { themeId: 'theme-window', start, end: start + 5 });
      await eventually(() => c.isSaved() || c.closes.length > closes);
      return c.isSaved();
    },
    /** Writes while `until` is false and nothing was refused; how many were acknowledged. */
    async writeUntil(until: () => boolean): Promise<number> {
      let acked = 0;
      while (!until() && c.closes.length === 0 && (await this.write())) acked++;
      return acked;
    },
  };
}

/**
 * The invariant, read from the database after the reveal: the coder's acknowledged changes are in
 * the layer's reveal snapshot, and no stored row of the layer has a change the snapshot lacks.
 */
async function checkSnapshot(env: TestEnv, f: StudyFixture, coder: TestClient) {
  const s = await createServices(env.config, env.options);
  try {
    const owner = f.users.owner!.id;
    const snapshot = await latestLayerSnapshot(s.db, f.transcriptId, owner);
    expect(snapshot).not.toBeNull();
    const covered = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(snapshot!.state));
    const acked = coder.persisted()?.get(coder.doc.clientID) ?? 0;
    const rows = await listDocUpdatesAfter(s.db, docs.layer(f), 0);
    const after = rows.filter((r) => [...Y.parseUpdateMeta(r.update).to].some(([client, clock]) => clock > (covered.get(client) ?? 0))).map((r) => r.id);
    return { acked, inSnapshot: covered.get(coder.doc.clientID) ?? 0, rows: rows.length, rowsAfterSnapshot: after };
  } finally {
    await s.close();
  }
}

const transcriptLength = async (server: Pick<RunningServer, 'url'>, f: StudyFixture) => {
  const r = await fetch(`${server.url}/api/transcripts/${f.transcriptId}`, { headers: { cookie: f.cookie('owner') } });
  return ((await r.json()) as { text: string }).text.length;
};

describe.skipIf(!PG_URL)('several nodes on one PostgreSQL: a layer update after another node revealed', () => {
  const { clients, startCluster } = clusterPerTest();
  const holds: Array<{ close: () => Promise<void>; release: () => void }> = [];
  afterEach(async () => {
    for (const h of holds.splice(0)) {
      h.release();
      await h.close();
    }
  });

  it('is refused (4205) by the node that has not heard of the reveal; everything acknowledged is in the snapshot', async () => {
    const cluster = await startCluster(1, 'open');
    const { env, f } = cluster;
    const a = cluster.nodes[0]!;
    // Node B reaches PostgreSQL through a relay that can hold its notifications back.
    const relay = await listenerHold(env.config.databaseUrl!);
    holds.push(relay);
    const b = await cluster.start({ DATABASE_URL: relay.url });
    const textLength = await transcriptLength(b.server, f);

    const coder = openClient(b.server, docs.layer(f), f.cookie('owner'), { persisted: true });
    clients.push(coder);
    await synced(coder);
    const writer = coderWriting(coder, textLength);
    expect(await writer.write()).toBe(true);

    // From now on B hears nothing from the other node: not the phase change, not the rights change.
    relay.hold();
    let revealed = false;
    const reveal = nodeApi(a, f.cookie('lead'), 'POST', `/api/studies/${f.studyId}/reveal`, { transcriptIds: [f.transcriptId] }).finally(() => {
      revealed = true;
    });
    await writer.writeUntil(() => revealed);
    expect((await reveal).status).toBe(200);
    // The reveal committed on A; B still believes the transcript is coding. One more change.
    const afterReveal = coder.closes.length === 0 ? await writer.write() : false;
    const closesWhileUnheard = [...coder.closes];
    relay.release();

    const outcome = await checkSnapshot(env, f, coder);
    expect({ afterReveal, closesWhileUnheard, rowsAfterSnapshot: outcome.rowsAfterSnapshot }).toEqual({
      afterReveal: false,
      closesWhileUnheard: [REAUTH],
      rowsAfterSnapshot: [],
    });
    expect(outcome.inSnapshot).toBeGreaterThanOrEqual(outcome.acked);
    expect(outcome.acked).toBeGreaterThan(0);
  }, 120_000);
});

for (const dialect of testDialects()) {
  describe(`one node: a layer update while the lead reveals (${dialect})`, () => {
    const stops: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const stop of stops.splice(0).reverse()) await stop();
    });

    it('every acknowledged change is in the reveal snapshot and none is stored after it', async () => {
      const { server, env, close } = await testServer(dialect);
      stops.push(close);
      const f = await seedStudy(server.services, 'open');
      const coder = openClient(server, docs.layer(f), f.cookie('owner'), { persisted: true });
      stops.push(async () => coder.destroy());
      await synced(coder);
      const writer = coderWriting(coder, await transcriptLength(server, f));
      expect(await writer.write()).toBe(true);
      let revealed = false;
      const reveal = f
        .api('lead')
        .post(`/api/studies/${f.studyId}/reveal`, { transcriptIds: [f.transcriptId] })
        .finally(() => {
          revealed = true;
        });
      await writer.writeUntil(() => revealed);
      expect((await reveal).status).toBe(200);
      await eventually(() => coder.closes.includes(REAUTH));
      const outcome = await checkSnapshot(env, f, coder);
      expect(outcome.rowsAfterSnapshot).toEqual([]);
      expect(outcome.inSnapshot).toBeGreaterThanOrEqual(outcome.acked);
    }, 60_000);
  });
}
