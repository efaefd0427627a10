import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPACT_AFTER_UPDATES } from '../../server/ydocs/docLimits';
import { docRegistryFor } from '../../server/ydocs/withDoc';
import { createLogger } from '../../server/log';
import type { RunningServer } from '../../server/server';
import { findDocSnapshot } from '../../server/store/docLog';
import { eventually, testDialects, testServer } from '../helpers/env';
import { type StudyFixture, type TestClient, docs, logRows, openClient, seedStudy, synced } from '../helpers/collab';

for (const dialect of testDialects()) {
  describe(`compaction and history (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    const events: Array<Record<string, unknown>> = [];
    const clients: TestClient[] = [];

    beforeEach(async () => {
      ({ server, close } = await testServer(dialect, { log: createLogger('info', (l) => events.push(JSON.parse(l) as Record<string, unknown>)) }));
      f = await seedStudy(server.services, 'open');
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      events.length = 0;
      await close();
    });

    const history = async (user: string, name: string, query = '') => {
      const res = await fetch(`${server.url}/api/docs/${name}/history${query}`, { headers: { cookie: f.cookie(user) } });
      return { status: res.status, json: (await res.json()) as any };
    };

    it('loads a 10,000-update document from one snapshot plus its tail, and its history keeps every author', async () => {
      const name = docs.codebook(f);
      const lead = openClient(server, name, f.cookie('lead'), { persisted: true });
      const coder = openClient(server, name, f.cookie('owner'), { persisted: true });
      clients.push(lead, coder);
      await Promise.all([synced(lead), synced(coder)]);
      for (let i = 0; i < 5000; i++) {
        lead.doc.getArray('themes').push([`L${i}`]);
        coder.doc.getArray('themes').push([`C${i}`]);
        if (i % 500 === 499) await eventually(() => lead.isSaved() && coder.isSaved(), 20_000);
      }
      await eventually(() => lead.isSaved() && coder.isSaved() && lead.doc.getArray('themes').length === 10_000, 20_000);
      expect(await logRows(server.services, name)).toBe(10_000);
      // Compaction runs at most once per group commit, from the live doc.
      expect(events.filter((e) => e.event === 'doc.compacted' && e.doc === name).length).toBeGreaterThan(0);

      for (const c of clients.splice(0)) c.destroy();
      const registry = docRegistryFor(server.services);
      await eventually(async () => (await registry.evictIdle()) >= 0 && !registry.isLoaded(name));
      const snapshot = await findDocSnapshot(server.services.db, name);
      expect(snapshot).not.toBeNull();

      events.length = 0;
      const a = openClient(server, name, f.cookie('auditor'));
      const b = openClient(server, name, f.cookie('other'));
      clients.push(a, b);
      await Promise.all([synced(a), synced(b)]);
      const loaded = events.filter((e) => e.event === 'doc.loaded' && e.doc === name);
      expect(loaded).toHaveLength(1);
      expect(loaded[0]!.snapshotUptoId).toBe(snapshot!.uptoId);
      expect(loaded[0]!.tailRows).toBeLessThan(COMPACT_AFTER_UPDATES);
      expect(a.doc.getArray('themes').length).toBe(10_000);
      expect(b.doc.getArray('themes').toJSON()).toEqual(a.doc.getArray('themes').toJSON());

      // The rows are kept as history: every author, every update.
      const h = await history('auditor', name);
      expect(h.status).toBe(200);
      const byAuthor = Object.fromEntries(h.json.authors.map((x: any) => [x.authorId, x.updates]));
      expect(byAuthor).toEqual({ [f.users.lead!.id]: 5000, [f.users.owner!.id]: 5000 });
      expect(h.json.authors.map((x: any) => x.authorName).sort()).toEqual(['lead', 'owner']);
      let seen = 0;
      let after = 0;
      for (;;) {
        const page = await history('lead', name, `?after=${after}&limit=5000`);
        seen += page.json.updates.length;
        if (page.json.next === null) break;
        after = page.json.next;
      }
      expect(seen).toBe(10_000);
    });

    it('shows history to leads and auditors only', async () => {
      const name = docs.layer(f);
      const owner = openClient(server, name, f.cookie('owner'), { persisted: true });
      const lead = openClient(server, name, f.cookie('lead'));
      clients.push(owner, lead);
      await Promise.all([synced(owner), synced(lead)]);
      owner.doc.getArray('codings').push(['c1']);
      await eventually(() => owner.isSaved());
      const ok = await history('lead', name);
      expect(ok.status).toBe(200);
      expect(ok.json.updates).toHaveLength(1);
      expect(ok.json.updates[0]).toMatchObject({ authorId: f.users.owner!.id, authorName: 'owner' });
      expect(ok.json.updates[0].size).toBeGreaterThan(0);
      expect((await history('auditor', name)).status).toBe(200);
      expect((await history('owner', name)).status).toBe(403);
      expect((await history('outsider', name)).status).toBe(404);
      expect((await fetch(`${server.url}/api/docs/${name}/history`)).status).toBe(401);
      expect((await history('lead', 'studies/nope/codebook')).status).toBe(404);
      expect((await history('lead', 'not/a/doc')).status).toBe(404);
    });
  });
}
