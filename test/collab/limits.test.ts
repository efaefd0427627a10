import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol';
import * as decoding from 'lib0/decoding';
import { MAX_AWARENESS_STATE_BYTES, MAX_CONNECTIONS_PER_USER, MAX_FRAME_BYTES, MAX_PENDING_MESSAGES, MAX_UPDATE_BYTES, SYNC_REQUEST_BURST, TRANSPORT_MAX_PAYLOAD } from '../../server/collab/limits';
import { MAX_DOC_BYTES } from '../../server/ydocs/docLimits';
import { createLogger } from '../../server/log';
import type { RunningServer } from '../../server/server';
import { appendDocUpdates } from '../../server/store/docLog';
import { eventually, testDialects, testServer } from '../helpers/env';
import { type StudyFixture, type TestClient, docs, logRows, openClient, rawSocket, seedStudy, serverDoc, synced } from '../helpers/collab';
import { awarenessFrame, syncFrame, textUpdate } from './frames';

for (const dialect of testDialects()) {
  describe(`limits (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    const logged: Array<Record<string, unknown>> = [];
    const clients: TestClient[] = [];
    let owner: TestClient;
    let lead: TestClient;

    beforeEach(async () => {
      ({ server, close } = await testServer(dialect, { log: createLogger('info', (l) => logged.push(JSON.parse(l) as Record<string, unknown>)) }));
      f = await seedStudy(server.services, 'open');
      // Two bystanders on the document under attack: they must never notice.
      owner = openClient(server, docs.layer(f), f.cookie('owner'), { persisted: true });
      lead = openClient(server, docs.layer(f), f.cookie('lead'));
      clients.push(owner, lead);
      await Promise.all([synced(owner), synced(lead)]);
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      logged.length = 0;
      await close();
    });

    async function bystandersUnaffected(marker: string) {
      owner.doc.getArray('codings').push([marker]);
      await eventually(() => lead.doc.getArray('codings').toArray().includes(marker));
      expect(owner.closes).toEqual([]);
      expect(lead.closes).toEqual([]);
    }

    it('closes a frame over MAX_FRAME_BYTES with 4413, and one over the transport ceiling with 1009', async () => {
      const a = await rawSocket(server, docs.layer(f), f.cookie('owner'));
      a.ws.send(new Uint8Array(MAX_FRAME_BYTES + 1));
      expect(await a.closed).toBe(CloseCode.TooLarge.code);
      const b = await rawSocket(server, docs.layer(f), f.cookie('owner'));
      b.ws.send(new Uint8Array(TRANSPORT_MAX_PAYLOAD + 1));
      expect(await b.closed).toBe(1009);
      expect(logged.some((l) => l.event === 'collab.closed' && l.why === 'frame')).toBe(true);
      await bystandersUnaffected('after-frames');
    });

    it('closes an update over MAX_UPDATE_BYTES with 4413 and stores nothing of it', async () => {
      const rows = await logRows(server.services, docs.layer(f));
      const a = await rawSocket(server, docs.layer(f), f.cookie('owner'));
      a.ws.send(syncFrame(2, textUpdate('x'.repeat(MAX_UPDATE_BYTES + 10))));
      expect(await a.closed).toBe(CloseCode.TooLarge.code);
      expect(await logRows(server.services, docs.layer(f))).toBe(rows);
      await bystandersUnaffected('after-update');
    });

    it('refuses the update that would take a document over MAX_DOC_BYTES', async () => {
      const name = docs.layer(f);
      const a = await rawSocket(server, name, f.cookie('owner'));
      await eventually(() => a.received.length > 0); // authorised (else the pending-queue limit applies)
      const chunk = Math.floor(MAX_UPDATE_BYTES * 0.9);
      const fits = Math.floor(MAX_DOC_BYTES / chunk);
      for (let i = 0; i <= fits; i++) a.ws.send(syncFrame(2, textUpdate(String(i).padEnd(chunk, '.'), 'big')));
      expect(await a.closed).toBe(CloseCode.TooLarge.code);
      const stored = await serverDoc(server.services, name, (d) => d.getArray('big').length);
      expect(stored).toBeLessThanOrEqual(fits);
      expect(stored).toBeGreaterThan(0);
      expect(logged.some((l) => l.event === 'collab.closed' && l.why === 'document size')).toBe(true);
      await bystandersUnaffected('after-doc-size');
    });

    it('answers a SyncStep1 flood at a bounded rate and coalesces the rest into one complete answer', async () => {
      const name = docs.layer(f);
      owner.doc.getArray('codings').push(['x'.repeat(4000)]);
      await eventually(() => lead.doc.getArray('codings').length === 1);
      const a = await rawSocket(server, name, f.cookie('owner'));
      await eventually(() => a.received.length > 0); // authorised: the server's own SyncStep1 arrived
      // SyncStep2 payloads, in arrival order (message 0, step 1).
      const answers = () =>
        a.received.flatMap((m) => {
          const d = decoding.createDecoder(m);
          return decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 1 ? [decoding.readVarUint8Array(d)] : [];
        });
      // 200 requests with an empty state vector: each asks for the whole document.
      const empty = Y.encodeStateVector(new Y.Doc());
      for (let i = 0; i < 200; i++) a.ws.send(syncFrame(0, empty));
      // The server handles a socket's frames in order, so by the pong every request was seen.
      await new Promise<void>((resolve) => {
        a.ws.once('pong', () => resolve());
        a.ws.ping();
      });
      expect(answers()).toHaveLength(SYNC_REQUEST_BURST);
      // The requests over the rate get one later answer, as complete as the others.
      await eventually(() => answers().length === SYNC_REQUEST_BURST + 1, 5000);
      const last = new Y.Doc();
      Y.applyUpdate(last, answers().at(-1)!);
      expect(last.getArray('codings').toJSON()).toEqual(['x'.repeat(4000)]);
      expect(a.ws.readyState).toBe(a.ws.OPEN);
      a.ws.close();
      await bystandersUnaffected('after-sync-flood');
    });

    it('closes a connection that floods its pending queue while the document loads', async () => {
      // A never-compacted log makes the load span many event-loop turns.
      const name = docs.layer(f, 'other');
      const source = new Y.Doc();
      const rows: Array<{ doc: string; authorId: string; at: number; update: Uint8Array }> = [];
      source.on('update', (update: Uint8Array) => rows.push({ doc: name, authorId: f.users.other!.id, at: rows.length, update }));
      for (let i = 0; i < 12_000; i++) source.getArray('codings').push([i]);
      await server.services.db.transaction().execute((trx) => appendDocUpdates(trx, rows));
      const a = await rawSocket(server, name, f.cookie('other'));
      for (let i = 0; i <= MAX_PENDING_MESSAGES; i++) a.ws.send(awarenessFrame(1, i + 1, '{}'));
      expect(await a.closed).toBe(CloseCode.TooLarge.code);
      expect(logged.some((l) => l.event === 'collab.closed' && l.why === 'pending queue')).toBe(true);
      await bystandersUnaffected('after-queue');
    });

    it(`allows ${MAX_CONNECTIONS_PER_USER} connections per user and refuses the next with 4429`, async () => {
      const name = docs.codebook(f);
      const sockets = await Promise.all(Array.from({ length: MAX_CONNECTIONS_PER_USER - 1 }, () => rawSocket(server, name, f.cookie('owner'))));
      const extra = await rawSocket(server, name, f.cookie('owner')); // owner's provider is the 50th
      expect(await extra.closed).toBe(CloseCode.RateLimited.code);
      const other = await rawSocket(server, name, f.cookie('other')); // per user, not global
      sockets[0]!.ws.close();
      await sockets[0]!.closed;
      const again = await rawSocket(server, name, f.cookie('owner'));
      await eventually(() => again.received.length > 0); // admitted: it gets the sync handshake
      for (const s of [...sockets, other, again]) s.ws.close();
      await bystandersUnaffected('after-connections');
    });

    it('closes an awareness state over MAX_AWARENESS_STATE_BYTES with 4413', async () => {
      const a = await rawSocket(server, docs.layer(f), f.cookie('other'));
      a.ws.send(awarenessFrame(99, 1, JSON.stringify({ user: { name: 'x'.repeat(MAX_AWARENESS_STATE_BYTES) } })));
      expect(await a.closed).toBe(CloseCode.TooLarge.code);
      expect(lead.provider.awareness.getStates().has(99)).toBe(false);
      await bystandersUnaffected('after-awareness');
    });
  });
}
