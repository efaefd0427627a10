import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addTheme,
  mergeTheme,
  moveTheme,
  readThemeTree,
  retireTheme,
  setLevels,
  themesMap,
  metaMap,
  type ThemeTree,
} from '../../../shared/themes';
import { makeDoc, syncAll } from './docs';

const by = 'coder-1';

/** Two synced replicas of one codebook, built by `setup` on the first. */
function replicas(setup: (doc: Y.Doc) => void): [Y.Doc, Y.Doc] {
  const a = makeDoc(1);
  const b = makeDoc(2);
  setup(a);
  syncAll([a, b]);
  return [a, b];
}

/** What a user sees: every theme's place, status and merge, plus the problems. */
function shape(tree: ThemeTree) {
  return {
    themes: tree.themes.map((t) => [t.id, t.parentId, t.depth, t.status, t.mergedInto, t.orphaned]),
    problems: tree.problems,
  };
}

function converged(a: Y.Doc, b: Y.Doc): ThemeTree {
  syncAll([a, b]);
  const tree = readThemeTree(a);
  expect(shape(readThemeTree(b))).toEqual(shape(tree));
  return tree;
}

describe('readThemeTree after concurrent edits', () => {
  it('breaks a cycle from two concurrent moves at the greatest id', () => {
    const [a, b] = replicas((doc) => {
      addTheme(doc, { id: 'x', label: 'X', createdBy: by });
      addTheme(doc, { id: 'y', label: 'Y', createdBy: by });
    });
    moveTheme(a, 'x', { parentId: 'y' });
    moveTheme(b, 'y', { parentId: 'x' });
    const tree = converged(a, b);
    expect(tree.byId.get('y')?.parentId).toBeNull();
    expect(tree.byId.get('x')?.parentId).toBe('y');
    expect(tree.problems.some((p) => p.includes('parent cycle'))).toBe(true);
  });

  it('keeps a child added under a concurrently retired parent, marked orphaned', () => {
    const [a, b] = replicas((doc) => addTheme(doc, { id: 'p', label: 'Parent', createdBy: by }));
    retireTheme(a, 'p');
    addTheme(b, { id: 'c', label: 'Child', parentId: 'p', createdBy: by });
    const tree = converged(a, b);
    expect(tree.byId.get('c')).toMatchObject({ parentId: 'p', orphaned: true, status: 'active' });
    expect(tree.byId.get('p')?.status).toBe('retired');
  });

  it('resolves two merges into each other to the smaller id, which stays active', () => {
    const [a, b] = replicas((doc) => {
      addTheme(doc, { id: 'alpha', label: 'Alpha', createdBy: by });
      addTheme(doc, { id: 'beta', label: 'Beta', createdBy: by });
    });
    mergeTheme(a, 'alpha', 'beta');
    mergeTheme(b, 'beta', 'alpha');
    const tree = converged(a, b);
    expect(tree.resolve('alpha')).toBe('alpha');
    expect(tree.resolve('beta')).toBe('alpha');
    expect(tree.byId.get('alpha')).toMatchObject({ status: 'active', mergedInto: null });
    expect(tree.byId.get('beta')).toMatchObject({ status: 'retired', mergedInto: 'alpha' });
  });

  it('lifts a theme pushed below the deepest level by concurrent edits', () => {
    const [a, b] = replicas((doc) => {
      setLevels(doc, ['Area', 'Theme', 'Sub-theme']);
      addTheme(doc, { id: 'area', label: 'Area', createdBy: by });
      addTheme(doc, { id: 'theme', label: 'Theme', parentId: 'area', createdBy: by });
      addTheme(doc, { id: 'loose', label: 'Loose', createdBy: by });
    });
    moveTheme(a, 'loose', { parentId: 'theme' });
    addTheme(b, { id: 'child', label: 'Child', parentId: 'loose', createdBy: by });
    const tree = converged(a, b);
    expect(tree.byId.get('loose')?.path).toEqual(['area', 'theme', 'loose']);
    expect(tree.byId.get('child')).toMatchObject({ parentId: 'theme', depth: 3, path: ['area', 'theme', 'child'] });
  });

  it('shows a child added to a concurrently merged theme under the merge target', () => {
    const [a, b] = replicas((doc) => {
      addTheme(doc, { id: 'src', label: 'Source', createdBy: by });
      addTheme(doc, { id: 'dst', label: 'Target', createdBy: by });
    });
    mergeTheme(a, 'src', 'dst');
    addTheme(b, { id: 'kid', label: 'Kid', parentId: 'src', createdBy: by });
    const tree = converged(a, b);
    expect(tree.byId.get('kid')?.parentId).toBe('dst');
  });

  it('breaks the cycle of a merge into a theme concurrently moved under the source', () => {
    const [a, b] = replicas((doc) => {
      addTheme(doc, { id: 'm', label: 'M', createdBy: by });
      addTheme(doc, { id: 'n', label: 'N', createdBy: by });
      addTheme(doc, { id: 'k', label: 'K', parentId: 'm', createdBy: by });
    });
    mergeTheme(a, 'm', 'n');
    moveTheme(b, 'n', { parentId: 'k' });
    const tree = converged(a, b);
    // n -> k -> (m, merged into n): the cycle {n, k} is cut at its greatest id, n.
    expect(tree.byId.get('n')?.parentId).toBeNull();
    expect(tree.byId.get('k')?.parentId).toBe('n');
    expect(tree.resolve('m')).toBe('n');
  });

  it('orders siblings inserted concurrently at one spot by id', () => {
    const [a, b] = replicas((doc) => addTheme(doc, { id: 'first', label: 'First', createdBy: by }));
    addTheme(a, { id: 'zed', label: 'Z', createdBy: by });
    addTheme(b, { id: 'abe', label: 'A', createdBy: by });
    const tree = converged(a, b);
    expect(tree.roots.map((t) => t.id)).toEqual(['first', 'abe', 'zed']);
    addTheme(a, { id: 'after-tie', label: 'After', afterId: 'abe', createdBy: by });
    expect(readThemeTree(a).roots.map((t) => t.id)).toEqual(['first', 'abe', 'zed', 'after-tie']);
  });
});

describe('readThemeTree on malformed documents', () => {
  function withGoodTheme(): Y.Doc {
    const doc = new Y.Doc();
    addTheme(doc, { id: 'good', label: 'Good', createdBy: by });
    return doc;
  }

  it('ignores and reports values that are not theme maps', () => {
    const doc = withGoodTheme();
    themesMap(doc).set('str', 'not a theme');
    themesMap(doc).set('bad id!', new Y.Map());
    const tree = readThemeTree(doc);
    expect(tree.themes.map((t) => t.id)).toEqual(['good']);
    expect(tree.problems).toHaveLength(2);
  });

  it('ignores a theme with a bad field and shows its children at the top level', () => {
    const doc = withGoodTheme();
    addTheme(doc, { id: 'kid', label: 'Kid', parentId: 'good', createdBy: by });
    (themesMap(doc).get('good') as Y.Map<unknown>).set('color', 42);
    const tree = readThemeTree(doc);
    expect(tree.byId.has('good')).toBe(false);
    expect(tree.byId.get('kid')?.parentId).toBeNull();
    expect(tree.problems.join('\n')).toMatch(/good ignored: color/);
  });

  it('rejects an active theme that claims a merge and a position without an order key', () => {
    const doc = withGoodTheme();
    addTheme(doc, { id: 'other', label: 'Other', createdBy: by });
    const entry = themesMap(doc).get('other') as Y.Map<unknown>;
    entry.set('lifecycle', { status: 'active', mergedInto: 'good' });
    expect(readThemeTree(doc).byId.get('other')?.mergedInto).toBeNull();
    entry.set('position', { parentId: null, order: 'a0' });
    expect(readThemeTree(doc).byId.has('other')).toBe(false);
  });

  it('ignores a merge into a theme that does not exist and a parent that does not exist', () => {
    const doc = withGoodTheme();
    const entry = themesMap(doc).get('good') as Y.Map<unknown>;
    entry.set('lifecycle', { status: 'retired', mergedInto: 'ghost' });
    entry.set('position', { parentId: 'ghost2', order: 'V' });
    const tree = readThemeTree(doc);
    expect(tree.byId.get('good')).toMatchObject({ status: 'retired', mergedInto: null, parentId: null });
    expect(tree.resolve('good')).toBe('good');
    expect(tree.problems).toHaveLength(2);
  });

  it('falls back to the default levels when the stored levels are malformed', () => {
    const doc = withGoodTheme();
    metaMap(doc).set('levels', { names: 'Area', maxDepth: -1 });
    const tree = readThemeTree(doc);
    expect(tree.levels.maxDepth).toBe(3);
    expect(tree.problems[0]).toMatch(/levels ignored/);
  });

  it('turns a self-parent and a self-merge written by a buggy client into a valid tree', () => {
    const doc = withGoodTheme();
    const entry = themesMap(doc).get('good') as Y.Map<unknown>;
    entry.set('position', { parentId: 'good', order: 'V' });
    entry.set('lifecycle', { status: 'retired', mergedInto: 'good' });
    const tree = readThemeTree(doc);
    expect(tree.byId.get('good')).toMatchObject({ parentId: null, status: 'active', mergedInto: null, depth: 1 });
    expect(tree.resolve('good')).toBe('good');
  });
});
