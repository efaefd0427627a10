import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addTheme,
  finaliseTheme,
  mergeTheme,
  moveTheme,
  readThemeTree,
  renameTheme,
  retireTheme,
  setLevels,
  storedThemeSchema,
  ThemeModelError,
  themesMap,
  type ThemeTree,
} from '../../../shared/themes';
import { makeDoc, syncAll, syncInto } from './docs';

const by = 'coder';
const LEVEL_NAMES = ['Area', 'Superordinate theme', 'Theme', 'Sub-theme', 'Facet'];

/**
 * Steps pick their targets by index into the replica's current tree, so every generated sequence
 * is meaningful whatever happened before; `pick` values beyond the list mean "the top level".
 */
const replica = fc.nat({ max: 3 });
const pick = fc.nat({ max: 12 });
const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), doc: replica, parent: pick, after: pick }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('move' as const), doc: replica, theme: pick, parent: pick, after: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retire' as const), doc: replica, theme: pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('merge' as const), doc: replica, theme: pick, target: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('finalise' as const), doc: replica, theme: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), doc: replica, theme: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('levels' as const), doc: replica, maxDepth: fc.integer({ min: 2, max: 5 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), from: replica, to: replica }) },
  // A buggy client writing raw values: malformed, or well-formed but bypassing every check.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), doc: replica, theme: pick, target: pick, variant: fc.nat({ max: 3 }) }) },
  // Mirrored edits on two replicas, the recipe for cycles: x under y here, y under x there.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('crossMove' as const), doc: replica, other: replica, theme: pick, target: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('crossMerge' as const), doc: replica, other: replica, theme: pick, target: pick }) },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

const scenario = fc.record({
  replicas: fc.integer({ min: 3, max: 4 }),
  maxDepth: fc.integer({ min: 2, max: 4 }),
  seedThemes: fc.integer({ min: 2, max: 7 }),
  steps: fc.array(step, { minLength: 1, maxLength: 40 }),
  finalSyncOrder: fc.array(fc.tuple(replica, replica), { maxLength: 16 }),
});

function at<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

/** Applies one step; operations the replica's own state refuses are part of the game. */
function apply(docs: Y.Doc[], s: Step, counter: { next: number }): void {
  if (s.kind === 'sync') {
    const from = docs[s.from % docs.length];
    const to = docs[s.to % docs.length];
    if (from && to && from !== to) syncInto(from, to);
    return;
  }
  if (s.kind === 'crossMove' || s.kind === 'crossMerge') {
    const one = docs[s.doc % docs.length];
    const other = docs[s.other % docs.length];
    if (!one || !other) return;
    const themes = readThemeTree(one).themes;
    const x = at(themes, s.theme)?.id ?? 'none';
    const y = at(themes, s.target)?.id ?? 'none';
    const edit = s.kind === 'crossMove' ? (d: Y.Doc, a: string, b: string) => moveTheme(d, a, { parentId: b }) : mergeTheme;
    for (const [d, a, b] of [[one, x, y], [other, y, x]] as const) {
      try {
        edit(d, a, b);
      } catch (error) {
        if (!(error instanceof ThemeModelError)) throw error;
      }
    }
    return;
  }
  const doc = docs[s.doc % docs.length];
  if (!doc) return;
  const tree = readThemeTree(doc);
  const themeOf = (i: number) => at(tree.themes, i)?.id ?? 'none';
  const parentOf = (i: number) => (i < tree.themes.length ? themeOf(i) : null);
  try {
    switch (s.kind) {
      case 'add': {
        const parentId = parentOf(s.parent);
        const siblings = tree.childrenOf(parentId);
        const afterId = s.after < siblings.length ? siblings[s.after]?.id : undefined;
        addTheme(doc, { id: `t${counter.next++}-${s.doc}`, label: 'New', parentId, afterId, createdBy: by, createdAt: counter.next });
        break;
      }
      case 'move': {
        const parentId = parentOf(s.parent);
        const siblings = tree.childrenOf(parentId);
        const afterId = s.after < siblings.length ? siblings[s.after]?.id : s.after % 2 === 0 ? null : undefined;
        moveTheme(doc, themeOf(s.theme), { parentId, afterId });
        break;
      }
      case 'retire':
        retireTheme(doc, themeOf(s.theme));
        break;
      case 'merge':
        mergeTheme(doc, themeOf(s.theme), themeOf(s.target));
        break;
      case 'finalise':
        finaliseTheme(doc, themeOf(s.theme));
        break;
      case 'rename':
        renameTheme(doc, themeOf(s.theme), `Renamed on ${s.doc}`);
        break;
      case 'raw': {
        const entry = themesMap(doc).get(themeOf(s.theme));
        if (!(entry instanceof Y.Map)) break;
        const target = themeOf(s.target);
        if (s.variant === 0) entry.set('color', 42);
        if (s.variant === 1) entry.set('position', { parentId: target, order: 'V' });
        if (s.variant === 2) entry.set('lifecycle', { status: 'retired', mergedInto: target });
        if (s.variant === 3) entry.set('position', { parentId: 'ghost', order: 'V' });
        break;
      }
      case 'levels':
        setLevels(doc, LEVEL_NAMES.slice(0, s.maxDepth));
        break;
    }
  } catch (error) {
    if (!(error instanceof ThemeModelError)) throw error;
  }
}

/** Everything a reader derives, as plain data, so replicas can be compared with toEqual. */
function snapshot(tree: ThemeTree) {
  return {
    levels: tree.levels,
    themes: tree.themes,
    roots: tree.roots.map((t) => t.id),
    children: tree.themes.map((t) => tree.childrenOf(t.id).map((c) => c.id)),
    resolved: tree.themes.map((t) => tree.resolve(t.id)),
    problems: tree.problems,
  };
}

function expectValidTree(doc: Y.Doc, tree: ThemeTree): void {
  const ids = tree.themes.map((t) => t.id);
  expect(new Set(ids).size).toBe(ids.length);
  const storedValid = [...themesMap(doc).values()].filter(
    (v) => v instanceof Y.Map && storedThemeSchema.safeParse(v.toJSON()).success,
  );
  expect(ids.length).toBe(storedValid.length);

  for (const theme of tree.themes) {
    expect(theme.depth).toBeGreaterThanOrEqual(1);
    expect(theme.depth).toBeLessThanOrEqual(tree.levels.maxDepth);
    expect(theme.path.length).toBe(theme.depth);
    expect(theme.path.at(-1)).toBe(theme.id);
    if (theme.parentId === null) {
      expect(theme.depth).toBe(1);
      expect(tree.roots).toContain(theme);
    } else {
      const parent = tree.byId.get(theme.parentId);
      expect(parent).toBeDefined();
      // Acyclic: a theme's path is its parent's path plus itself, and paths are finite.
      expect(theme.path).toEqual([...(parent?.path ?? []), theme.id]);
      expect(tree.childrenOf(theme.parentId)).toContain(theme);
      // Nobody sits under a merged theme: sub-themes follow the merge.
      expect(parent?.mergedInto).toBeNull();
      expect(theme.orphaned).toBe(theme.status !== 'retired' && parent?.status === 'retired');
    }

    // Merge chains end, at a theme that is not merged, and resolve() lands there.
    let end = theme;
    for (let hops = 0; end.mergedInto !== null; hops++) {
      expect(hops).toBeLessThan(ids.length);
      const next = tree.byId.get(end.mergedInto);
      expect(next).toBeDefined();
      if (!next) break;
      end = next;
    }
    expect(tree.resolve(theme.id)).toBe(end.id);
    if (theme.mergedInto !== null) expect(theme.status).toBe('retired');
  }
}

describe('theme tree convergence', () => {
  it('gives every replica the same valid tree after random concurrent edits and syncs', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const docs = Array.from({ length: sc.replicas }, (_, i) => makeDoc(i + 1));
        const origin = docs[0]!;
        setLevels(origin, LEVEL_NAMES.slice(0, sc.maxDepth));
        for (let i = 0; i < sc.seedThemes; i++) {
          const parentId = i === 0 ? null : (at(readThemeTree(origin).themes, i * 7)?.id ?? null);
          try {
            addTheme(origin, { id: `s${i}`, label: `Seed ${i}`, parentId, createdBy: by, createdAt: i });
          } catch {
            addTheme(origin, { id: `s${i}`, label: `Seed ${i}`, createdBy: by, createdAt: i });
          }
        }
        syncAll(docs);

        const counter = { next: 0 };
        for (const s of sc.steps) apply(docs, s, counter);
        for (const [from, to] of sc.finalSyncOrder) {
          const a = docs[from % docs.length];
          const b = docs[to % docs.length];
          if (a && b && a !== b) syncInto(a, b);
        }
        syncAll(docs);

        const trees = docs.map((d) => readThemeTree(d));
        const first = snapshot(trees[0]!);
        for (const tree of trees.slice(1)) expect(snapshot(tree)).toEqual(first);
        expectValidTree(origin, trees[0]!);
      }),
      { numRuns: 400 },
    );
  });

  it('converges when replicas write conflicting structure without ever seeing each other', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 30 }), fc.integer({ min: 2, max: 3 }), (steps, maxDepth) => {
        const docs = [makeDoc(11), makeDoc(12), makeDoc(13)];
        setLevels(docs[0]!, LEVEL_NAMES.slice(0, maxDepth));
        for (let i = 0; i < 6; i++) addTheme(docs[0]!, { id: `s${i}`, label: `Seed ${i}`, createdBy: by, createdAt: i });
        syncAll(docs);
        const counter = { next: 0 };
        // No syncs until the end: maximal concurrency.
        for (const s of steps) if (s.kind !== 'sync') apply(docs, s, counter);
        syncAll(docs);
        const trees = docs.map((d) => readThemeTree(d));
        for (const tree of trees.slice(1)) expect(snapshot(tree)).toEqual(snapshot(trees[0]!));
        expectValidTree(docs[0]!, trees[0]!);
      }),
      { numRuns: 300 },
    );
  });
});
