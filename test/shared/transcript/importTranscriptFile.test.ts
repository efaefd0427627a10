import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decodeText,
  detectFileKind,
  importTranscriptFile,
  MAX_TRANSCRIPT_FILE_BYTES,
  MAX_TRANSCRIPT_TEXT_LENGTH,
  parsePlain,
  parseSrt,
  parseVtt,
  TranscriptImportError,
  type TranscriptImportErrorCode,
} from '../../../shared/transcript';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/transcripts/${name}`, import.meta.url)));
const importFixture = (name: string) => importTranscriptFile({ name, bytes: fixture(name) });

function codeOf(run: () => unknown): TranscriptImportErrorCode | 'no error' {
  try {
    run();
  } catch (err) {
    if (err instanceof TranscriptImportError) return err.code;
    throw err;
  }
  return 'no error';
}

describe('WebVTT import', () => {
  it('reads voice tags from a CRLF file with a BOM, merging consecutive cues of one speaker', () => {
    const { frozen, preview } = importFixture('teams-meeting.vtt');
    expect(frozen.text).toBe(
      [
        'Interviewer: Thank you for joining. Could you tell me how you came to nursing?',
        // One cue, one paragraph: the line map wraps it at 80 (lines 2-3), the text keeps its space.
        'Zoë Ångström: Well, it started with my grandmother 👵🏽 & her garden. She was a midwife in Tromsø.',
        'Interviewer: That is lovely 😊',
        'Zoë Ångström: Yes, it shaped everything. I still think about it.',
      ].join('\n'),
    );
    expect(frozen.turns.map(({ speaker, meta }) => ({ speaker, meta }))).toEqual([
      { speaker: 'Interviewer', meta: { startMs: 1000, endMs: 4200 } },
      { speaker: 'Zoë Ångström', meta: { startMs: 4500, endMs: 9900 } },
      { speaker: 'Interviewer', meta: { startMs: 10000, endMs: 12000 } },
      { speaker: 'Zoë Ångström', meta: { startMs: 12500, endMs: 15000 } },
    ]);
    expect(preview.speakers).toEqual([
      { name: 'Interviewer', turns: 2 },
      { name: 'Zoë Ångström', turns: 2 },
    ]);
    expect(preview.lineCount).toBe(5);
  });

  it('takes the speaker from a Name: prefix when a cue has no voice tag', () => {
    const parsed = parseVtt('WEBVTT\n\n00:01.000 --> 00:02.000\nAnna: hi\n\n00:02.000 --> 00:03.000\nstill Anna\n');
    expect(parsed.raw).toBe('Anna: hi still Anna');
    expect(parsed.turnHints.get(0)).toEqual({ speaker: 'Anna', meta: { startMs: 1000, endMs: 3000 } });
  });

  it('splits a cue that holds two voices into two turns', () => {
    const parsed = parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>Yes?</v>\n<v B>No.</v>\n');
    expect(parsed.raw).toBe('A: Yes?\nB: No.');
  });

  it('refuses a file with no cues as empty', () => {
    expect(codeOf(() => importFixture('only-header.vtt'))).toBe('empty');
  });
});

describe('SRT import', () => {
  it('reads Name: and [Name] prefixes, continuation cues and timings from a CRLF file with a BOM', () => {
    const { frozen } = importFixture('zoom-export.srt');
    expect(frozen.text).toBe(
      [
        'Interviewer: How did the first year feel?',
        'P3: Honestly? Exhausting 😅 but also exciting.',
        'José Müller: Can I add something?',
        'P3: Of course — go ahead.',
      ].join('\n'),
    );
    expect(frozen.turns.map(({ speaker, meta }) => ({ speaker, meta }))).toEqual([
      { speaker: 'Interviewer', meta: { startMs: 1000, endMs: 3500 } },
      { speaker: 'P3', meta: { startMs: 3600, endMs: 8000 } },
      { speaker: 'José Müller', meta: { startMs: 8500, endMs: 10000 } },
      { speaker: 'P3', meta: { startMs: 10100, endMs: 12250 } },
    ]);
  });

  it('keeps cues without any speaker as text without a turn', () => {
    const parsed = parseSrt('1\n00:00:01,000 --> 00:00:02,000\nhello there\n');
    expect(parsed.raw).toBe('hello there');
    expect(parsed.turnHints.size).toBe(0);
  });
});

describe('plain text and Markdown import', () => {
  it('freezes a CRLF text file with a BOM and finds its speakers', () => {
    const { kind, frozen, preview } = importFixture('interview-crlf.txt');
    expect(kind).toBe('txt');
    expect(frozen.text).toBe(
      // As received but for the line ends: the tab, the double space and the final newline stay.
      "Interviewer:\tWelcome back.\nI: Shall we start?\nP3:  Yes — let's. Café au lait first ☕\n\n[Maria] Ready when you are.\n",
    );
    expect(preview.speakers.map((s) => s.name)).toEqual(['Interviewer', 'I', 'P3', 'Maria']);
  });

  it('removes Markdown headings, rules and emphasis so bold labels become speakers', () => {
    const { frozen } = importFixture('interview.md');
    expect(frozen.text).toBe(
      [
        'Interview with P7',
        '',
        'Session 1',
        '',
        'Interviewer: What does care mean to you?',
        '',
        'P7: It means being there, even when the shift_end has passed.',
        '',
        '',
        '',
        'Interviewer: Thank you.\n',
      ].join('\n'),
    );
    expect(frozen.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'P7', 'Interviewer']);
  });

  it('leaves .txt content alone, asterisks included', () => {
    expect(parsePlain('# not a heading *here*').raw).toBe('# not a heading *here*');
  });
});

describe('.docx import', () => {
  it('freezes the text the server extracted', () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
    const { kind, frozen } = importTranscriptFile({ name: 'P4.DOCX', bytes, docxText: 'I: Hi\n\nP4: Hello' });
    expect(kind).toBe('docx');
    expect(frozen.turns.map((t) => t.speaker)).toEqual(['I', 'P4']);
  });

  it('is a caller error to pass a .docx without its extracted text', () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
    expect(() => importTranscriptFile({ name: 'a.docx', bytes })).toThrow(TypeError);
  });
});

describe('import errors', () => {
  it('refuses Latin-1 and UTF-16 files as wrong_encoding', () => {
    expect(codeOf(() => importFixture('latin1.txt'))).toBe('wrong_encoding');
    expect(codeOf(() => importFixture('utf16.txt'))).toBe('wrong_encoding');
  });

  it('refuses an empty file and a file of blanks as empty', () => {
    expect(codeOf(() => importFixture('empty.txt'))).toBe('empty');
    expect(codeOf(() => decodeText(new TextEncoder().encode('\uFEFF \r\n\t')))).toBe('empty');
    expect(codeOf(() => importTranscriptFile({ name: 'x.md', bytes: new TextEncoder().encode('---\n#\n') }))).toBe('empty');
  });

  it('refuses a file over the size limit as too_large', () => {
    const bytes = new Uint8Array(MAX_TRANSCRIPT_FILE_BYTES + 1).fill(0x61);
    expect(codeOf(() => importTranscriptFile({ name: 'big.txt', bytes }))).toBe('too_large');
  });

  it('refuses extracted .docx text over the text limit as too_large', () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
    const docxText = 'a'.repeat(MAX_TRANSCRIPT_TEXT_LENGTH + 1);
    expect(codeOf(() => importTranscriptFile({ name: 'big.docx', bytes, docxText }))).toBe('too_large');
  });

  it('refuses unknown, legacy and disguised files as unsupported_type', () => {
    const text = new TextEncoder().encode('hello');
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
    expect(codeOf(() => detectFileKind('notes.pdf', text))).toBe('unsupported_type');
    expect(codeOf(() => detectFileKind('interview.doc', text))).toBe('unsupported_type');
    expect(codeOf(() => detectFileKind('README', text))).toBe('unsupported_type');
    expect(codeOf(() => detectFileKind('fake.docx', text))).toBe('unsupported_type');
    expect(codeOf(() => detectFileKind('archive.txt', zip))).toBe('unsupported_type');
  });

  it('names each kind it accepts, whatever the case of the extension', () => {
    const text = new TextEncoder().encode('x');
    expect(['a.TXT', 'b.md', 'c.markdown', 'd.vtt', 'e.Srt'].map((n) => detectFileKind(n, text))).toEqual([
      'txt', 'md', 'md', 'vtt', 'srt',
    ]);
  });
});

describe('import preview', () => {
  it('shows the first lines as they will be numbered', () => {
    const raw = Array.from({ length: 30 }, (_, i) => `P1: line ${i + 1}`).join('\n');
    const { preview } = importTranscriptFile(
      { name: 'long.txt', bytes: new TextEncoder().encode(raw) },
      { previewLines: 3 },
    );
    expect(preview.lines).toEqual([
      { n: 1, text: 'P1: line 1' },
      { n: 2, text: 'P1: line 2' },
      { n: 3, text: 'P1: line 3' },
    ]);
    expect(preview.lineCount).toBe(30);
    expect(preview.speakers).toEqual([{ name: 'P1', turns: 30 }]);
  });
});
