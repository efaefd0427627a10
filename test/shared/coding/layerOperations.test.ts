import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCoding,
  addNote,
  addStatement,
  CodingModelError,
  readLayer,
  removeCoding,
  removeNote,
  removeStatement,
  updateCoding,
  updateNote,
  updateStatement,
  type CodingModelErrorCode,
} from '../../../shared/coding';

const LENGTH = 500;

function expectCode(action: () => unknown, code: CodingModelErrorCode): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CodingModelError);
  expect((caught as CodingModelError).code).toBe(code);
}

describe('codings', () => {
  it('adds, updates and removes a coding', () => {
    const doc = new Y.Doc();
    const added = addCoding(doc, LENGTH, { id: 'c1', themeId: 'self-doubt', start: 10, end: 40, memo: 'hesitation', createdAt: 5 });
    expect(added).toEqual({ id: 'c1', themeId: 'self-doubt', start: 10, end: 40, memo: 'hesitation', createdAt: 5 });
    updateCoding(doc, LENGTH, 'c1', { end: 60, themeId: 'rupture' });
    expect(readLayer(doc, LENGTH).codings).toEqual([{ id: 'c1', themeId: 'rupture', start: 10, end: 60, memo: 'hesitation', createdAt: 5 }]);
    updateCoding(doc, LENGTH, 'c1', { memo: null });
    expect(readLayer(doc, LENGTH).codings[0]).not.toHaveProperty('memo');
    removeCoding(doc, 'c1');
    expect(readLayer(doc, LENGTH).codings).toEqual([]);
  });

  it('generates an id and a creation time when none is given', () => {
    const doc = new Y.Doc();
    const coding = addCoding(doc, LENGTH, { themeId: 't', start: 0, end: 1 });
    expect(coding.id).toMatch(/^[a-z2-7]{16}$/);
    expect(coding.createdAt).toBeGreaterThan(0);
  });

  it('rejects empty, reversed and out-of-bounds spans', () => {
    const doc = new Y.Doc();
    expectCode(() => addCoding(doc, LENGTH, { themeId: 't', start: 5, end: 5 }), 'span_empty');
    expectCode(() => addCoding(doc, LENGTH, { themeId: 't', start: 6, end: 5 }), 'span_reversed');
    expectCode(() => addCoding(doc, LENGTH, { themeId: 't', start: 490, end: 501 }), 'span_out_of_bounds');
    expectCode(() => addCoding(doc, LENGTH, { themeId: 't', start: -1, end: 3 }), 'invalid_input');
    expectCode(() => addCoding(doc, LENGTH, { themeId: 't', start: 1.5, end: 3 }), 'invalid_input');
    expect(doc.getMap('codings').size).toBe(0);
  });

  it('accepts a span that ends exactly at the end of the text', () => {
    const doc = new Y.Doc();
    expect(addCoding(doc, LENGTH, { themeId: 't', start: 0, end: LENGTH }).end).toBe(LENGTH);
  });

  it('rejects a bad theme id, an oversized memo and a duplicate id', () => {
    const doc = new Y.Doc();
    addCoding(doc, LENGTH, { id: 'c1', themeId: 't', start: 0, end: 1 });
    expectCode(() => addCoding(doc, LENGTH, { themeId: 'no spaces', start: 0, end: 1 }), 'invalid_input');
    expectCode(() => addCoding(doc, LENGTH, { themeId: 't', start: 0, end: 1, memo: 'm'.repeat(10_001) }), 'invalid_input');
    expectCode(() => addCoding(doc, LENGTH, { id: 'c1', themeId: 't', start: 0, end: 1 }), 'record_exists');
  });

  it('validates an update against the stored span and refuses unknown codings', () => {
    const doc = new Y.Doc();
    addCoding(doc, LENGTH, { id: 'c1', themeId: 't', start: 100, end: 120 });
    expectCode(() => updateCoding(doc, LENGTH, 'c1', { end: 90 }), 'span_reversed');
    expectCode(() => updateCoding(doc, LENGTH, 'c1', { end: 100 }), 'span_empty');
    expectCode(() => updateCoding(doc, LENGTH, 'nope', { end: 130 }), 'record_not_found');
    expectCode(() => removeCoding(doc, 'nope'), 'record_not_found');
    expect(readLayer(doc, LENGTH).codings[0]).toMatchObject({ start: 100, end: 120 });
  });
});

describe('exploratory notes', () => {
  it('adds, updates and removes a note, trimming its text', () => {
    const doc = new Y.Doc();
    addNote(doc, LENGTH, { id: 'n1', kind: 'linguistic', text: '  repetition of "I just"  ', start: 3, end: 9, createdAt: 1 });
    updateNote(doc, LENGTH, 'n1', { kind: 'conceptual' });
    expect(readLayer(doc, LENGTH).notes).toEqual([
      { id: 'n1', kind: 'conceptual', text: 'repetition of "I just"', start: 3, end: 9, createdAt: 1 },
    ]);
    removeNote(doc, 'n1');
    expect(readLayer(doc, LENGTH).notes).toEqual([]);
  });

  it('rejects an unknown kind, an empty text and a bad span', () => {
    const doc = new Y.Doc();
    expectCode(() => addNote(doc, LENGTH, { kind: 'poetic' as 'linguistic', text: 'x', start: 0, end: 1 }), 'invalid_input');
    expectCode(() => addNote(doc, LENGTH, { kind: 'descriptive', text: '   ', start: 0, end: 1 }), 'invalid_input');
    expectCode(() => addNote(doc, LENGTH, { kind: 'descriptive', text: 'x', start: 0, end: 600 }), 'span_out_of_bounds');
    expectCode(() => updateNote(doc, LENGTH, 'nope', { text: 'y' }), 'record_not_found');
    expectCode(() => removeNote(doc, 'nope'), 'record_not_found');
  });
});

describe('experiential statements', () => {
  it('adds a statement linked to themes, dropping duplicate links, and relinks it', () => {
    const doc = new Y.Doc();
    addStatement(doc, LENGTH, { id: 's1', text: 'Feeling deskilled when the alliance breaks', start: 20, end: 80, themeIds: ['a', 'b', 'a'], createdAt: 2 });
    expect(readLayer(doc, LENGTH).statements[0]?.themeIds).toEqual(['a', 'b']);
    updateStatement(doc, LENGTH, 's1', { themeIds: ['c'] });
    expect(readLayer(doc, LENGTH).statements[0]?.themeIds).toEqual(['c']);
    removeStatement(doc, 's1');
    expect(readLayer(doc, LENGTH).statements).toEqual([]);
  });

  it('rejects too many links, an empty text and an empty span', () => {
    const doc = new Y.Doc();
    const many = Array.from({ length: 51 }, (_, i) => `t${i}`);
    expectCode(() => addStatement(doc, LENGTH, { text: 'x', start: 0, end: 1, themeIds: many }), 'invalid_input');
    expectCode(() => addStatement(doc, LENGTH, { text: '', start: 0, end: 1 }), 'invalid_input');
    expectCode(() => addStatement(doc, LENGTH, { text: 'x', start: 7, end: 7 }), 'span_empty');
    expectCode(() => updateStatement(doc, LENGTH, 'nope', { text: 'y' }), 'record_not_found');
    expectCode(() => removeStatement(doc, 'nope'), 'record_not_found');
  });
});
