import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol';
import type { RunningServer } from '../../server/server';
import { eventually, testDialects, testServer } from '../helpers/env';
import { type StudyFixture, type TestClient, closedWith, docs, openClient, seedStudy, serverDoc, synced, upgradeOutcome } from '../helpers/collab';

const REAUTH = CloseCode.AuthorizationChanged.code;

for (const dialect of testDialects()) {
  describe(`rights changes close affected connections with 4205 (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    const clients: TestClient[] = [];
    const open = (name: string, user: string, persisted = true) => {
      const c = openClient(server, name, f.cookie(user), { persisted });
      clients.push(c);
      return c;
    };
    /** Writes a marker and reports whether the server kept it (ack) or dropped it (no-op SyncStep2). */
    const tryWrite = async (c: TestClient, name: string, marker: string) => {
      const answered = c.syncStep2Count();
      c.doc.getArray<string>('probe').push([marker]);
      await eventually(() => c.isSaved() || c.syncStep2Count() > answered);
      return serverDoc(server.services, name, (d) => d.getArray<string>('probe').toArray().includes(marker));
    };

    beforeEach(async () => {
      ({ server, close } = await testServer(dialect));
      f = await seedStudy(server.services, 'open');
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await close();
    });

    it('a phase change makes the owner reconnect read-only, and leaves unrelated documents open', async () => {
      const layer = docs.layer(f);
      const owner = open(layer, 'owner');
      const codebook = open(docs.codebook(f), 'lead');
      await Promise.all([synced(owner), synced(codebook)]);
      expect(await tryWrite(owner, layer, 'while-coding')).toBe(true);

      expect((await f.api('lead').post(`/api/transcripts/${f.transcriptId}/phase`, { phase: 'reconciling' })).status).toBe(200);
      await closedWith(owner, REAUTH);
      await eventually(() => owner.provider.synced);
      expect(await tryWrite(owner, layer, 'while-reconciling')).toBe(false);
      expect(codebook.closes).toEqual([]);
      expect(await serverDoc(server.services, layer, (d) => d.getArray('probe').toJSON())).toEqual(['while-coding']);
    });

    it('switching to blind closes other coders on a layer, and their reconnect is forbidden', async () => {
      const layer = docs.layer(f);
      const other = open(layer, 'other');
      const auditor = open(layer, 'auditor');
      await Promise.all([synced(other), synced(auditor)]);
      expect((await f.api('lead').patch(`/api/studies/${f.studyId}`, { codingMode: 'blind' })).status).toBe(200);
      await closedWith(other, REAUTH);
      await closedWith(other, CloseCode.Forbidden.code);
      expect(auditor.closes).toEqual([]); // auditors read layers in every mode
      expect(auditor.provider.synced).toBe(true);
    });

    it('a role change from coder to auditor turns a codebook writer into a reader; removal forbids', async () => {
      const codebook = docs.codebook(f);
      const owner = open(codebook, 'owner');
      const lead = open(codebook, 'lead');
      await Promise.all([synced(owner), synced(lead)]);
      expect(await tryWrite(owner, codebook, 'as-coder')).toBe(true);

      const id = f.users.owner!.id;
      expect((await f.api('lead').patch(`/api/studies/${f.studyId}/members/${id}`, { role: 'auditor' })).status).toBe(200);
      await closedWith(owner, REAUTH);
      await eventually(() => owner.provider.synced);
      expect(await tryWrite(owner, codebook, 'as-auditor')).toBe(false);
      await eventually(() => lead.doc.getArray('probe').length === 1);

      expect((await f.api('lead').delete(`/api/studies/${f.studyId}/members/${id}`)).status).toBe(204);
      await closedWith(owner, CloseCode.Forbidden.code);
      expect(lead.closes).toEqual([]);
    });

    it('logging out closes that session\'s connections and the cookie is refused at the upgrade', async () => {
      const codebook = docs.codebook(f);
      const owner = open(codebook, 'owner');
      const lead = open(codebook, 'lead');
      await Promise.all([synced(owner), synced(lead)]);
      const cookie = f.cookie('owner');
      expect((await f.api('owner').post('/api/auth/logout')).status).toBeLessThan(300);
      await closedWith(owner, REAUTH);
      expect(await upgradeOutcome(server, `/collab/${codebook}`, { cookie, origin: server.url })).toEqual({ status: 401 });
      await eventually(() => owner.closes.filter((c) => c === 1006).length > 0); // its reconnects are refused
      expect(lead.closes).toEqual([]);
    });
  });
}
