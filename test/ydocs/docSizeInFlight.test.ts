import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Room } from '../../server/ydocs/Room';
import { textUpdate } from '../collab/frames';

// Regression: on PostgreSQL a commit takes long enough for many updates to queue behind it, and
// bytes of the batch in flight were counted neither as queued nor as applied, so a writer could
// take a document past its limit (the limits test then waited for a 4413 that never came).
describe('document size limit while a commit is in flight', () => {
  it('counts the bytes of the batch in flight against the limit', () => {
    const chunk = 1000;
    const room = new Room('studies/s1/codebook', { doc: new Y.Doc(), lastId: 0, tailRows: 0, snapshotUptoId: null, bytes: 0, tailBytes: 0 }, () => undefined, 3 * chunk);
    const results = [room.submit(textUpdate('a'.repeat(chunk)), { authorId: 'u1' }), room.submit(textUpdate('b'.repeat(chunk)), { authorId: 'u1' })];
    room.applyQueued(0); // the group commit took both: they are in flight, no longer queued
    results.push(room.submit(textUpdate('c'.repeat(chunk)), { authorId: 'u1' }));
    expect(results).toEqual(['queued', 'queued', 'too-large']);
  });
});
