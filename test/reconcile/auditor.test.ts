import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCoding, readLayer } from '../../shared/coding';
import { docName } from '../../shared/docNames';
import type { RunningServer } from '../../server/server';
import { eventually, testDialects, testServer } from '../helpers/env';
import { type TestClient, logRows, openClient, serverDoc, synced } from '../helpers/collab';
import { type Seeded, TEXT, seedReconciliation } from './seed';

for (const dialect of testDialects()) {
  describe(`the auditor during reconciliation (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: Seeded;
    const clients: TestClient[] = [];
    const open = (name: string, who: keyof Seeded['api']) => {
      const c = openClient(server, name, f.api[who].cookie, { persisted: true });
      clients.push(c);
      return c;
    };

    beforeEach(async () => {
      ({ server, close } = await testServer(dialect));
      f = await seedReconciliation(server.services);
      expect((await f.api.lead.post(`/api/transcripts/${f.tid}/phase`, { phase: 'reconciling' })).status).toBe(200);
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await close();
    });

    it('reads everything and every write route refuses them (403)', async () => {
      const { api, tid, sid, ids, themes } = f;
      const items = (await api.auditor.get(`/api/transcripts/${tid}/discussion`)).json.items;
      const key = items[0].key as string;
      for (const path of [
        `/api/transcripts/${tid}/discussion`,
        `/api/studies/${sid}/agreement`,
        `/api/transcripts/${tid}/disagreements`,
        `/api/transcripts/${tid}/layers/${ids.alice}/at-reveal`,
        `/api/transcripts/${tid}/layers/${ids.bob}/at-reveal`,
        `/api/studies/${sid}/themes/table`,
        `/api/participants/${f.pid}/themes`,
        `/api/studies/${sid}/reconciliation`,
        `/api/studies/${sid}/audit`,
        `/api/studies/${sid}/audit/export`,
      ]) {
        expect([path, (await api.auditor.get(path)).status]).toEqual([path, 200]);
      }
      expect((await api.auditor.get(`/api/studies/${sid}/audit`)).json.verified).toBe(true);
      // The codebook's history (who changed which theme when) is served by the running server.
      const history = await fetch(`${server.url}/api/docs/studies/${sid}/codebook/history`, { headers: { cookie: api.auditor.cookie! } });
      expect(history.status).toBe(200);
      expect(((await history.json()) as { authors: Array<{ authorId: string | null }> }).authors.length).toBeGreaterThan(0);
      const writes: Array<[string, string, object]> = [
        ['POST', `/api/studies/${sid}/reveal`, { transcriptIds: [tid] }],
        ['POST', `/api/transcripts/${tid}/phase`, { phase: 'final' }],
        ['POST', `/api/transcripts/${tid}/discussion/${key}/comments`, { text: 'an auditor speaks' }],
        ['POST', `/api/transcripts/${tid}/discussion/${key}/resolution`, { kind: 'drop', rationale: 'no' }],
        ['POST', `/api/transcripts/${tid}/discussion/${key}/decision`, { op: 'retire', themeId: themes.fear, rationale: 'no' }],
        ['POST', `/api/studies/${sid}/themes/${themes.fear}/retire`, {}],
        ['PATCH', `/api/studies/${sid}`, { codebookPhase: 'final' }],
      ];
      for (const [method, path, body] of writes) expect([path, (await api.auditor.call(method, path, body)).status]).toEqual([path, 403]);
      // Outsiders do not even learn the transcript exists.
      expect((await api.outsider.get(`/api/transcripts/${tid}/discussion`)).status).toBe(404);
      expect((await api.outsider.get(`/api/studies/${sid}/reconciliation`)).status).toBe(404);
      // Coders read the discussion but not the record or the trail.
      expect((await api.alice.get(`/api/transcripts/${tid}/discussion`)).status).toBe(200);
      expect((await api.alice.get(`/api/studies/${sid}/reconciliation`)).status).toBe(403);
      expect((await api.alice.get(`/api/studies/${sid}/audit/export`)).status).toBe(403);
    });

    it('drops what the auditor and coders write into the consensus and discussion over real sockets', async () => {
      const consensus = docName({ kind: 'consensus', transcriptId: f.tid });
      const discussion = docName({ kind: 'discussion', transcriptId: f.tid });
      const lead = open(consensus, 'lead');
      const auditor = open(consensus, 'auditor');
      const coder = open(consensus, 'alice');
      const auditorTalk = open(discussion, 'auditor');
      const leadTalk = open(discussion, 'lead');
      await Promise.all([lead, auditor, coder, auditorTalk, leadTalk].map((c) => synced(c)));
      const agreed = await serverDoc(server.services, consensus, (d) => readLayer(d, TEXT.length).codings.length);
      expect(agreed).toBe(2);
      const consensusRows = await logRows(server.services, consensus);
      const discussionRows = await logRows(server.services, discussion);

      addCoding(auditor.doc, TEXT.length, { id: 'by-auditor', themeId: f.themes.fear, start: 0, end: 5 });
      addCoding(coder.doc, TEXT.length, { id: 'by-coder', themeId: f.themes.fear, start: 0, end: 5 });
      auditorTalk.doc.getMap('comments').set('forged', { id: 'forged', itemKey: 'x', author: f.ids.auditor, authorName: 'auditor', text: 'forged', at: 1 });
      leadTalk.doc.getMap('comments').set('forged-by-lead', { id: 'forged-by-lead', itemKey: 'x', author: f.ids.lead, authorName: 'lead', text: 'forged', at: 1 });
      // The lead may write the consensus directly while reconciling; that write arrives everywhere,
      // so the dropped ones would have arrived by then too.
      addCoding(lead.doc, TEXT.length, { id: 'by-lead', themeId: f.themes.fear, start: 0, end: 5 });
      await eventually(() => lead.isSaved() && auditor.doc.getMap('codings').has('by-lead') && coder.doc.getMap('codings').has('by-lead'));
      const ids = await serverDoc(server.services, consensus, (d) => [...d.getMap('codings').keys()]);
      expect(ids).toContain('by-lead');
      expect(ids).not.toContain('by-auditor');
      expect(ids).not.toContain('by-coder');
      expect(lead.doc.getMap('codings').has('by-auditor')).toBe(false);
      expect(await logRows(server.services, consensus)).toBe(consensusRows + 1);
      // A server-generated comment through REST arrives; the forged ones never do.
      const key = (await f.api.lead.get(`/api/transcripts/${f.tid}/discussion`)).json.items[0].key as string;
      expect((await f.api.bob.post(`/api/transcripts/${f.tid}/discussion/${key}/comments`, { text: 'real' })).status).toBe(201);
      await eventually(() => [...auditorTalk.doc.getMap('comments').values()].some((c) => (c as { text: string }).text === 'real'));
      const comments = await serverDoc(server.services, discussion, (d) => [...d.getMap('comments').keys()]);
      expect(comments).toHaveLength(1);
      expect(await logRows(server.services, discussion)).toBe(discussionRows + 1);
      expect(auditor.persisted()).toBeNull();
    });

    it('refuses every write once the transcript is final, the lead\'s socket included', async () => {
      const consensus = docName({ kind: 'consensus', transcriptId: f.tid });
      expect((await f.api.lead.post(`/api/transcripts/${f.tid}/phase`, { phase: 'final' })).status).toBe(200);
      const lead = open(consensus, 'lead');
      const watcher = open(consensus, 'auditor');
      await Promise.all([synced(lead), synced(watcher)]);
      const rows = await logRows(server.services, consensus);
      const answered = lead.syncStep2Count();
      addCoding(lead.doc, TEXT.length, { id: 'too-late', themeId: f.themes.fear, start: 0, end: 5 });
      await eventually(() => lead.syncStep2Count() > answered || lead.closes.length > 0);
      expect(await serverDoc(server.services, consensus, (d) => d.getMap('codings').has('too-late'))).toBe(false);
      expect(await logRows(server.services, consensus)).toBe(rows);
      const key = (await f.api.lead.get(`/api/transcripts/${f.tid}/discussion`)).json.items[0].key as string;
      expect((await f.api.lead.post(`/api/transcripts/${f.tid}/discussion/${key}/resolution`, { kind: 'union', rationale: 'late' })).status).toBe(409);
    });
  });
}
