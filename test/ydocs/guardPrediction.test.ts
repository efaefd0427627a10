import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { codebookGuard } from '../../server/collab/codebookGuard';
import type { CodebookGovernance } from '../../server/collab/gatherAccess';
import { type DocWriter, Room, type RoomListener, type UpdateGuard, UpdateRefused } from '../../server/ydocs/Room';
import { addTheme, themesMap } from '../../shared/themes';

/**
 * Issue 19: a codebook writer's update is judged from the decoded update when the guard can
 * predict the verdict (applied once, no trial copy), and on the room's copy otherwise.
 */
const CODER: CodebookGovernance = { role: 'coder', codebookPhase: 'open', codebook: 'shared' };

/** A room on a codebook loaded from its encoded state (its roots plain until asked for), and the guard's trials counted. */
function setUp() {
  const seed = new Y.Doc();
  addTheme(seed, { id: 'a', label: 'A', createdBy: 'lead' });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed));
  const room = new Room('studies/s1/codebook', { doc, lastId: 0, tailRows: 0, snapshotUptoId: null, bytes: 0, tailBytes: 0 }, () => undefined);
  const rejected: unknown[] = [];
  const listener: RoomListener = { committed: () => undefined, rejected: (_w, e) => rejected.push(e), reset: () => undefined };
  room.listeners.add(listener);
  const inner = codebookGuard(CODER);
  const trials: Array<{ before: unknown; after: unknown }> = [];
  const counted: UpdateGuard = {
    review(before, after, changed) {
      trials.push({ before: themesMap(before).toJSON(), after: themesMap(after).toJSON() });
      return inner.review(before, after, changed);
    },
    predict: inner.predict!,
  };
  const commit = () => room.complete(room.applyQueued(0), { ids: [], missed: [] });
  /** A replica of the room's document as committed now. */
  const replica = () => {
    const d = new Y.Doc();
    Y.applyUpdate(d, Y.encodeStateAsUpdate(room.doc));
    return d;
  };
  const change = (d: Y.Doc, fn: (d: Y.Doc) => void) => {
    const sv = Y.encodeStateVector(d);
    fn(d);
    return Y.encodeStateAsUpdate(d, sv);
  };
  return { room, rejected, counted, trials, commit, replica, change };
}

describe('a guarded update the guard predicts', () => {
  it('is applied once without a trial, refused without touching the document, and the trial still serves what it cannot predict', () => {
    const { room, rejected, counted, trials, commit, replica, change } = setUp();
    const coder: DocWriter = { authorId: 'coder', guard: counted };

    // A coder's plain edits: decided from the update, no trial.
    const me = replica();
    room.submit(change(me, (d) => d.getArray<string>('b').push(['s1'])), coder);
    room.submit(change(me, (d) => (themesMap(d).get('a') as Y.Map<unknown>).set('description', 'what it means')), coder);
    room.submit(change(me, (d) => addTheme(d, { id: 'c', label: 'C', createdBy: 'coder' })), coder);
    commit();
    expect(trials).toHaveLength(0);
    expect(rejected).toHaveLength(0);
    expect(room.doc.getArray('b').toArray()).toEqual(['s1']);
    expect((themesMap(room.doc).get('a') as Y.Map<unknown>).get('description')).toBe('what it means');
    expect(themesMap(room.doc).has('c')).toBe(true);

    // A rename, refused from the prediction: nothing applied.
    const before = Y.encodeStateAsUpdate(room.doc);
    room.submit(change(replica(), (d) => (themesMap(d).get('a') as Y.Map<unknown>).set('label', 'Renamed')), coder);
    commit();
    expect(trials).toHaveLength(0);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toBeInstanceOf(UpdateRefused);
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);

    // A stale replica's concurrent write of the same field: the trial decides, on a copy made
    // from the document as it is now (the shadow was dropped by the fast path).
    const setColor = (color: string) => (d: Y.Doc) => (themesMap(d).get('a') as Y.Map<unknown>).set('color', color);
    /** A stale replica's write, committed; returns the document it must leave (the room's plus it). */
    const concurrentWrite = (stale: Y.Doc, color: string) => {
      const expected = replica();
      const concurrent = change(stale, setColor(color));
      Y.applyUpdate(expected, concurrent);
      room.submit(concurrent, coder);
      commit();
      return expected;
    };
    const stale = replica();
    room.submit(change(me, setColor('#111111')), coder);
    commit();
    const expected = concurrentWrite(stale, '#222222');
    expect(trials).toHaveLength(1);
    expect(trials[0]!.after).toEqual(themesMap(expected).toJSON());
    expect(themesMap(room.doc).toJSON()).toEqual(themesMap(expected).toJSON());

    // Predicted updates after a trial keep the shadow in step (fed from the document's update
    // event, SHADOW_IDLE_UPDATES of them at most): the next trial sees them.
    const stale2 = replica();
    const me2 = replica();
    room.submit(change(me2, (d) => d.getArray<string>('b').push(['s2'])), coder);
    room.submit(change(me2, setColor('#333333')), coder);
    commit();
    expect(trials).toHaveLength(1);
    const expected2 = concurrentWrite(stale2, '#444444');
    expect(trials).toHaveLength(2);
    expect(trials[1]!.after).toEqual(themesMap(expected2).toJSON());
    expect(themesMap(room.doc).toJSON()).toEqual(themesMap(expected2).toJSON());
    expect(rejected).toHaveLength(1);
  });

  it("refuses a coder's theme deletion judged on a fresh copy of a document whose roots are not yet maps", () => {
    // The trial alone (no prediction): the first update on a new copy named its plain root in
    // `changed`, which read as `other`, allowed to a coder.
    const { room, rejected, counted, commit, replica, change } = setUp();
    room.submit(change(replica(), (d) => themesMap(d).delete('a')), { authorId: 'coder', guard: { review: counted.review } });
    commit();
    expect(rejected).toHaveLength(1);
    expect(String((rejected[0] as Error).message)).toContain('theme.delete');
    expect(themesMap(room.doc).has('a')).toBe(true);
  });

  it('never integrates later what a wrong prediction left pending: held-back structs are dropped and the writer refused', () => {
    // A guard whose prediction is wrong on purpose: it accepts an update that depends on a change
    // the room has not seen. The room must not keep what Yjs held back, or it would integrate it,
    // unjudged, once the missing change arrives.
    const { room, rejected, commit, replica, change } = setUp();
    const wrong: UpdateGuard = { review: () => 'the trial refuses everything here', predict: () => ({ refusal: null }) };
    const writer = replica();
    const first = change(writer, (d) => d.getArray<string>('b').push(['first']));
    const second = change(writer, (d) => d.getArray<string>('b').push(['second']));
    room.submit(second, { authorId: 'coder', guard: wrong });
    commit();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toBeInstanceOf(UpdateRefused);
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(room.doc.store.pendingDs).toBeNull();
    // The missing change arrives from a writer whose update needs no prediction: only it lands.
    room.submit(first, { authorId: 'lead' });
    commit();
    expect(room.doc.getArray<string>('b').toArray()).toEqual(['first']);
  });
});
