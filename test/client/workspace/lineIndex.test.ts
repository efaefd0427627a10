import { describe, expect, it } from 'vitest';
import { linesOf } from '../../../shared/transcript';
import { itemsByStartLine, keepUnchanged, lineIndexAt, marksByLine } from '../../../client/src/workspace/lineIndex';
import { sameLayer } from '../../../client/src/workspace/sameLayer';
import type { Mark } from '../../../client/src/workspace/segments';
import { speakerPrefixes, withoutPrefixes } from '../../../client/src/workspace/speakerPrefixes';

const TEXT = 'Interviewer: How was it?\nP01: Hard at first.\n\nP01: Then easier.';
const lines = linesOf(TEXT);
const mark = (id: string, start: number, end: number): Mark => ({ id, start, end, color: '#000000', coder: 'a', label: id, own: true });

/** The reference the one-pass index must equal: every mark filtered for every line. */
function filtered(marks: Mark[]): string[][] {
  return lines.map((l) => marks.filter((m) => m.start < Math.max(l.end, l.start + 1) && m.end > l.start).map((m) => m.id));
}

describe('worksheet line index', () => {
  it('finds the line holding an offset, line breaks included', () => {
    expect(lines.map((l) => lineIndexAt(lines, l.start))).toEqual([0, 1, 2, 3]);
    expect(lineIndexAt(lines, lines[0]!.end)).toBe(0);
    expect(lineIndexAt(lines, TEXT.length)).toBe(3);
  });

  it('splits marks by line in one pass exactly as filtering every line would', () => {
    const marks = [mark('a', 0, 5), mark('b', 13, 30), mark('c', lines[2]!.start, lines[2]!.start + 1), mark('d', 20, TEXT.length), mark('e', lines[3]!.start + 2, lines[3]!.start + 4)];
    expect(marksByLine(lines, marks).map((ms) => ms.map((m) => m.id))).toEqual(filtered(marks));
  });

  it('groups margin items under the line their span starts on', () => {
    const byLine = itemsByStartLine(lines, [{ start: 30, id: 'x' }, { start: 0, id: 'y' }, { start: lines[3]!.start, id: 'z' }]);
    expect(byLine.map((items) => items.map((i) => i.id))).toEqual([['y'], ['x'], [], ['z']]);
  });

  it('keeps the previous array of an unchanged line and replaces a changed one', () => {
    const before = marksByLine(lines, [mark('a', 0, 5), mark('b', lines[1]!.start, lines[1]!.start + 3)]);
    const after = keepUnchanged(before, marksByLine(lines, [mark('a', 0, 5), mark('b', lines[1]!.start, lines[1]!.start + 4)]));
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]!.map((m) => m.end)).toEqual([lines[1]!.start + 4]);
  });
});

describe('speaker prefixes', () => {
  const prefixes = speakerPrefixes(TEXT, [
    { speaker: 'Interviewer', start: 0 },
    { speaker: 'P01', start: lines[1]!.start },
    { speaker: 'P01', start: lines[3]!.start },
  ]);

  it('covers the label, its colon and the blank after it', () => {
    expect(prefixes.map((p) => TEXT.slice(p.start, p.end))).toEqual(['Interviewer: ', 'P01: ', 'P01: ']);
  });

  it('moves a selection out of the prefix so the turn’s words are what is coded', () => {
    const s = withoutPrefixes({ start: lines[1]!.start + 1, end: lines[1]!.end }, prefixes)!;
    expect(TEXT.slice(s.start, s.end)).toBe('Hard at first.');
    expect(withoutPrefixes({ start: 2, end: 8 }, prefixes)).toBeNull();
  });
});

describe('worksheet rows keep what did not change', () => {
  it('gives lines without items an empty list that one line’s items never leak into', () => {
    const byLine = marksByLine(lines, [mark('a', lines[1]!.start, lines[1]!.start + 2), mark('b', lines[1]!.start, lines[1]!.start + 3)]);
    expect(byLine.map((ms) => ms.map((m) => m.id))).toEqual([[], ['a', 'b'], [], []]);
    const again = itemsByStartLine(lines, [{ start: lines[3]!.start, id: 'z' }]);
    expect(again.map((xs) => xs.map((x) => x.id))).toEqual([[], [], [], ['z']]);
    expect(byLine[0]).toBe(again[0]);
    expect(keepUnchanged(byLine, marksByLine(lines, []))[0]).toBe(byLine[0]);
  });

  it('keeps a layer’s lists, and the layer, where their records are the same objects', () => {
    const c1 = { id: 'c1', themeId: 't', start: 0, end: 2, createdAt: 1 };
    const c2 = { id: 'c2', themeId: 't', start: 3, end: 4, createdAt: 1 };
    const n1 = { id: 'n1', kind: 'descriptive' as const, text: 'x', start: 0, end: 1, createdAt: 1 };
    const before = { codings: [c1], notes: [n1], statements: [], problems: [] };
    expect(sameLayer(before, { codings: [c1], notes: [n1], statements: [], problems: [] })).toBe(before);
    const after = sameLayer(before, { codings: [c1, c2], notes: [n1], statements: [], problems: [] });
    expect(after).not.toBe(before);
    expect(after.codings.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(after.notes).toBe(before.notes);
    expect(sameLayer(before, { codings: [{ ...c1 }], notes: [n1], statements: [], problems: [] }).codings).not.toBe(before.codings);
  });
});
