import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log';
import type { RunningServer } from '../../server/server';
import { findDocSnapshot } from '../../server/store/docLog';
import { eventually, testDialects, testServer } from '../helpers/env';

/**
 * Issue 19 item 2: a document is compacted in the background after a threshold of rows OR bytes
 * logged since its snapshot. Here the row threshold is far away (1,000) and the byte threshold
 * 64 KiB, so only the bytes of a few large updates can trigger the snapshot.
 */
const BYTES = 64 * 1024;
const CHUNK = 20 * 1024;

for (const dialect of testDialects()) {
  describe(`compaction by bytes (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    const events: Array<Record<string, unknown>> = [];

    beforeAll(async () => {
      ({ server, close } = await testServer(dialect, {
        log: createLogger('info', (l) => events.push(JSON.parse(l) as Record<string, unknown>)),
        docs: { compactAfterUpdates: 1000, compactAfterBytes: BYTES },
      }));
    });
    afterAll(() => close());

    it('snapshots once the tail holds the byte threshold, not before, and a reload replays no tail', async () => {
      const name = 'studies/bytes-study/codebook';
      const s = server.services;
      const write = (i: number) => s.docs.withDoc(name, (doc) => doc.getText('notes').insert(0, String(i % 10).repeat(CHUNK)));
      // Three updates of 20 KiB: 60 KiB, under the threshold.
      for (let i = 0; i < 3; i++) await write(i);
      // Waits for any compaction in flight, and unloads the idle room: the next write loads it
      // again with its 60 KiB tail (the byte count survives a reload).
      await s.docs.evictIdle();
      expect(events.some((e) => e.event === 'doc.compacted' && e.doc === name)).toBe(false);
      expect(await findDocSnapshot(s.db, name)).toBeNull();

      await write(3); // 80 KiB: the commit that reaches the threshold schedules the snapshot
      const compacted = await eventually(() => events.find((e) => e.event === 'doc.compacted' && e.doc === name));
      const snapshot = await findDocSnapshot(s.db, name);
      expect(snapshot?.uptoId).toBe(compacted!.uptoId);

      events.length = 0;
      await eventually(async () => (await s.docs.evictIdle()) >= 0 && !s.docs.isLoaded(name));
      await s.docs.withDoc(name, (doc) => expect(doc.getText('notes').length).toBe(4 * CHUNK));
      const loaded = events.find((e) => e.event === 'doc.loaded' && e.doc === name);
      expect(loaded).toMatchObject({ tailRows: 0, snapshotUptoId: snapshot!.uptoId });
    });
  });
}
