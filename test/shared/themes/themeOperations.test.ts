import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addTheme,
  describeTheme,
  finaliseTheme,
  mergeTheme,
  moveTheme,
  readThemeTree,
  recolourTheme,
  renameTheme,
  retireTheme,
  setLevels,
  ThemeModelError,
  type ThemeModelErrorCode,
} from '../../../shared/themes';

const by = 'lead-1';
const LEVELS = ['Area', 'Superordinate theme', 'Theme', 'Sub-theme'];

/** Area > Superordinate theme > Theme, plus a second area. */
function codebook(): Y.Doc {
  const doc = new Y.Doc();
  setLevels(doc, LEVELS);
  addTheme(doc, { id: 'area', label: 'Being with the client', createdBy: by, createdAt: 1 });
  addTheme(doc, { id: 'sup', label: 'Feeling the rupture', parentId: 'area', createdBy: by, createdAt: 2 });
  addTheme(doc, { id: 'theme', label: 'Self-doubt', parentId: 'sup', createdBy: by, createdAt: 3 });
  addTheme(doc, { id: 'area2', label: 'Training and supervision', createdBy: by, createdAt: 4 });
  return doc;
}

function expectCode(action: () => void, code: ThemeModelErrorCode): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ThemeModelError);
  expect((caught as ThemeModelError).code).toBe(code);
}

const ids = (doc: Y.Doc, parentId: string | null) => readThemeTree(doc).childrenOf(parentId).map((t) => t.id);

describe('addTheme', () => {
  it('adds a theme with derived depth, level name and path', () => {
    const theme = readThemeTree(codebook()).byId.get('theme');
    expect(theme).toMatchObject({
      label: 'Self-doubt',
      status: 'active',
      depth: 3,
      level: 2,
      levelName: 'Theme',
      path: ['area', 'sup', 'theme'],
      parentId: 'sup',
      createdBy: by,
      createdAt: 3,
      orphaned: false,
    });
    expect(theme?.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('appends by default, places first with afterId null and after a given sibling', () => {
    const doc = codebook();
    addTheme(doc, { id: 'first', label: 'First', afterId: null, createdBy: by });
    addTheme(doc, { id: 'middle', label: 'Middle', afterId: 'area', createdBy: by });
    expect(ids(doc, null)).toEqual(['first', 'area', 'middle', 'area2']);
  });

  it('generates an id when none is given', () => {
    const doc = codebook();
    const id = addTheme(doc, { label: 'Generated', createdBy: by });
    expect(readThemeTree(doc).byId.get(id)?.label).toBe('Generated');
  });

  it('refuses an existing id', () => {
    expectCode(() => addTheme(codebook(), { id: 'sup', label: 'Again', createdBy: by }), 'theme_exists');
  });

  it('refuses a missing parent', () => {
    expectCode(() => addTheme(codebook(), { label: 'x', parentId: 'nope', createdBy: by }), 'parent_not_found');
  });

  it('refuses a retired parent', () => {
    const doc = codebook();
    retireTheme(doc, 'area2');
    expectCode(() => addTheme(doc, { label: 'x', parentId: 'area2', createdBy: by }), 'parent_retired');
  });

  it('refuses a theme below the deepest level', () => {
    const doc = codebook();
    addTheme(doc, { id: 'sub', label: 'Sub', parentId: 'theme', createdBy: by });
    expectCode(() => addTheme(doc, { label: 'Too deep', parentId: 'sub', createdBy: by }), 'depth_exceeded');
  });

  it('refuses an empty or multi-line label, a bad colour and an unknown sibling', () => {
    expectCode(() => addTheme(codebook(), { label: '   ', createdBy: by }), 'invalid_input');
    expectCode(() => addTheme(codebook(), { label: 'a\nb', createdBy: by }), 'invalid_input');
    expectCode(() => addTheme(codebook(), { label: 'a', color: 'red', createdBy: by }), 'invalid_input');
    expectCode(() => addTheme(codebook(), { label: 'a', afterId: 'theme', createdBy: by }), 'sibling_not_found');
  });
});

describe('attribute edits', () => {
  it('renames, describes and recolours, trimming the label', () => {
    const doc = codebook();
    renameTheme(doc, 'theme', '  Doubting oneself ');
    describeTheme(doc, 'theme', 'Therapists question their competence after a rupture.');
    recolourTheme(doc, 'theme', '#112233');
    expect(readThemeTree(doc).byId.get('theme')).toMatchObject({
      label: 'Doubting oneself',
      description: 'Therapists question their competence after a rupture.',
      color: '#112233',
    });
  });

  it('refuses unknown themes and invalid values', () => {
    expectCode(() => renameTheme(codebook(), 'nope', 'x'), 'theme_not_found');
    expectCode(() => renameTheme(codebook(), 'theme', ''), 'invalid_input');
    expectCode(() => recolourTheme(codebook(), 'theme', '#12345'), 'invalid_input');
    expectCode(() => describeTheme(codebook(), 'theme', 'x'.repeat(5001)), 'invalid_input');
  });
});

describe('moveTheme', () => {
  it('re-parents a theme with its subtree and recomputes levels', () => {
    const doc = codebook();
    moveTheme(doc, 'sup', { parentId: 'area2' });
    const tree = readThemeTree(doc);
    expect(tree.byId.get('theme')?.path).toEqual(['area2', 'sup', 'theme']);
    expect(ids(doc, 'area')).toEqual([]);
  });

  it('reorders among siblings', () => {
    const doc = codebook();
    moveTheme(doc, 'area2', { parentId: null, afterId: null });
    expect(ids(doc, null)).toEqual(['area2', 'area']);
    moveTheme(doc, 'area2', { parentId: null, afterId: 'area' });
    expect(ids(doc, null)).toEqual(['area', 'area2']);
  });

  it('rejects a move that would create a cycle', () => {
    expectCode(() => moveTheme(codebook(), 'area', { parentId: 'theme' }), 'cycle');
    expectCode(() => moveTheme(codebook(), 'area', { parentId: 'area' }), 'cycle');
  });

  it('rejects a move that would push the subtree below the deepest level', () => {
    const doc = codebook();
    addTheme(doc, { id: 'leaf', label: 'Leaf', parentId: 'area2', createdBy: by });
    addTheme(doc, { id: 'leaf2', label: 'Leaf 2', parentId: 'leaf', createdBy: by });
    moveTheme(doc, 'sup', { parentId: 'leaf' });
    expectCode(() => moveTheme(doc, 'sup', { parentId: 'leaf2' }), 'depth_exceeded');
  });

  it('refuses missing or retired themes and parents', () => {
    const doc = codebook();
    retireTheme(doc, 'area2');
    expectCode(() => moveTheme(doc, 'nope', { parentId: null }), 'theme_not_found');
    expectCode(() => moveTheme(doc, 'area2', { parentId: null }), 'theme_retired');
    expectCode(() => moveTheme(doc, 'theme', { parentId: 'area2' }), 'parent_retired');
    expectCode(() => moveTheme(doc, 'theme', { parentId: 'ghost' }), 'parent_not_found');
    expectCode(() => moveTheme(doc, 'theme', { parentId: 'area', afterId: 'area2' }), 'sibling_not_found');
  });
});

describe('retireTheme and finaliseTheme', () => {
  it('retires a leaf and keeps it in the codebook', () => {
    const doc = codebook();
    retireTheme(doc, 'theme');
    expect(readThemeTree(doc).byId.get('theme')?.status).toBe('retired');
  });

  it('refuses to retire a theme with live sub-themes, or twice', () => {
    const doc = codebook();
    expectCode(() => retireTheme(doc, 'sup'), 'has_active_children');
    retireTheme(doc, 'theme');
    expectCode(() => retireTheme(doc, 'theme'), 'theme_retired');
    expectCode(() => retireTheme(doc, 'nope'), 'theme_not_found');
  });

  it('finalises once, and not a retired theme', () => {
    const doc = codebook();
    finaliseTheme(doc, 'theme');
    expect(readThemeTree(doc).byId.get('theme')?.status).toBe('final');
    expectCode(() => finaliseTheme(doc, 'theme'), 'theme_final');
    retireTheme(doc, 'area2');
    expectCode(() => finaliseTheme(doc, 'area2'), 'theme_retired');
  });

  it('lets a final theme be retired', () => {
    const doc = codebook();
    finaliseTheme(doc, 'area2');
    retireTheme(doc, 'area2');
    expect(readThemeTree(doc).byId.get('area2')?.status).toBe('retired');
  });
});

describe('mergeTheme', () => {
  it('retires the source, records the target and resolves codings of the source to it', () => {
    const doc = codebook();
    addTheme(doc, { id: 'other', label: 'Other', parentId: 'area2', createdBy: by });
    mergeTheme(doc, 'theme', 'other');
    const tree = readThemeTree(doc);
    expect(tree.byId.get('theme')).toMatchObject({ status: 'retired', mergedInto: 'other' });
    expect(tree.resolve('theme')).toBe('other');
    expect(tree.resolve('other')).toBe('other');
    expect(tree.resolve('unknown')).toBe('unknown');
  });

  it('shows the sub-themes of the source under the target', () => {
    const doc = codebook();
    mergeTheme(doc, 'sup', 'area2');
    const tree = readThemeTree(doc);
    expect(tree.byId.get('theme')?.path).toEqual(['area2', 'theme']);
    expect(tree.childrenOf('sup')).toEqual([]);
  });

  it('follows merge chains', () => {
    const doc = codebook();
    addTheme(doc, { id: 'c', label: 'C', createdBy: by });
    mergeTheme(doc, 'area2', 'area');
    mergeTheme(doc, 'area', 'c');
    expect(readThemeTree(doc).resolve('area2')).toBe('c');
  });

  it('refuses merging into itself, a descendant, a missing or retired target', () => {
    const doc = codebook();
    expectCode(() => mergeTheme(doc, 'sup', 'sup'), 'merge_into_self');
    expectCode(() => mergeTheme(doc, 'area', 'theme'), 'merge_into_descendant');
    expectCode(() => mergeTheme(doc, 'area', 'nope'), 'target_not_found');
    expectCode(() => mergeTheme(doc, 'nope', 'area'), 'theme_not_found');
    retireTheme(doc, 'area2');
    expectCode(() => mergeTheme(doc, 'theme', 'area2'), 'target_retired');
    expectCode(() => mergeTheme(doc, 'area2', 'area'), 'theme_retired');
  });

  it('refuses a merge whose sub-themes would end below the deepest level', () => {
    const doc = codebook();
    addTheme(doc, { id: 'deep', label: 'Deep', parentId: 'theme', createdBy: by });
    addTheme(doc, { id: 'x', label: 'X', parentId: 'area2', createdBy: by });
    addTheme(doc, { id: 'y', label: 'Y', parentId: 'x', createdBy: by });
    // sup's subtree spans 3 levels; its children would sit at depth 4 + 1 under y.
    expectCode(() => mergeTheme(doc, 'sup', 'y'), 'depth_exceeded');
  });
});

describe('setLevels', () => {
  it('names levels and defaults the depth to one level per name', () => {
    const doc = codebook();
    setLevels(doc, ['Master theme', 'Superordinate theme', 'Emergent theme']);
    const tree = readThemeTree(doc);
    expect(tree.levels).toEqual({ names: ['Master theme', 'Superordinate theme', 'Emergent theme'], maxDepth: 3 });
    expect(tree.byId.get('theme')?.levelName).toBe('Emergent theme');
  });

  it('names unnamed deeper levels by number', () => {
    const doc = codebook();
    setLevels(doc, ['Area'], 3);
    expect(readThemeTree(doc).byId.get('theme')?.levelName).toBe('Level 3');
  });

  it('refuses a depth below the current tree and invalid levels', () => {
    expectCode(() => setLevels(codebook(), ['Area', 'Theme']), 'depth_exceeded');
    expectCode(() => setLevels(codebook(), []), 'invalid_input');
    expectCode(() => setLevels(codebook(), ['A', ''], 4), 'invalid_input');
    expectCode(() => setLevels(codebook(), ['A'], 0), 'invalid_input');
    expectCode(() => setLevels(codebook(), ['A'], 11), 'invalid_input');
  });

  it('uses the IPA 2022 levels in a new codebook', () => {
    expect(readThemeTree(new Y.Doc()).levels.maxDepth).toBe(3);
  });
});

describe('refused operations', () => {
  it('leave the document unchanged', () => {
    const doc = codebook();
    const before = Y.encodeStateVector(doc);
    expectCode(() => moveTheme(doc, 'area', { parentId: 'theme' }), 'cycle');
    expectCode(() => mergeTheme(doc, 'area', 'theme'), 'merge_into_descendant');
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});
