import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type CommitNotice, Room } from '../../server/ydocs/Room';
import { textUpdate } from '../collab/frames';

// The room side of following other nodes, without a database: rows are applied above the
// watermark only, in order, never while a commit of our own is in flight.
describe('a room following rows other nodes committed', () => {
  const room = () => {
    const r = new Room('studies/s1/codebook', { doc: new Y.Doc(), lastId: 10, tailRows: 0, snapshotUptoId: null, bytes: 0, tailBytes: 0 }, () => undefined);
    const notices: CommitNotice[] = [];
    r.listeners.add({ committed: (n) => void notices.push(n), rejected: () => undefined, reset: () => undefined });
    return { r, notices };
  };
  const items = (r: Room) => r.doc.getArray<string>('codings').toArray().slice().sort();

  it('applies rows above its watermark, ignores those at or below it, and broadcasts what changed', () => {
    const { r, notices } = room();
    r.applyRemote([{ id: 9, update: textUpdate('old') }, { id: 11, update: textUpdate('a') }, { id: 12, update: textUpdate('b') }]);
    expect(items(r)).toEqual(['a', 'b']);
    expect(r.lastId).toBe(12);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.updates).toHaveLength(2);
    r.applyRemote([{ id: 12, update: textUpdate('b-again') }]); // a late duplicate of a fetched page
    expect(items(r)).toEqual(['a', 'b']);
    expect(notices).toHaveLength(1);
  });

  it('holds rows that arrive during its own commit, and applies them after it with the rows the commit missed', () => {
    const { r, notices } = room();
    r.submit(textUpdate('mine'), { authorId: 'u1' });
    const batch = r.applyQueued(0); // our commit is in flight: the doc is ahead of the log
    // A fetch returns rows of another node: 11 (committed before ours) and 14 (after ours).
    r.applyRemote([{ id: 11, update: textUpdate('before') }, { id: 14, update: textUpdate('after') }]);
    expect(items(r)).toEqual(['mine']);
    // Our commit got id 13 and learned that 11 and 12 were committed before it.
    r.complete(batch, { ids: [13], missed: [{ id: 11, update: textUpdate('before') }, { id: 12, update: textUpdate('twelve') }] });
    expect(items(r).sort()).toEqual(['after', 'before', 'mine', 'twelve']);
    expect(r.lastId).toBe(14);
    // One notice for the commit (missed rows first, then ours), one for the held rows.
    expect(notices.map((n) => n.updates.length)).toEqual([3, 1]);
  });
});
