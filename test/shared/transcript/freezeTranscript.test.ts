import { describe, expect, it } from 'vitest';
import { DEFAULT_LINE_WIDTH, freezeTranscript, linesOf } from '../../../shared/transcript';

const speakersOf = (raw: string) => freezeTranscript(raw).turns.map((t) => t.speaker);
/** The numbered lines as the reader sees them. */
const view = (raw: string, lineWidth?: number) => {
  const { text, lines } = freezeTranscript(raw, lineWidth === undefined ? {} : { lineWidth });
  return lines.map((l) => text.slice(l.start, l.end));
};

describe('freezeTranscript keeps the text as received', () => {
  it('changes only line ends (CRLF, CR) and drops the byte-order mark; tabs, blanks and blank lines stay', () => {
    const { text } = freezeTranscript('\uFEFFone\r\ntwo\rthree\tfour   \n\n\n');
    expect(text).toBe('one\ntwo\nthree\tfour   \n\n\n');
    // A final newline ends the last line; the blank paragraphs before it are numbered lines.
    expect(view('\uFEFFone\r\ntwo\rthree\tfour   \n\n\n')).toEqual(['one', 'two', 'three\tfour   ', '', '']);
  });

  it('does not compose or decompose characters', () => {
    expect(freezeTranscript('Zoe\u0308 cafe\u0301').text).toBe('Zoe\u0308 cafe\u0301');
    expect(freezeTranscript('Zo\u00eb').text).toBe('Zo\u00eb');
  });

  it('replaces NUL and lone surrogates one for one, so no offset after them moves', () => {
    const { text } = freezeTranscript('a\u0000b\uD800c');
    expect(text).toBe('a\uFFFDb\uFFFDc');
    expect(text).toHaveLength(5);
  });

  it('is idempotent: freezing a frozen text gives the same text and lines', () => {
    const once = freezeTranscript('I: one  two three\r\n\tP: four five six seven', { lineWidth: 9 });
    expect(freezeTranscript(once.text, { lineWidth: 9 })).toEqual(once);
  });

  it('keeps blank lines inside the text as numbered empty lines', () => {
    const { lines } = freezeTranscript('a\n\nb');
    expect(lines).toEqual([
      { n: 1, start: 0, end: 1 },
      { n: 2, start: 2, end: 2 },
      { n: 3, start: 3, end: 4 },
    ]);
  });

  it('gives empty text no lines and no turns', () => {
    expect(freezeTranscript('')).toEqual({ text: '', lines: [], turns: [] });
    expect(freezeTranscript('\uFEFF')).toEqual({ text: '', lines: [], turns: [] });
  });

  it('wraps at 80 code points by default', () => {
    const raw = Array.from({ length: 40 }, () => 'word').join(' ');
    const { lines } = freezeTranscript(raw);
    expect(DEFAULT_LINE_WIDTH).toBe(80);
    expect(lines.map((l) => l.end - l.start)).toEqual([79, 79, 39]);
  });
});

describe('freezeTranscript wrapping', () => {
  it('breaks lines on word boundaries; the blanks at a break are in no line, and the text keeps them', () => {
    const { text, lines } = freezeTranscript('aaa bbb   ccc ddd', { lineWidth: 7 });
    expect(text).toBe('aaa bbb   ccc ddd');
    expect(lines).toEqual([
      { n: 1, start: 0, end: 7 },
      { n: 2, start: 10, end: 17 },
    ]);
  });

  it('keeps a word longer than the width whole, on a line of its own', () => {
    expect(view('see https://example.org/a/very/long/path now', 10)).toEqual(['see', 'https://example.org/a/very/long/path', 'now']);
  });

  it('counts an emoji as one character of width', () => {
    expect(view('😀😀😀 😀😀😀', 7)).toEqual(['😀😀😀 😀😀😀']);
    expect(view('😀😀😀 😀😀😀', 6)).toEqual(['😀😀😀', '😀😀😀']);
  });

  it('keeps indentation with the first word of a paragraph', () => {
    expect(view('    indented words here', 12)).toEqual(['    indented', 'words here']);
  });

  it('numbers the same lines as before on a text an earlier Concord froze (hard-wrapped)', () => {
    const old = 'I: this line was wrapped\nby the old freeze at\ntwenty-four\n\nP: ok';
    expect(freezeTranscript(old, { lineWidth: 24 }).lines).toEqual(linesOf(old));
  });

  it('rejects a width that is not a positive integer', () => {
    expect(() => freezeTranscript('x', { lineWidth: 0 })).toThrow(RangeError);
    expect(() => freezeTranscript('x', { lineWidth: 2.5 })).toThrow(RangeError);
  });
});

describe('freezeTranscript speaker turns', () => {
  it('detects role, code and name prefixes', () => {
    expect(speakersOf('Interviewer: a\nI: b\nP3: c\nParticipant: d\nDr Smith: e\nDr. Mary van Berg: f')).toEqual([
      'Interviewer', 'I', 'P3', 'Participant', 'Dr Smith', 'Dr. Mary van Berg',
    ]);
  });

  it('detects the bracket form with or without a colon', () => {
    expect(speakersOf('[Maria] yes\n[Interviewer]: and?')).toEqual(['Maria', 'Interviewer']);
  });

  it('detects non-ASCII names, lower-case role labels and CJK full-width colons', () => {
    expect(speakersOf('José Müller: sí\ninterviewer: ok\n李明：对')).toEqual(['José Müller', 'interviewer', '李明']);
  });

  it('does not take speech for a speaker', () => {
    expect(speakersOf('and then he said: no\nAt 10:30 we met\n[laughs] right\nThis is far too long a name: x')).toEqual([]);
    expect(speakersOf('2020: a bad year')).toEqual([]);
  });

  it('runs a turn from its prefix to the next turn and leaves the preamble without a turn', () => {
    const raw = 'Recorded 3 May.\nI: Hello.\nmore from I\nP1: Hi.';
    const { text, turns } = freezeTranscript(raw);
    expect(turns).toEqual([
      { speaker: 'I', start: text.indexOf('I:'), end: text.indexOf('P1:') },
      { speaker: 'P1', start: text.indexOf('P1:'), end: text.length },
    ]);
  });

  it('opens turns only at paragraph starts, not at lines made by wrapping', () => {
    const { text, turns } = freezeTranscript('I: one two Note: three', { lineWidth: 11 });
    expect(view(text, 11)).toEqual(['I: one two', 'Note: three']);
    expect(turns.map((t) => t.speaker)).toEqual(['I']);
  });

  it('finds a label that wrapping split across lines', () => {
    const { turns } = freezeTranscript('Dr Mary Smith: hello', { lineWidth: 4 });
    expect(turns.map((t) => t.speaker)).toEqual(['Dr Mary Smith']);
  });

  it('starts a turn after indentation', () => {
    const { turns } = freezeTranscript('  P2: indented');
    expect(turns).toEqual([{ speaker: 'P2', start: 2, end: 14 }]);
  });

  it('lets importer hints name the speaker and carry cue times', () => {
    const hints = new Map([[1, { speaker: 'lower case name', meta: { startMs: 0, endMs: 900 } }]]);
    const { turns } = freezeTranscript('preamble\nlower case name: hi', { turnHints: hints });
    expect(turns).toEqual([
      { speaker: 'lower case name', start: 9, end: 28, meta: { startMs: 0, endMs: 900 } },
    ]);
  });
});
