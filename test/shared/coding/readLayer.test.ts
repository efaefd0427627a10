import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCoding, addNote, addStatement, LAYER_MAPS, readLayer, removeCoding, updateCoding } from '../../../shared/coding';

const LENGTH = 200;

function layerWithOneOfEach(): Y.Doc {
  const doc = new Y.Doc();
  addCoding(doc, LENGTH, { id: 'good', themeId: 't', start: 10, end: 20, createdAt: 1 });
  addNote(doc, LENGTH, { id: 'note', kind: 'descriptive', text: 'n', start: 0, end: 5, createdAt: 1 });
  addStatement(doc, LENGTH, { id: 'st', text: 's', start: 0, end: 5, createdAt: 1 });
  return doc;
}

describe('readLayer', () => {
  it('skips and reports values a buggy client wrote straight into the maps', () => {
    const doc = layerWithOneOfEach();
    const codings = doc.getMap(LAYER_MAPS.codings);
    codings.set('str', 'not a coding');
    codings.set('nulls', null);
    codings.set('noTheme', { id: 'noTheme', start: 1, end: 2, createdAt: 1 });
    codings.set('badNums', { id: 'badNums', themeId: 't', start: '1', end: 2, createdAt: 1 });
    codings.set('nested', new Y.Map());
    doc.getMap(LAYER_MAPS.notes).set('kind', { id: 'kind', kind: 'poetic', text: 'x', start: 0, end: 1, createdAt: 1 });
    doc.getMap(LAYER_MAPS.statements).set('links', { id: 'links', text: 'x', start: 0, end: 1, themeIds: 'a', createdAt: 1 });

    const layer = readLayer(doc, LENGTH);
    expect(layer.codings.map((c) => c.id)).toEqual(['good']);
    expect(layer.notes.map((n) => n.id)).toEqual(['note']);
    expect(layer.statements.map((s) => s.id)).toEqual(['st']);
    expect(layer.problems).toHaveLength(7);
    expect(layer.problems.join('\n')).toMatch(/coding "noTheme" ignored: themeId/);
  });

  it('skips stored spans that are empty, reversed or beyond this text', () => {
    const doc = layerWithOneOfEach();
    const codings = doc.getMap(LAYER_MAPS.codings);
    codings.set('empty', { id: 'empty', themeId: 't', start: 4, end: 4, createdAt: 1 });
    codings.set('reversed', { id: 'reversed', themeId: 't', start: 9, end: 4, createdAt: 1 });
    codings.set('beyond', { id: 'beyond', themeId: 't', start: 150, end: 201, createdAt: 1 });
    const layer = readLayer(doc, LENGTH);
    expect(layer.codings.map((c) => c.id)).toEqual(['good']);
    expect(layer.problems).toEqual([
      'coding "beyond" ignored: span [150, 201) is outside the text [0, 200)',
      'coding "empty" ignored: span [4, 4) is empty',
      'coding "reversed" ignored: span [9, 4) is reversed',
    ]);
  });

  it('skips a value whose id disagrees with its key', () => {
    const doc = layerWithOneOfEach();
    doc.getMap(LAYER_MAPS.codings).set('k1', { id: 'other', themeId: 't', start: 1, end: 2, createdAt: 1 });
    expect(readLayer(doc, LENGTH).problems).toEqual(['coding "k1" ignored: its id says other']);
  });

  it('lets a coder update around and remove a malformed value', () => {
    const doc = layerWithOneOfEach();
    doc.getMap(LAYER_MAPS.codings).set('junk', 42);
    expect(() => updateCoding(doc, LENGTH, 'junk', { start: 1 })).toThrow(/no valid coding junk/);
    removeCoding(doc, 'junk');
    expect(readLayer(doc, LENGTH).problems).toEqual([]);
  });

  it('sorts records by position and reads a synced replica identically', () => {
    const doc = new Y.Doc();
    addCoding(doc, LENGTH, { id: 'b', themeId: 't', start: 50, end: 60, createdAt: 1 });
    addCoding(doc, LENGTH, { id: 'a', themeId: 't', start: 50, end: 60, createdAt: 1 });
    addCoding(doc, LENGTH, { id: 'c', themeId: 't', start: 5, end: 90, createdAt: 1 });
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(readLayer(doc, LENGTH).codings.map((c) => c.id)).toEqual(['c', 'a', 'b']);
    expect(readLayer(replica, LENGTH)).toEqual(readLayer(doc, LENGTH));
  });

  it('reads an empty document as an empty layer', () => {
    expect(readLayer(new Y.Doc(), 0)).toEqual({ codings: [], notes: [], statements: [], problems: [] });
  });
  it('re-reads only a changed record: an unchanged one keeps its identity, a changed one is read anew', () => {
    const doc = layerWithOneOfEach();
    addCoding(doc, LENGTH, { id: 'other', themeId: 't', start: 30, end: 40, createdAt: 1 });
    const before = readLayer(doc, LENGTH);
    updateCoding(doc, LENGTH, 'good', { themeId: 'u' });
    const after = readLayer(doc, LENGTH);
    const byId = (l: typeof after) => new Map(l.codings.map((c) => [c.id, c]));
    expect(byId(after).get('other')).toBe(byId(before).get('other'));
    expect(after.notes[0]).toBe(before.notes[0]);
    expect(byId(after).get('good')).not.toBe(byId(before).get('good'));
    expect(byId(after).get('good')?.themeId).toBe('u');
    expect(byId(before).get('good')?.themeId).toBe('t');
  });

  it('validates a cached record again against another text length', () => {
    const doc = layerWithOneOfEach();
    expect(readLayer(doc, LENGTH).codings.map((c) => c.id)).toEqual(['good']);
    const shorter = readLayer(doc, 15);
    expect(shorter.codings).toEqual([]);
    expect(shorter.problems.join('\n')).toMatch(/coding "good" ignored/);
    expect(readLayer(doc, LENGTH).codings.map((c) => c.id)).toEqual(['good']);
  });

  it('reports a value set again under another key with the new key', () => {
    const doc = new Y.Doc();
    const value = { id: 'k1', themeId: 't', start: 1, end: 2, createdAt: 1 };
    const codings = doc.getMap(LAYER_MAPS.codings);
    codings.set('k1', value);
    expect(readLayer(doc, LENGTH).codings.map((c) => c.id)).toEqual(['k1']);
    codings.set('k2', value);
    expect(readLayer(doc, LENGTH).problems).toEqual(['coding "k2" ignored: its id says k1']);
  });
});
