import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCluster, moveCard } from '../../shared/boards';
import { readLayer } from '../../shared/coding';
import { CloseCode } from '../../shared/protocol';
import { readThemeTree, themeEntry, themesMap } from '../../shared/themes';
import { addStatement } from '../../shared/coding';
import { withDoc } from '../../server/ydocs/withDoc';
import type { RunningServer } from '../../server/server';
import { eventually, testDialects, testServer } from '../helpers/env';
import { type StudyFixture, type TestClient, closedWith, docs, openClient, seedStudy, serverDoc, synced } from '../helpers/collab';
import { logSink } from '../hardening/logSink';

/**
 * Issue 15 item 4: a board's writes are a PET in a codebook and a statement's links in a layer.
 * Over real sockets: the owner's cluster is stored and reaches an auditor live; a cluster in
 * someone else's codebook, or with a malformed case, is refused (4403) or dropped (read-only)
 * and changes nothing on the server.
 */
for (const dialect of testDialects()) {
  describe(`clusters over the socket (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    const sink = logSink();
    const clients: TestClient[] = [];
    const open = async (name: string, who: string) => {
      const c = openClient(server, name, f.cookie(who));
      clients.push(c);
      await synced(c);
      return c;
    };
    const serverThemes = (name: string) => serverDoc(server.services, name, (d) => [...themesMap(d).keys()].sort());

    beforeAll(async () => {
      ({ server, close } = await testServer(dialect, { log: sink.log }));
      f = await seedStudy(server.services, 'blind');
    });
    afterAll(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await close();
    });

    it('stores the owner\'s PET and card move live; an auditor sees them', async () => {
      const text = (await f.api('owner').get(`/api/transcripts/${f.transcriptId}`)).json.text as string;
      const st = await withDoc(server.services, docs.layer(f), (d) => addStatement(d, text.length, { text: 'long shift', start: 0, end: 10 }), f.users.owner!.id);
      const shared = await open(docs.codebook(f), 'owner');
      const mine = await open(docs.privateCodebook(f), 'owner');
      const layer = await open(docs.layer(f), 'owner');
      const watcher = await open(docs.privateCodebook(f), 'auditor');
      const tree = readThemeTree(shared.doc, [{ ownerId: f.users.owner!.id, doc: mine.doc }]);
      const pet = addCluster(mine.doc, tree, { label: 'Endurance', caseId: f.transcriptId, createdBy: f.users.owner!.id }, shared.doc);
      moveCard(layer.doc, text.length, st, { to: pet });
      await eventually(() => themeEntry(watcher.doc, pet)?.get('caseId') === f.transcriptId);
      await eventually(async () => (await serverDoc(server.services, docs.layer(f), (d) => readLayer(d, text.length).statements[0]?.themeIds ?? [])).includes(pet));
      expect(mine.closes).not.toContain(CloseCode.Forbidden.code);
    });

    it('refuses a PET whose case is malformed, and nothing is stored', async () => {
      const mine = await open(docs.privateCodebook(f), 'owner');
      const before = await serverThemes(docs.privateCodebook(f));
      const warned = sink.count('collab.closed', (e) => e.code === CloseCode.Forbidden.code);
      mine.doc.transact(() => {
        const entry = new Y.Map<unknown>();
        for (const [k, v] of Object.entries({ label: 'Bad', description: '', color: '#123456', position: { parentId: null, order: 'V' }, lifecycle: { status: 'active' }, createdBy: f.users.owner!.id, createdAt: 1, caseId: '../other study' })) entry.set(k, v);
        themesMap(mine.doc).set('bad-case', entry);
      });
      await closedWith(mine, CloseCode.Forbidden.code);
      expect(await serverThemes(docs.privateCodebook(f))).toEqual(before);
      expect(sink.count('collab.closed', (e) => e.code === CloseCode.Forbidden.code && String(e.refused).includes('malformed case'))).toBeGreaterThan(warned);
    });

    it('drops a cluster written by someone without the right: a coder in the shared codebook of a blind study, an auditor in a coder\'s', async () => {
      for (const [name, who] of [[docs.codebook(f), 'owner'], [docs.privateCodebook(f), 'auditor']] as const) {
        const c = await open(name, who);
        const before = await serverThemes(name);
        const answered = c.syncStep2Count();
        const tree = readThemeTree(c.doc);
        addCluster(c.doc, tree, { label: `Not yours (${who})`, caseId: f.transcriptId, createdBy: f.users[who]!.id });
        await eventually(() => c.syncStep2Count() > answered);
        expect(await serverThemes(name)).toEqual(before);
      }
    });

    it('refuses another coder\'s socket on the owner\'s private codebook and layer before reveal', async () => {
      for (const name of [docs.privateCodebook(f), docs.layer(f)]) {
        const c = openClient(server, name, f.cookie('other'));
        clients.push(c);
        await closedWith(c, CloseCode.Forbidden.code);
      }
    });
  });
}
