import { describe, expect, it } from 'vitest';
import { DEFAULT_LINE_WIDTH, freezeTranscript } from '../../../shared/transcript';

const speakersOf = (raw: string) => freezeTranscript(raw).turns.map((t) => t.speaker);

describe('freezeTranscript normalisation', () => {
  it('strips the BOM, unifies line ends, turns tabs into spaces and trims line ends', () => {
    const { text } = freezeTranscript('\uFEFFone\r\ntwo\rthree\tfour   \n\n\n');
    expect(text).toBe('one\ntwo\nthree four');
  });

  it('composes decomposed accents (NFC)', () => {
    expect(freezeTranscript('Zoe\u0308 cafe\u0301').text).toBe('Zoë café');
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
    expect(freezeTranscript(' \r\n\t\n')).toEqual({ text: '', lines: [], turns: [] });
  });

  it('wraps at 80 code points by default', () => {
    const raw = Array.from({ length: 40 }, () => 'word').join(' ');
    const { lines } = freezeTranscript(raw);
    expect(DEFAULT_LINE_WIDTH).toBe(80);
    expect(lines.map((l) => l.end - l.start)).toEqual([79, 79, 39]);
  });
});

describe('freezeTranscript wrapping', () => {
  it('breaks on word boundaries and drops the spaces at the break', () => {
    expect(freezeTranscript('aaa bbb   ccc ddd', { lineWidth: 7 }).text).toBe('aaa bbb\nccc ddd');
  });

  it('keeps a word longer than the width whole, on a line of its own', () => {
    const { text } = freezeTranscript('see https://example.org/a/very/long/path now', { lineWidth: 10 });
    expect(text).toBe('see\nhttps://example.org/a/very/long/path\nnow');
  });

  it('counts an emoji as one character of width', () => {
    expect(freezeTranscript('😀😀😀 😀😀😀', { lineWidth: 7 }).text).toBe('😀😀😀 😀😀😀');
    expect(freezeTranscript('😀😀😀 😀😀😀', { lineWidth: 6 }).text).toBe('😀😀😀\n😀😀😀');
  });

  it('keeps indentation with the first word of a paragraph', () => {
    expect(freezeTranscript('    indented words here', { lineWidth: 12 }).text).toBe('    indented\nwords here');
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
    expect(text).toBe('I: one two\nNote: three');
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
