import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCoding, applyMergesToCodings, applyMergesToStatements, codingView, readLayer } from '../../../shared/coding';
import { addTheme, mergeTheme, readThemeTree } from '../../../shared/themes';
import { freezeTranscript } from '../../../shared/transcript';

const raw = [
  'Interviewer: How did that session feel?',
  'Therapist: I remember thinking, I have lost her. I just sat there and the room went very quiet, and I could not find anything to say that would bring her back.',
].join('\n');

describe('codingView', () => {
  const { text, lines } = freezeTranscript(raw, { lineWidth: 40 });

  it('cites the lines a coding touches and quotes it on one line', () => {
    const start = text.indexOf('I have');
    const end = text.indexOf('went very quiet') + 'went very quiet'.length;
    const view = codingView({ start, end }, text, lines);
    // Wrapped at 40: 'I have' ends line 2, 'went very quiet' starts line 4.
    expect(view.lineRange).toBe('l. 2-4');
    expect(view.lines).toEqual({ first: 2, last: 4 });
    expect(view.quote).toBe('I have lost her. I just sat there and the room went very quiet');
  });

  it('cites a single line without a range', () => {
    const start = text.indexOf('How did');
    expect(codingView({ start, end: start + 7 }, text, lines).lineRange).toBe('l. 1');
  });
});

describe('applyMergesToCodings', () => {
  it('relabels codings of a merged theme in a reader without touching the layer', () => {
    const codebook = new Y.Doc();
    addTheme(codebook, { id: 'doubt', label: 'Self-doubt', createdBy: 'lead' });
    addTheme(codebook, { id: 'deskilled', label: 'Feeling deskilled', createdBy: 'lead' });
    const layer = new Y.Doc();
    addCoding(layer, 100, { id: 'c1', themeId: 'doubt', start: 0, end: 10, createdAt: 1 });
    addCoding(layer, 100, { id: 'c2', themeId: 'deskilled', start: 20, end: 30, createdAt: 1 });

    mergeTheme(codebook, 'doubt', 'deskilled');
    const { codings } = readLayer(layer, 100);
    const counted = applyMergesToCodings(codings, readThemeTree(codebook).resolve);
    expect(counted.map((c) => c.themeId)).toEqual(['deskilled', 'deskilled']);
    expect(counted[1]).toBe(codings[1]);
    expect(readLayer(layer, 100).codings[0]?.themeId).toBe('doubt');
  });

  it('resolves statement links and drops links that became duplicates', () => {
    const resolve = (id: string) => (id === 'a' ? 'b' : id);
    const statements = [
      { id: 's1', text: 'x', start: 0, end: 1, themeIds: ['a', 'b', 'c'], createdAt: 1 },
      { id: 's2', text: 'y', start: 0, end: 1, themeIds: ['c'], createdAt: 1 },
    ];
    const resolved = applyMergesToStatements(statements, resolve);
    expect(resolved[0]?.themeIds).toEqual(['b', 'c']);
    expect(resolved[1]).toBe(statements[1]);
  });
});
