import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_SEND_BUFFER_BYTES, TRY_AGAIN_LATER } from '../../server/collab/limits';
import type { RunningServer } from '../../server/server';
import { type StudyFixture, type TestClient, docs, openClient, seedStudy, synced } from '../helpers/collab';
import { eventually, testDialects, testServer } from '../helpers/env';
import { liveBytes } from './gc';
import { logSink } from './logSink';
import { slowReader } from './slowReader';

const CHUNK = 512 * 1024;
/** Far beyond the send-buffer limit plus what loopback kernel buffers absorb (~10 MiB). */
const ROUNDS = 120;
const MiB = 1024 * 1024;


for (const dialect of testDialects()) {
  describe(`backpressure (${dialect})`, () => {
    const sink = logSink();
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    const clients: TestClient[] = [];

    beforeEach(async () => {
      ({ server, close } = await testServer(dialect, { log: sink.log }));
      f = await seedStudy(server.services, 'open');
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await close();
    });

    it('closes a client that stops reading (1013) instead of queueing without bound; readers that read keep up', async () => {
      const name = docs.layer(f);
      const owner = openClient(server, name, f.cookie('owner'));
      const lead = openClient(server, name, f.cookie('lead'));
      clients.push(owner, lead);
      await Promise.all([synced(owner), synced(lead)]);
      const slow = await slowReader(server.port, `/collab/${name}`, { Origin: server.url, Cookie: f.cookie('auditor') });
      const piece = 'x'.repeat(CHUNK);
      const text = owner.doc.getText('memo');
      const base = liveBytes();
      let peak = 0;
      for (let round = 0; round < ROUNDS; round++) {
        // Insert then delete half a MiB: every round is broadcast in full, the document stays small.
        text.insert(0, piece);
        await eventually(() => lead.doc.getText('memo').length === CHUNK, 10_000, 2);
        text.delete(0, CHUNK);
        await eventually(() => lead.doc.getText('memo').length === 0, 10_000, 2);
        if (round % 8 === 7) peak = Math.max(peak, liveBytes() - base);
      }
      const pushed = ROUNDS * CHUNK;
      await eventually(() => sink.count('collab.closed', (e) => e.code === TRY_AGAIN_LATER.code && e.user === f.users.auditor!.id) === 1, 10_000);
      // The server held at most its send-buffer limit for the slow client (plus one message and
      // what the readers and the writer hold in this same process), far less than was pushed.
      expect(pushed).toBeGreaterThan(3 * MAX_SEND_BUFFER_BYTES);
      expect(peak).toBeLessThan(MAX_SEND_BUFFER_BYTES + 24 * MiB);
      expect(owner.closes).toEqual([]);
      expect(lead.closes).toEqual([]);
      expect(Y.encodeStateVector(lead.doc)).toEqual(Y.encodeStateVector(owner.doc));
      slow.destroy();
    }, 90_000);
  });
}
