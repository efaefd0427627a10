import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type DocWriter, Room, type RoomListener, type UpdateGuard, UpdateRefused } from '../../server/ydocs/Room';

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

  it("reads a guarded writer's update once: a malformed one is refused by its trial on the shadow, before the document and the log", () => {
    const room = new Room('studies/s1/codebook', { doc: new Y.Doc(), lastId: 0, tailRows: 0, snapshotUptoId: null, bytes: 0, tailBytes: 0 }, () => undefined);
    const judged: string[][] = [];
    const guard: UpdateGuard = {
      review(before, after) {
        judged.push(after.getArray<string>('b').toArray());
        expect(after.getArray<string>('b').toArray().slice(0, -1)).toEqual(before.getArray<string>('b').toArray());
        return null;
      },
    };
    const rejected: unknown[] = [];
    const listener: RoomListener = { committed: () => undefined, rejected: (_w, error) => rejected.push(error), reset: () => undefined };
    room.listeners.add(listener);
    const client = new Y.Doc();
    const outbox: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => outbox.push(u));
    const coder: { authorId: string; guard: UpdateGuard | null } = { authorId: 'coder', guard };
    const commit = () => {
      const batch = room.applyQueued(0);
      room.complete(batch, { ids: [], missed: [] });
      return batch.rows.length;
    };

    client.getArray<string>('b').push(['a']);
    room.submit(outbox.shift()!, coder);
    expect(commit()).toBe(1);
    // Its structs decode but its delete set is cut off: Yjs integrates the structs, then throws.
    client.getArray<string>('b').push(['b']);
    const cut = outbox.shift()!.slice(0, -1);
    expect(room.submit(cut, coder)).toBe('queued'); // not decoded at submit: its review reads it
    expect(commit()).toBe(0);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).not.toBeInstanceOf(UpdateRefused); // 'update failed to apply' (4400), not 4403
    expect(room.doc.getArray('b').toArray()).toEqual(['a']);
    expect(judged).toEqual([['a']]); // the guard never judged the malformed update

    // The shadow, which held part of it, was dropped: the next review starts from the document.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(room.doc));
    const next: Uint8Array[] = [];
    other.on('update', (u: Uint8Array) => next.push(u));
    other.getArray<string>('b').push(['c']);
    room.submit(next.shift()!, coder);
    expect(commit()).toBe(1);
    expect(judged.at(-1)).toEqual(['a', 'c']);
    expect(room.doc.getArray('b').toArray()).toEqual(['a', 'c']);

    // A writer whose guard went away between submit and commit (rights re-decided): its update,
    // never decoded, is decoded at the commit and refused there.
    room.submit(cut, coder);
    coder.guard = null;
    expect(commit()).toBe(0);
    expect(rejected).toHaveLength(2);
    expect(rejected[1]).not.toBeInstanceOf(UpdateRefused);
    expect(room.doc.getArray('b').toArray()).toEqual(['a', 'c']);
  });
});
