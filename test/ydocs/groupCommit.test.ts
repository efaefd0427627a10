import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/log';
import { GroupCommitter } from '../../server/ydocs/GroupCommitter';
import type { DocAppend, DocAppended, LogWriter } from '../../server/ydocs/LogWriter';
import { type DocWriter, Room, type RoomListener } from '../../server/ydocs/Room';

/**
 * Issue 19: the SQLite writer commits synchronously (`appendNow`), so the group commit completes
 * its rooms without promise hops. Whichever way a commit goes, nothing is broadcast before it
 * returned, and a commit that fails broadcasts nothing and discards the document.
 */
type Step = 'appendNow' | 'append' | 'broadcast' | `reset:${string}`;

function setup(writer: (steps: Step[]) => LogWriter) {
  const steps: Step[] = [];
  const committer = new GroupCommitter(writer(steps), createLogger('silent'), () => 0, () => undefined);
  const room = new Room('studies/s1/codebook', { doc: new Y.Doc(), lastId: 0, tailRows: 0, snapshotUptoId: null, bytes: 0, tailBytes: 0 }, (r) => committer.schedule(r));
  const listener: RoomListener = {
    committed: (notice) => {
      if (notice.updates.length > 0) steps.push('broadcast');
    },
    rejected: () => undefined,
    reset: (reason) => steps.push(`reset:${reason}`),
  };
  room.listeners.add(listener);
  const client = new Y.Doc();
  const outbox: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => outbox.push(u));
  const writerOf: DocWriter = { authorId: 'u1' };
  const send = (value: string) => {
    client.getArray<string>('b').push([value]);
    expect(room.submit(outbox.shift()!, writerOf)).toBe('queued');
  };
  return { steps, committer, room, send };
}

let nextId = 0;
const stored = (docs: readonly DocAppend[]): DocAppended[] => docs.map((d) => ({ ids: d.rows.map(() => ++nextId), missed: [] }));

describe('the group commit', () => {
  it('completes a synchronous commit before broadcasting, without the asynchronous append', async () => {
    const { steps, committer, room, send } = setup((steps) => ({
      append: async (docs) => (steps.push('append'), stored(docs)),
      appendNow: (docs) => (steps.push('appendNow'), stored(docs)),
      saveSnapshot: async () => 'stored',
    }));
    send('a');
    send('b'); // one group
    await committer.idle();
    send('c');
    await committer.idle();
    expect(steps).toEqual(['appendNow', 'broadcast', 'appendNow', 'broadcast']);
    expect(room.doc.getArray('b').toArray()).toEqual(['a', 'b', 'c']);
    expect(room.lastId).toBe(nextId);
  });

  it('waits for the asynchronous append when the writer cannot commit now', async () => {
    const { steps, committer, room, send } = setup((steps) => ({
      append: async (docs) => {
        await new Promise((r) => setImmediate(r));
        steps.push('append');
        return stored(docs);
      },
      appendNow: () => (steps.push('appendNow'), null),
      saveSnapshot: async () => 'stored',
    }));
    send('a');
    await committer.idle();
    expect(steps).toEqual(['appendNow', 'append', 'broadcast']);
    expect(room.doc.getArray('b').toArray()).toEqual(['a']);
  });

  it('discards the document and broadcasts nothing when a synchronous commit throws', async () => {
    const { steps, committer, room, send } = setup(() => ({
      append: async () => {
        throw new Error('not used');
      },
      appendNow: () => {
        throw new Error('disk I/O error');
      },
      saveSnapshot: async () => 'stored',
    }));
    const serverChange = room.mutate((doc) => doc.getArray<string>('b').push(['from the server']), { authorId: null });
    send('a');
    await expect(serverChange).rejects.toThrow(/could not be stored/);
    await committer.idle();
    expect(steps).toEqual(['reset:commit-failed']);
    expect(room.discarded).toBe(true);
  });
});
