import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type DocWriter, Room, type UpdateGuard } from '../../server/ydocs/Room';

/**
 * A guarded writer's update is tried on the room's shadow copy, then applied to the document.
 * Issue 19 (CPU per change): the shadow no longer applies that update a second time from the
 * document's `update` event; it must still stay exactly in step with the document, through
 * guarded updates, server changes and refusals alike.
 */
describe("the guard's shadow copy of a room", () => {
  it('holds the document plus the judged update at every review, with one apply per guarded update', () => {
    const room = new Room('studies/s1/codebook', { doc: new Y.Doc(), lastId: 0, tailRows: 0, snapshotUptoId: null, bytes: 0, tailBytes: 0 }, () => undefined);
    const seen: Array<{ before: string[]; after: string[] }> = [];
    const shadowTransactions = new Map<Y.Doc, number>();
    const guard: UpdateGuard = {
      review(before, after) {
        if (!shadowTransactions.has(after)) {
          shadowTransactions.set(after, 0);
          after.on('afterTransaction', () => shadowTransactions.set(after, shadowTransactions.get(after)! + 1));
        }
        const items = after.getArray<string>('b').toArray();
        seen.push({ before: before.getArray<string>('b').toArray(), after: items });
        return items.includes('refuse me') ? 'refused for the test' : null;
      },
    };
    const coder: DocWriter = { authorId: 'coder', guard };
    const client = new Y.Doc();
    const outbox: Uint8Array[] = [];
    client.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== room) outbox.push(u);
    });
    // The client sees what the room commits (as a connected client would), so its later pushes
    // follow the server's change instead of racing it (concurrent inserts order by client id).
    room.doc.on('update', (u: Uint8Array) => Y.applyUpdate(client, u, room));
    const send = (value: string) => {
      client.getArray<string>('b').push([value]);
      expect(room.submit(outbox.shift()!, coder)).toBe('queued');
    };
    const commit = () => room.complete(room.applyQueued(0), { ids: [], missed: [] });

    send('a');
    send('b'); // two in one group commit
    commit();
    void room.mutate((doc) => doc.getArray<string>('b').push(['from the server']), { authorId: null });
    commit();
    send('c');
    commit();
    const refusedFrom = new Y.Doc(); // another client's refused update: the shadow drops it
    Y.applyUpdate(refusedFrom, Y.encodeStateAsUpdate(room.doc));
    refusedFrom.getArray<string>('b').push(['refuse me']);
    room.submit(Y.encodeStateAsUpdate(refusedFrom, Y.encodeStateVector(room.doc)), { authorId: 'other', guard });
    commit();
    send('d');
    commit();

    expect(room.doc.getArray('b').toArray()).toEqual(['a', 'b', 'from the server', 'c', 'd']);
    // Each review saw the document as committed so far plus exactly the update it judged.
    expect(seen.map((s) => s.after.at(-1))).toEqual(['a', 'b', 'c', 'refuse me', 'd']);
    for (const s of seen) expect(s.after.slice(0, -1)).toEqual(s.before);
    // The first shadow took a, b, the server's change and c, one transaction each, then was
    // dropped with the refused update; its successor, copied from the document, took d.
    expect([...shadowTransactions.values()]).toEqual([5, 1]);
  });
});
