import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCluster, addGroupTheme, boardTerms, moveCard, placePet, readCaseBoard, readGroupBoard, reorderTheme } from '../../../shared/boards';
import { addStatement, readLayer } from '../../../shared/coding';
import { addTheme, DEFAULT_LEVELS, levelNameOf, mergeTheme, readThemeTree, setLevels, ThemeModelError } from '../../../shared/themes';
import { tableOfThemes } from '../../../shared/reconcile';

const TEXT = 'x'.repeat(400);
const alice = 'alice';

/** A shared codebook, alice's private codebook on top, and her layer for case T1. */
function study() {
  const shared = new Y.Doc();
  const mine = new Y.Doc();
  const layer = new Y.Doc();
  const tree = () => readThemeTree(shared, [{ ownerId: alice, doc: mine }]);
  const statements = () => readLayer(layer, TEXT.length).statements;
  return { shared, mine, layer, tree, statements };
}

describe('board terms follow the study terminology', () => {
  it('IPA 2022 and 2009 put the PETs on the second level, right under the GETs', () => {
    expect(boardTerms(DEFAULT_LEVELS)).toMatchObject({ petDepth: 2, get: 'Group experiential theme', pet: 'Personal experiential theme', getSub: null, petSub: 'Experiential statement' });
    expect(boardTerms({ names: ['Master theme', 'Superordinate theme', 'Emergent theme'], maxDepth: 3 })).toMatchObject({ petDepth: 2, get: 'Master theme', pet: 'Superordinate theme' });
  });
  it('a terminology with GET sub-themes places the PETs on the level named personal', () => {
    const t = boardTerms({ names: ['Group experiential theme', 'Sub-theme', 'Personal experiential theme', 'Sub-theme'], maxDepth: 4 });
    expect(t).toMatchObject({ petDepth: 3, getSub: 'Sub-theme', pet: 'Personal experiential theme', petSub: 'Sub-theme' });
  });
  it('the seed study\'s four levels: key areas group the superordinate themes', () => {
    expect(boardTerms({ names: ['Key area', 'Superordinate theme', 'Theme', 'Sub-theme'], maxDepth: 4 })).toMatchObject({ get: 'Key area', pet: 'Superordinate theme', petSub: 'Theme' });
  });
});

describe('a participant board', () => {
  it('clusters the coder\'s statements into PETs of that case only, one card in several PETs', () => {
    const s = study();
    const st = [0, 100, 200].map((start, i) => addStatement(s.layer, TEXT.length, { text: `s${i}`, start, end: start + 10 }));
    const pet = addCluster(s.mine, s.tree(), { label: 'Watching for rejection', caseId: 'T1', createdBy: alice }, s.shared);
    const other = addCluster(s.mine, s.tree(), { label: 'Body first', caseId: 'T1', createdBy: alice }, s.shared);
    addCluster(s.mine, s.tree(), { label: 'Another case', caseId: 'T2', createdBy: alice }, s.shared);
    moveCard(s.layer, TEXT.length, st[0]!, { to: pet });
    const now = (id: string) => s.statements().find((x) => x.id === id)!;
    moveCard(s.layer, TEXT.length, now(st[0]!.id), { to: other });
    moveCard(s.layer, TEXT.length, st[2]!, { to: other });
    const board = readCaseBoard(s.tree(), s.statements(), 'T1', alice);
    expect(board.clusters.map((c) => [c.theme.label, c.cards])).toEqual([
      ['Watching for rejection', [st[0]!.id]],
      ['Body first', [st[0]!.id, st[2]!.id]],
    ]);
    expect(board.unclustered).toEqual([st[1]!.id]);
    // Moving from one cluster to another leaves the card's other links alone.
    moveCard(s.layer, TEXT.length, s.statements()[0]!, { from: pet, to: null });
    expect(readCaseBoard(s.tree(), s.statements(), 'T1', alice).clusters.map((c) => c.cards.length)).toEqual([0, 2]);
  });

  it('a PET\'s sub-theme is a cluster of its own inside the PET; a sub-theme of another case is refused', () => {
    const s = study();
    const pet = addCluster(s.mine, s.tree(), { label: 'PET', caseId: 'T1', createdBy: alice }, s.shared);
    const sub = addCluster(s.mine, s.tree(), { label: 'Sub', caseId: 'T1', parentId: pet, createdBy: alice }, s.shared);
    const board = readCaseBoard(s.tree(), [], 'T1', alice);
    expect(board.clusters).toHaveLength(1);
    expect(board.clusters[0]!.subs.map((c) => c.theme.id)).toEqual([sub]);
    expect(() => addCluster(s.mine, s.tree(), { label: 'x', caseId: 'T2', parentId: pet, createdBy: alice }, s.shared)).toThrow(ThemeModelError);
    // The PET is a theme of the tree at the level of its depth: one model with top-down coding.
    expect(s.tree().byId.get(sub)!.path).toEqual([pet, sub]);
  });

  it('a merged PET counts its cards for the PET it was merged into', () => {
    const s = study();
    const st = addStatement(s.layer, TEXT.length, { text: 's', start: 0, end: 5 });
    const a = addCluster(s.mine, s.tree(), { label: 'A', caseId: 'T1', createdBy: alice }, s.shared);
    const b = addCluster(s.mine, s.tree(), { label: 'B', caseId: 'T1', createdBy: alice }, s.shared);
    moveCard(s.layer, TEXT.length, st, { to: a });
    mergeTheme(s.mine, a, b);
    const board = readCaseBoard(s.tree(), s.statements(), 'T1', alice);
    expect(board.clusters.map((c) => [c.theme.id, c.cards])).toEqual([[b, [st.id]]]);
  });

  it('reorders PETs with the arrows, one place at a time, and stops at the ends', () => {
    const s = study();
    const ids = ['A', 'B', 'C'].map((label) => addCluster(s.mine, s.tree(), { label, caseId: 'T1', createdBy: alice }, s.shared));
    const order = () => readCaseBoard(s.tree(), [], 'T1', alice).clusters.map((c) => c.theme.label);
    expect(reorderTheme(s.mine, s.tree(), ids[2]!, -1, s.shared)).toBe(true);
    expect(order()).toEqual(['A', 'C', 'B']);
    expect(reorderTheme(s.mine, s.tree(), ids[2]!, -1, s.shared)).toBe(true);
    expect(order()).toEqual(['C', 'A', 'B']);
    expect(reorderTheme(s.mine, s.tree(), ids[2]!, -1, s.shared)).toBe(false);
    expect(reorderTheme(s.mine, s.tree(), ids[0]!, 1, s.shared)).toBe(true);
    expect(order()).toEqual(['C', 'B', 'A']);
  });
});

describe('the group board', () => {
  it('clusters the PETs of every case into GETs and says which participants contribute', () => {
    const s = study();
    setLevels(s.shared, ['Group experiential theme', 'Sub-theme', 'Personal experiential theme', 'Sub-theme']);
    const p1 = addCluster(s.mine, s.tree(), { label: 'P1 vigilance', caseId: 'T1', createdBy: alice }, s.shared);
    const p2 = addCluster(s.mine, s.tree(), { label: 'P2 vigilance', caseId: 'T2', createdBy: alice }, s.shared);
    const p3 = addCluster(s.mine, s.tree(), { label: 'P3 body', caseId: 'T3', createdBy: alice }, s.shared);
    const get = addGroupTheme(s.mine, s.tree(), { label: 'Watching the other', createdBy: alice }, s.shared);
    const sub = addGroupTheme(s.mine, s.tree(), { label: 'Vigilance', parentId: get, createdBy: alice }, s.shared);
    placePet(s.mine, s.tree(), p1, sub, s.shared);
    placePet(s.mine, s.tree(), p2, sub, s.shared);
    const names: Record<string, string> = { T1: 'P01', T2: 'P02', T3: 'P03' };
    const board = readGroupBoard(s.tree(), alice, (c) => names[c]);
    expect(board.gets.map((g) => [g.theme.label, g.participants, g.subs.map((x) => [x.theme.label, x.pets.map((p) => p.participant)])])).toEqual([
      ['Watching the other', ['P01', 'P02'], [['Vigilance', ['P01', 'P02']]]],
    ]);
    expect(board.unplaced.map((p) => p.theme.id)).toEqual([p3]);
    expect(board.cases).toBe(3);
    // Placed PETs sit at the study's PET level.
    expect(s.tree().byId.get(p1)!.levelName).toBe('Personal experiential theme');
    // A PET out of its GET goes back to the unplaced cards; a PET is not a group theme.
    placePet(s.mine, s.tree(), p1, null, s.shared);
    expect(readGroupBoard(s.tree(), alice, (c) => names[c]).gets[0]!.participants).toEqual(['P02']);
    expect(() => placePet(s.mine, s.tree(), p3, p2, s.shared)).toThrow(ThemeModelError);
    expect(() => placePet(s.mine, s.tree(), get, null, s.shared)).toThrow(ThemeModelError);
  });

  it('names a GET\'s sub-theme by its depth in the study\'s levels, as the table of themes does (one source of truth)', () => {
    const s = study();
    // The default levels (IPA 2022): depth 2 is "Personal experiential theme", not a generic "Sub-theme".
    const get = addGroupTheme(s.mine, s.tree(), { label: 'Watching the other', createdBy: alice }, s.shared);
    const sub = addGroupTheme(s.mine, s.tree(), { label: 'Vigilance', parentId: get, createdBy: alice }, s.shared);
    const board = readGroupBoard(s.tree(), alice, () => 'P01');
    const shown = board.gets.flatMap((g) => [g.theme, ...g.subs.map((x) => x.theme)]).map((t) => [t.label, t.levelName]);
    expect(shown).toEqual([['Watching the other', 'Group experiential theme'], ['Vigilance', 'Personal experiential theme']]);
    const table = tableOfThemes({ tree: s.tree(), participants: [], transcripts: [], rule: null });
    expect(table.rows.filter((r) => r.themeId === get || r.themeId === sub).map((r) => [r.label, r.levelName])).toEqual(shown);
    // The board terms name each depth with the same function.
    expect(boardTerms(s.tree().levels)).toMatchObject({ get: levelNameOf(s.tree().levels, 1), pet: levelNameOf(s.tree().levels, 2) });
  });

  it('keeps scopes apart: another coder\'s PETs are not on this coder\'s board', () => {
    const shared = new Y.Doc();
    const a = new Y.Doc();
    const b = new Y.Doc();
    addTheme(a, { label: 'Alice PET', caseId: 'T1', createdBy: 'alice' }, shared);
    addTheme(b, { label: 'Bob PET', caseId: 'T1', createdBy: 'bob' }, shared);
    const tree = readThemeTree(shared, [{ ownerId: 'alice', doc: a }, { ownerId: 'bob', doc: b }]);
    expect(readGroupBoard(tree, 'alice', () => undefined).unplaced.map((p) => p.theme.label)).toEqual(['Alice PET']);
    expect(readCaseBoard(tree, [], 'T1', 'bob').clusters.map((c) => c.theme.label)).toEqual(['Bob PET']);
  });

  it('a PET too deep for the study\'s levels is refused and nothing is written', () => {
    const s = study();
    const pet = addCluster(s.mine, s.tree(), { label: 'PET', caseId: 'T1', createdBy: alice }, s.shared);
    addCluster(s.mine, s.tree(), { label: 'Sub', caseId: 'T1', parentId: pet, createdBy: alice }, s.shared);
    const get = addGroupTheme(s.mine, s.tree(), { label: 'GET', createdBy: alice }, s.shared);
    const sub = addGroupTheme(s.mine, s.tree(), { label: 'GET sub', parentId: get, createdBy: alice }, s.shared);
    const before = Y.encodeStateAsUpdate(s.mine);
    expect(() => placePet(s.mine, s.tree(), pet, sub, s.shared)).toThrow(/depth/);
    expect(Y.encodeStateAsUpdate(s.mine)).toEqual(before);
  });
});
