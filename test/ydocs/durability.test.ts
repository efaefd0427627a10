import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol';
import { docRegistryFor, withDoc } from '../../server/ydocs/withDoc';
import { loadDoc } from '../../server/ydocs/loadDoc';
import { createLogger } from '../../server/log';
import type { RunningServer } from '../../server/server';
import { countDocUpdates, findDocSnapshot, saveDocSnapshot } from '../../server/store/docLog';
import { eventually, testDialects, testServer } from '../helpers/env';
import { type StudyFixture, type TestClient, covers, docs, logRows, openClient, seedStudy, synced } from '../helpers/collab';

for (const dialect of testDialects()) {
  describe(`durable write path (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    const events: Array<Record<string, unknown>> = [];
    const clients: TestClient[] = [];
    const open = (name: string, user: string, persisted = true) => {
      const c = openClient(server, name, f.cookie(user), { persisted });
      clients.push(c);
      return c;
    };

    beforeEach(async () => {
      ({ server, close } = await testServer(dialect, { log: createLogger('info', (l) => events.push(JSON.parse(l) as Record<string, unknown>)) }));
      f = await seedStudy(server.services, 'open');
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      events.length = 0;
      await close();
    });

    it('broadcasts an update only after its row is committed', async () => {
      const name = docs.codebook(f);
      const writer = open(name, 'owner');
      const reader = open(name, 'auditor');
      await Promise.all([synced(writer), synced(reader)]);
      const checks: Array<Promise<boolean>> = [];
      reader.doc.on('update', () => {
        // Issued the moment the update arrives: the log must already hold it.
        const seen = reader.doc.getArray('themes').length;
        checks.push(countDocUpdates(server.services.db, name).then((rows) => rows >= seen));
      });
      for (let i = 0; i < 40; i++) {
        writer.doc.getArray('themes').push([`t${i}`]);
        if (i % 10 === 0) await eventually(() => reader.doc.getArray('themes').length === i + 1);
      }
      await eventually(() => reader.doc.getArray('themes').length === 40);
      expect(checks.length).toBeGreaterThan(0);
      expect(await Promise.all(checks)).not.toContain(false);
    });

    it('acknowledges `persisted` with a state vector that the stored log covers', async () => {
      const name = docs.layer(f);
      const writer = open(name, 'owner');
      const other = open(name, 'other');
      await Promise.all([synced(writer), synced(other)]);
      for (let i = 0; i < 25; i++) writer.doc.getArray('codings').push([i]);
      await eventually(() => writer.isSaved());
      const stored = await loadDoc(server.services.db, name);
      expect(covers(Y.decodeStateVector(Y.encodeStateVector(stored.doc)), writer.persisted()!)).toBe(true);
      expect(stored.doc.getArray('codings').length).toBe(25);
      expect(other.persisted()).toBeNull(); // only writers, and only with ?persisted=1
    });

    it('loads a document once for concurrent openers (single flight)', async () => {
      const name = docs.codebook(f);
      await withDoc(server.services, name, (d) => d.getArray('themes').push(['x']), f.users.lead!.id);
      await docRegistryFor(server.services).evictIdle();
      events.length = 0;
      const many = Array.from({ length: 6 }, (_, i) => open(name, i % 2 ? 'owner' : 'other'));
      await Promise.all(many.map((c) => synced(c)));
      expect(events.filter((e) => e.event === 'doc.loaded' && e.doc === name)).toHaveLength(1);
      for (const c of many) expect(c.doc.getArray('themes').toJSON()).toEqual(['x']);
    });

    it('refuses connections with 4500 when a document cannot load, and stores nothing', async () => {
      const name = docs.codebook(f);
      await saveDocSnapshot(server.services.db, name, { uptoId: 1, at: 0, state: Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]) });
      const a = open(name, 'lead');
      const b = open(name, 'owner');
      a.doc.getArray('themes').push(['would-be-lost']);
      await Promise.all([a, b].map((c) => eventually(() => c.closes.includes(CloseCode.LoadFailed.code))));
      expect(await logRows(server.services, name)).toBe(0);
      expect((await findDocSnapshot(server.services.db, name))?.uptoId).toBe(1);
      expect(docRegistryFor(server.services).isLoaded(name)).toBe(false);
      expect(events.some((e) => e.event === 'doc.load_failed')).toBe(true);
    });

    it('withDoc applies a server change through the log and broadcast, returning after the commit', async () => {
      const name = docs.discussion(f);
      expect((await f.api('lead').post(`/api/transcripts/${f.transcriptId}/phase`, { phase: 'reconciling' })).status).toBe(200);
      const a = open(name, 'owner');
      const b = open(name, 'auditor');
      await Promise.all([synced(a), synced(b)]);
      const result = await withDoc(server.services, name, (d) => {
        d.getArray('threads').push([{ id: 'th1', text: 'Boundary of "exhaustion"' }]);
        return d.getArray('threads').length;
      }, f.users.lead!.id);
      expect(result).toBe(1);
      expect(await logRows(server.services, name)).toBe(1); // committed before withDoc returned
      await Promise.all([a, b].map((c) => eventually(() => c.doc.getArray('threads').length === 1)));
      const rows = await server.services.db.selectFrom('doc_updates').select('author_id').where('doc', '=', name).execute();
      expect(rows.map((r) => r.author_id)).toEqual([f.users.lead!.id]);
      await expect(withDoc(server.services, 'not/a/doc', () => 1)).rejects.toThrow(/not a document name/);
    });

    it('unloads an idle document after its writes commit; a later client gets everything', async () => {
      const name = docs.layer(f);
      const a = open(name, 'owner');
      const b = open(name, 'lead');
      await Promise.all([synced(a), synced(b)]);
      for (let i = 0; i < 60; i++) a.doc.getArray('codings').push([i]);
      await eventually(() => a.isSaved());
      for (const c of clients.splice(0)) c.destroy();
      const registry = docRegistryFor(server.services);
      await eventually(async () => (await registry.evictIdle()) >= 0 && !registry.isLoaded(name));
      expect(events.some((e) => e.event === 'doc.unloaded' && e.doc === name)).toBe(true);
      const fresh = open(name, 'auditor');
      const fresh2 = open(name, 'other');
      await Promise.all([synced(fresh), synced(fresh2)]);
      expect(fresh.doc.getArray('codings').length).toBe(60);
      expect(fresh2.doc.getArray('codings').length).toBe(60);
    });
  });
}
