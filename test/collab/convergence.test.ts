import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually, testDialects, testServer } from '../helpers/env';
import { type StudyFixture, type TestClient, docs, logRows, openClient, seedStudy, serverDoc, synced } from '../helpers/collab';
import type { RunningServer } from '../../server/server';

for (const dialect of testDialects()) {
  describe(`collaboration convergence (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    const clients: TestClient[] = [];
    const open = (...args: Parameters<typeof openClient> extends [unknown, ...infer R] ? R : never) => {
      const c = openClient(server, ...args);
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

    it('converges when several writers edit the codebook at once', async () => {
      const name = docs.codebook(f);
      const writers = [open(name, f.cookie('lead')), open(name, f.cookie('owner')), open(name, f.cookie('other'))];
      const reader = open(name, f.cookie('auditor'));
      await Promise.all([...writers, reader].map((c) => synced(c)));
      writers.forEach((w, i) => {
        for (let k = 0; k < 20; k++) w.doc.getArray<string>('themes').push([`w${i}-${k}`]);
        w.doc.getMap('levels').set(`by-${i}`, i);
      });
      const expected = 60;
      // Each writer's `levels` change is its own update, sent after its pushes: wait for both, or a
      // reader that has all 60 themes may not yet have the last writer's level (a race, not a loss).
      await eventually(() => [...writers, reader].every((c) => c.doc.getArray('themes').length === expected && c.doc.getMap('levels').size === 3));
      const reference = writers[0]!.doc.getArray('themes').toJSON();
      for (const c of [...writers, reader]) {
        expect(c.doc.getArray('themes').toJSON()).toEqual(reference);
        expect(c.doc.getMap('levels').size).toBe(3);
      }
      expect(await serverDoc(server.services, name, (d) => d.getArray('themes').toJSON())).toEqual(reference);
      expect(await logRows(server.services, name)).toBeGreaterThan(0);
    });

    it('converges without duplicates after a network drop during offline edits', async () => {
      const name = docs.layer(f);
      const owner = open(name, f.cookie('owner'));
      const watcher = open(name, f.cookie('other')); // open mode: other coders read
      await Promise.all([synced(owner), synced(watcher)]);
      owner.doc.getArray('codings').push(['before']);
      await eventually(() => watcher.doc.getArray('codings').length === 1);

      // Drop the network under the provider: it reconnects on its own.
      owner.provider.ws!.close();
      owner.doc.getArray('codings').push(['offline-1', 'offline-2']);
      await eventually(() => owner.provider.synced && watcher.doc.getArray('codings').length === 3);
      // A second drop right after reconnecting: its whole state is offered again.
      owner.provider.ws!.close();
      await eventually(() => owner.provider.synced);
      owner.doc.getArray('codings').push(['after']);
      await eventually(() => watcher.doc.getArray('codings').length === 4);

      const fresh = open(name, f.cookie('lead'));
      await synced(fresh);
      for (const c of [owner, watcher, fresh]) expect(c.doc.getArray('codings').toJSON()).toEqual(['before', 'offline-1', 'offline-2', 'after']);
    });
  });
}
