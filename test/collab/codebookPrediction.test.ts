import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { codebookGuard } from '../../server/collab/codebookGuard';
import type { CodebookGovernance } from '../../server/collab/gatherAccess';
import { CODEBOOK_PHASES, ROLES } from '../../shared/domain';
import { ThemeField, addTheme, metaMap, predictCodebookEdits, themesMap } from '../../shared/themes';

/**
 * Issue 19: the codebook guard predicts its verdict from the decoded update read against the
 * room's document, and falls back to the trial on a copy when unsure. The trial is the oracle:
 * on thousands of random codebooks and random updates made by real replicas (fresh and stale,
 * duplicated, cut, depending on changes the server lacks), for every role, phase and codebook,
 * the prediction is either undecided or gives the trial's verdict word for word, and applying a
 * predicted update leaves the document equal to the trial's copy, with nothing pending.
 */

/** Mulberry32: a small seeded generator, so a failure names its case. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]! };
}
type Rand = ReturnType<typeof random>;

const IDS = ['t1', 't2', 't3', 't4', 't5'];
const FIELDS = [...Object.values(ThemeField), 'hidden'];

function fieldValue(r: Rand, field: string): unknown {
  switch (field) {
    case ThemeField.lifecycle:
      return r.pick([{ status: 'active' }, { status: 'retired' }, { status: 'merged', mergedInto: 't1' }, { status: 'active' }]);
    case ThemeField.caseId:
      return r.pick(['tr-1', 'tr_2', 'bad case!', '', 7]);
    case ThemeField.position:
      return { parentId: r.pick([null, 't1']), order: r.pick(['a', 'b', 'M']) };
    case ThemeField.createdAt:
      return r.pick([1, 2]);
    default:
      return r.pick(['x', 'y', 'label', 1, true, null, { k: 1 }, { k: 1 }, Number.NaN]);
  }
}

function newEntry(r: Rand): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  for (const f of FIELDS) if (r.next() < 0.6) entry.set(f, fieldValue(r, f));
  if (r.next() < 0.1) entry.set('nested', new Y.Array());
  return entry;
}

/** One random operation of a writer on its replica, with the codebook's real layout and some abuse of it. */
function operateCodebook(r: Rand, d: Y.Doc): void {
  const themes = themesMap(d);
  const entry = () => {
    const v = themes.get(r.pick(IDS));
    return v instanceof Y.Map ? (v as Y.Map<unknown>) : null;
  };
  const op = r.int(18);
  if (op === 0) {
    const id = r.pick(IDS);
    if (!themes.has(id)) {
      try {
        addTheme(d, { id, label: `L${id}`, createdBy: 'u' });
      } catch {
        // the tree this replica holds is not one addTheme accepts (a parent gone): no change
      }
    }
  } else if (op <= 2) themes.set(r.pick(IDS), newEntry(r));
  else if (op <= 7) {
    const e = entry();
    if (e) {
      const f = r.pick(FIELDS);
      const has = e.get(f);
      e.set(f, r.next() < 0.3 && e.has(f) && !(has instanceof Y.AbstractType) ? has : fieldValue(r, f)); // sometimes the value it has
    }
  } else if (op === 8) entry()?.delete(r.pick(FIELDS));
  else if (op === 9) themes.delete(r.pick(IDS));
  else if (op === 10) themes.set(r.pick(IDS), r.pick(['json', 1]));
  else if (op === 11) metaMap(d).set('levels', r.pick([{ names: ['a'], maxDepth: 2 }, { names: ['a', 'b'], maxDepth: 3 }, { names: ['a'], maxDepth: 2 }]));
  else if (op === 12) r.next() < 0.5 ? metaMap(d).delete('levels') : metaMap(d).set(r.pick(['other', 'levels']), 1);
  else if (op === 13) d.getArray<string>('bench').push([`s${r.int(100)}`]);
  else if (op === 14) {
    const a = d.getArray<string>('bench');
    if (a.length > 0) a.delete(r.int(a.length), 1);
  } else if (op === 15) d.getMap('sidecar').set(r.pick(['a', 'b']), r.int(3));
  else if (op === 16) {
    const e = entry();
    const nested = e?.get('nested');
    if (nested instanceof Y.Array) nested.push([1]);
    else e?.set(r.pick(['hidden', ThemeField.position]), r.next() < 0.5 ? new Y.Map() : new Y.Array());
  } else d.getText('notes').insert(0, 'ab');
}

/** A writer that uses the codebook's root names for sequences (test/collab/convergence.test.ts does). */
function operateOdd(r: Rand, d: Y.Doc): void {
  const a = d.getArray<string>(r.pick(['themes', 'meta']));
  if (r.next() < 0.7 || a.length === 0) a.push([`s${r.int(9)}`]);
  else a.delete(0, 1);
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

/** A server document with some history (several writers, some concurrent) and the update to judge. */
function scenario(seed: number): { server: Y.Doc; update: Uint8Array; kind: string } {
  const r = random(seed);
  const server = new Y.Doc({ gc: r.next() < 0.7 });
  const odd = r.next() < 0.05;
  const operate = odd ? operateOdd : operateCodebook;
  const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const snapshots: Uint8Array[] = [];
  for (let round = r.int(5); round > 0; round--) {
    for (const w of writers) {
      if (r.next() < 0.6) {
        w.transact(() => {
          for (let n = 1 + r.int(3); n > 0; n--) operate(r, w);
        });
      }
    }
    for (const w of writers) sync(w, server);
    snapshots.push(Y.encodeStateAsUpdate(server));
    for (const w of writers) if (r.next() < 0.7) sync(server, w);
  }
  const writer = new Y.Doc();
  const kind = r.pick(['fresh', 'fresh', 'fresh', 'stale', 'duplicate', 'missing', 'cut', 'twice']);
  const base = kind === 'stale' && snapshots.length > 1 ? snapshots[r.int(snapshots.length - 1)]! : Y.encodeStateAsUpdate(server);
  Y.applyUpdate(writer, base);
  const events: Uint8Array[] = [];
  writer.on('update', (u: Uint8Array) => events.push(u));
  const act = () =>
    writer.transact(() => {
      for (let n = 1 + r.int(3); n > 0; n--) operate(r, writer);
    });
  act();
  if (kind === 'missing' || kind === 'twice') act();
  const all = Y.mergeUpdates(events.length > 0 ? events : [new Uint8Array([0, 0])]);
  let update: Uint8Array;
  if (kind === 'missing' && events.length > 1) update = events[events.length - 1]!;
  else if (kind === 'duplicate') {
    Y.applyUpdate(server, all); // the server has it already, or part of it
    update = r.next() < 0.5 ? all : Y.encodeStateAsUpdate(writer);
  } else if (kind === 'cut') update = all.slice(0, Math.max(1, all.length - 1 - r.int(4)));
  else update = kind === 'twice' && r.next() < 0.5 ? Y.encodeStateAsUpdate(writer, Y.encodeStateVector(server)) : all;
  // The room's doc has its roots by kind, or not yet.
  if (r.next() < 0.5) void (odd ? server.getArray('themes') : themesMap(server));
  return { server, update, kind: odd ? `${kind}, sequence roots` : kind };
}

const WHO: CodebookGovernance[] = ROLES.flatMap((role) => CODEBOOK_PHASES.flatMap((codebookPhase) => (['shared', 'private'] as const).map((codebook) => ({ role, codebookPhase, codebook }))));

describe('the prediction of a codebook guard', () => {
  it('gives the trial verdict word for word whenever it decides, and leaves the document as the trial would', () => {
    const CASES = 4000;
    let decided = 0;
    const byKind = new Map<string, [number, number]>();
    for (let seed = 1; seed <= CASES; seed++) {
      const { server, update, kind } = scenario(seed);
      const kinds = [...server.share].map(([name, type]) => `${name}:${type.constructor.name}`).join();
      const edits = predictCodebookEdits(server, update);
      expect([...server.share].map(([name, type]) => `${name}:${type.constructor.name}`).join(), 'the prediction names no root by kind').toBe(kinds);
      const k = byKind.get(kind) ?? [0, 0];
      byKind.set(kind, [k[0] + (edits === null ? 0 : 1), k[1] + 1]);
      // The trial, as Room#review runs it: a copy of the document takes the update.
      const shadow = copyOf(server);
      let changed: Y.Transaction['changed'] = new Map();
      shadow.on('afterTransaction', (tr: Y.Transaction) => (changed = tr.changed));
      let threw = false;
      try {
        Y.applyUpdate(shadow, update);
      } catch {
        threw = true;
      }
      const pending = shadow.store.pendingStructs !== null || shadow.store.pendingDs !== null;
      if (threw || pending) {
        expect(edits, `seed ${seed} (${kind}): the trial ${threw ? 'threw' : 'left changes pending'}`).toBeNull();
        continue;
      }
      if (edits === null) continue;
      decided++;
      for (const who of WHO) {
        const guard = codebookGuard(who);
        expect(guard.predict!(server, update), `seed ${seed} (${kind}) ${JSON.stringify(who)}`).toEqual({ refusal: guard.review(server, shadow, changed) });
      }
      // The fast path: the update applied once to the document itself.
      Y.applyUpdate(server, update);
      expect(server.store.pendingStructs, `seed ${seed}`).toBeNull();
      expect(server.store.pendingDs, `seed ${seed}`).toBeNull();
      expect(Y.encodeStateAsUpdate(server), `seed ${seed}`).toEqual(Y.encodeStateAsUpdate(shadow));
    }
    const summary = [...byKind].map(([kind, [d, n]]) => `${kind} ${d}/${n}`).join(', ');
    console.info(`prediction decided ${decided}/${CASES} (${summary})`);
    // Most fresh updates are decided; if this falls, the fast path quietly became the trial.
    expect(byKind.get('fresh')![0] / byKind.get('fresh')![1]).toBeGreaterThan(0.5);
  });
});
