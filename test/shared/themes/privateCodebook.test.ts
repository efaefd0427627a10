import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTheme, moveTheme, readThemeTree } from '../../../shared/themes';

// A private codebook read on top of the shared one (docs/theme-model.md, "Private codebooks").
describe('private codebooks over the shared codebook', () => {
  const shared = new Y.Doc();
  const work = addTheme(shared, { id: 'work', label: 'Work', createdBy: 'lead' });
  const alice = new Y.Doc();
  const bob = new Y.Doc();
  const shame = addTheme(alice, { id: 'shame', label: 'Shame', createdBy: 'alice' }, shared);
  const handover = addTheme(alice, { id: 'handover', label: 'Handover', parentId: work, createdBy: 'alice' }, shared);
  addTheme(bob, { id: 'tired', label: 'Tired', parentId: work, createdBy: 'bob' }, shared);

  it('places private themes under shared ones and names their owner', () => {
    const tree = readThemeTree(shared, [{ ownerId: 'alice', doc: alice }, { ownerId: 'bob', doc: bob }]);
    expect(tree.themes.map((t) => [t.id, t.depth, t.owner])).toEqual([
      ['work', 1, null],
      ['handover', 2, 'alice'],
      ['tired', 2, 'bob'],
      ['shame', 1, 'alice'],
    ]);
    expect(tree.problems).toEqual([]);
    // Without the overlays the shared tree is unchanged: nothing private was written into it.
    expect(readThemeTree(shared).themes.map((t) => t.id)).toEqual(['work']);
  });

  it('ignores a private theme that reuses a taken id, so no private document can shadow a shared theme', () => {
    const mallory = new Y.Doc();
    addTheme(mallory, { id: 'work', label: 'Not work', createdBy: 'mallory' });
    const tree = readThemeTree(shared, [{ ownerId: 'mallory', doc: mallory }]);
    expect(tree.byId.get('work')).toMatchObject({ label: 'Work', owner: null });
    expect(tree.problems).toEqual(["theme work of mallory's private codebook ignored: the id is taken"]);
  });

  it('refuses what the combined tree does not allow, writing nothing', () => {
    const before = Y.encodeStateAsUpdate(alice);
    expect(() => addTheme(alice, { id: 'work', label: 'Work again', createdBy: 'alice' }, shared)).toThrow(expect.objectContaining({ code: 'theme_exists' }));
    expect(() => addTheme(alice, { label: 'Under bob', parentId: 'tired', createdBy: 'alice' }, shared)).toThrow(expect.objectContaining({ code: 'parent_not_found' }));
    // A shared theme cannot be moved from a private codebook.
    expect(() => moveTheme(alice, work, { parentId: shame }, shared)).toThrow(expect.objectContaining({ code: 'theme_not_found' }));
    expect(() => moveTheme(alice, shame, { parentId: handover }, shared)).not.toThrow();
    expect(() => moveTheme(alice, handover, { parentId: shame }, shared)).toThrow(expect.objectContaining({ code: 'cycle' }));
    expect(Y.encodeStateAsUpdate(alice).length).toBeGreaterThan(before.length); // only the valid move wrote
    expect(readThemeTree(shared, [{ ownerId: 'alice', doc: alice }]).byId.get('shame')?.path).toEqual(['work', 'handover', 'shame']);
  });
});
