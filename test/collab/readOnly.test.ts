import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/server';
import { eventually, testDialects, testServer } from '../helpers/env';
import { type StudyFixture, type TestClient, docs, logRows, openClient, rawSocket, seedStudy, serverDoc, synced } from '../helpers/collab';

for (const dialect of testDialects()) {
  describe(`read-only connections (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    const clients: TestClient[] = [];
    const open = (name: string, user: string) => {
      const c = openClient(server, name, f.cookie(user), { persisted: true });
      clients.push(c);
      return c;
    };

    beforeEach(async () => {
      ({ server, close } = await testServer(dialect));
      f = await seedStudy(server.services, 'open');
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await close();
    });

    it('drops an auditor\'s writes: the server, the log and the other clients are unchanged', async () => {
      const layer = docs.layer(f);
      const owner = open(layer, 'owner');
      const other = open(layer, 'other');
      const auditor = open(layer, 'auditor');
      await Promise.all([owner, other, auditor].map((c) => synced(c)));
      owner.doc.getArray('codings').push(['by-owner']);
      await eventually(() => owner.isSaved() && other.doc.getArray('codings').length === 1 && auditor.doc.getArray('codings').length === 1);
      const rows = await logRows(server.services, layer);

      const answered = auditor.syncStep2Count();
      auditor.doc.getArray('codings').push(['by-auditor']);
      other.doc.getArray('codings').push(['by-other']); // a reader in open mode: dropped too
      await eventually(() => auditor.syncStep2Count() > answered);
      // A later write of the owner arrives everywhere, so the dropped ones would have by now.
      owner.doc.getArray('codings').push(['owner-again']);
      await eventually(() => owner.isSaved() && auditor.doc.getArray('codings').toArray().includes('owner-again') && other.doc.getArray('codings').toArray().includes('owner-again'));

      expect(owner.doc.getArray('codings').toJSON()).toEqual(['by-owner', 'owner-again']);
      expect(await serverDoc(server.services, layer, (d) => d.getArray('codings').toJSON())).toEqual(['by-owner', 'owner-again']);
      expect(await logRows(server.services, layer)).toBe(rows + 1);
      expect(auditor.persisted()).toBeNull(); // readers are never told their state is saved
    });

    it('answers a raw SyncStep2 and Update from a reader with a no-op SyncStep2', async () => {
      const layer = docs.layer(f);
      const owner = open(layer, 'owner');
      const watcher = open(layer, 'lead');
      await Promise.all([synced(owner), synced(watcher)]);
      const foreign = new Y.Doc();
      foreign.getArray('codings').push(['forged']);
      const update = Y.encodeStateAsUpdate(foreign);
      const raw = await rawSocket(server, layer, f.cookie('auditor'));
      for (const step of [1, 2]) {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, step);
        encoding.writeVarUint8Array(e, update);
        raw.ws.send(encoding.toUint8Array(e));
      }
      // Two answers: [0 sync, 1 step2, len 2, 0, 0] = the empty update.
      await eventually(() => raw.received.filter((m) => m.join() === '0,1,2,0,0').length === 2);
      raw.ws.close();
      expect(await serverDoc(server.services, layer, (d) => d.getArray('codings').length)).toBe(0);
      expect(await logRows(server.services, layer)).toBe(0);
      expect(owner.doc.getArray('codings').length + watcher.doc.getArray('codings').length).toBe(0);
    });
  });
}
