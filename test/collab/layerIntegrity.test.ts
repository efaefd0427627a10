import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStatement, layerMap, readLayer, removeStatement } from '../../shared/coding';
import { CloseCode } from '../../shared/protocol';
import type { RunningServer } from '../../server/server';
import { eventually, testDialects, testServer } from '../helpers/env';
import { type StudyFixture, type TestClient, closedWith, docs, openClient, seedStudy, serverDoc, synced } from '../helpers/collab';

/**
 * Issue 15 item 3: an experiential statement (like a coding or a note) is anchored inside its
 * transcript. The model refuses a bad anchor on the client; a client that bypasses it is refused
 * by the server: the update never reaches the layer, its log or other readers, and the socket
 * closes with 4403. Removing a record stays allowed.
 */
for (const dialect of testDialects()) {
  describe(`layer records must fit the transcript over the socket (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    let textLength: number;
    const clients: TestClient[] = [];

    beforeAll(async () => {
      ({ server, close } = await testServer(dialect));
      f = await seedStudy(server.services, 'blind');
      textLength = ((await f.api('owner').get(`/api/transcripts/${f.transcriptId}`)).json.text as string).length;
    });
    afterAll(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await close();
    });

    async function ownerClient() {
      const c = openClient(server, docs.layer(f), f.cookie('owner'));
      clients.push(c);
      await synced(c);
      return c;
    }
    const statementsOnServer = () => serverDoc(server.services, docs.layer(f), (d) => [...layerMap(d, 'statements').keys()].sort());

    it('accepts a statement inside the transcript, linked to a theme, and its removal', async () => {
      const c = await ownerClient();
      addStatement(c.doc, textLength, { id: 'inside', text: 'feels exposed', start: 0, end: textLength, themeIds: ['shame'] });
      await eventually(async () => (await statementsOnServer()).includes('inside'));
      expect(await serverDoc(server.services, docs.layer(f), (d) => readLayer(d, textLength).statements.map((s) => [s.id, s.start, s.end, s.themeIds]))).toEqual([['inside', 0, textLength, ['shame']]]);
      removeStatement(c.doc, 'inside');
      await eventually(async () => !(await statementsOnServer()).includes('inside'));
      expect(c.closes).toEqual([]);
    });

    const forged: Array<[string, (n: number) => unknown]> = [
      ['anchored past the end of the transcript', (n) => ({ id: 'bad', text: 'beyond', start: n - 2, end: n + 40, themeIds: [], createdAt: 1 })],
      ['anchored before its start', (n) => ({ id: 'bad', text: 'before', start: -5, end: Math.min(3, n), themeIds: [], createdAt: 1 })],
      ['with an empty anchor', () => ({ id: 'bad', text: 'empty', start: 3, end: 3, themeIds: [], createdAt: 1 })],
      ['without text', () => ({ id: 'bad', start: 0, end: 3, themeIds: [], createdAt: 1 })],
      ['under another id than its key', () => ({ id: 'other-id', text: 'mislabelled', start: 0, end: 3, themeIds: [], createdAt: 1 })],
    ];
    for (const [what, value] of forged) {
      it(`refuses a statement ${what}, keeping the layer as it was`, async () => {
        const c = await ownerClient();
        const before = await statementsOnServer();
        // Bypass the model (which refuses all of these) and write the raw value, as a hostile client could.
        layerMap(c.doc, 'statements').set('bad', value(textLength));
        await closedWith(c, CloseCode.Forbidden.code);
        expect(await statementsOnServer()).toEqual(before);
        // A fresh connection still works: only the forged update was refused.
        const again = await ownerClient();
        expect(layerMap(again.doc, 'statements').has('bad')).toBe(false);
      });
    }
  });
}
