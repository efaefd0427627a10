import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, freezeTranscript, normalizeText } from '../../../shared/transcript';
import { anyText, lineWidth, paragraphOfWords } from './arbitraries';

describe('freezeTranscript properties', () => {
  it('tiles the text exactly with its lines and single \\n separators', () => {
    fc.assert(
      fc.property(anyText, lineWidth, (raw, width) => {
        const { text, lines } = freezeTranscript(raw, { lineWidth: width });
        if (text === '') {
          expect(lines).toEqual([]);
          return;
        }
        expect(lines[0]?.start).toBe(0);
        expect(lines[lines.length - 1]?.end).toBe(text.length);
        lines.forEach((line, i) => {
          expect(line.n).toBe(i + 1);
          expect(line.start).toBeLessThanOrEqual(line.end);
          expect(text.slice(line.start, line.end)).not.toContain('\n');
          const next = lines[i + 1];
          if (next !== undefined) {
            expect(text[line.end]).toBe('\n');
            expect(next.start).toBe(line.end + 1);
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every line within the width unless the line is one word', () => {
    fc.assert(
      fc.property(anyText, lineWidth, (raw, width) => {
        const { text, lines } = freezeTranscript(raw, { lineWidth: width });
        for (const line of lines) {
          const content = text.slice(line.start, line.end);
          if (codePointLength(content) > width) {
            expect(content.trimStart()).not.toMatch(/\s/);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('fills lines greedily: no line could have taken the first word of the next', () => {
    fc.assert(
      fc.property(paragraphOfWords, lineWidth, (raw, width) => {
        const { text, lines } = freezeTranscript(raw, { lineWidth: width });
        lines.forEach((line, i) => {
          const next = lines[i + 1];
          if (next === undefined) return;
          const firstWord = text.slice(next.start, next.end).split(' ')[0] ?? '';
          const joined = codePointLength(text.slice(line.start, line.end)) + 1 + codePointLength(firstWord);
          expect(joined).toBeGreaterThan(width);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent: freezing the frozen text at the same width changes nothing', () => {
    fc.assert(
      fc.property(anyText, lineWidth, (raw, width) => {
        const once = freezeTranscript(raw, { lineWidth: width });
        const twice = freezeTranscript(once.text, { lineWidth: width });
        expect(twice.text).toBe(once.text);
        expect(twice.lines).toEqual(once.lines);
      }),
      { numRuns: 500 },
    );
  });

  it('only moves line breaks: the words are those of the normalised input, in order', () => {
    fc.assert(
      fc.property(anyText, lineWidth, (raw, width) => {
        const { text } = freezeTranscript(raw, { lineWidth: width });
        const words = (s: string) => s.split(/\s+/).filter((w) => w !== '');
        expect(words(text)).toEqual(words(normalizeText(raw)));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves a frozen text NFC, with only \\n line ends and no trailing blanks', () => {
    fc.assert(
      fc.property(anyText, lineWidth, (raw, width) => {
        const { text } = freezeTranscript(raw, { lineWidth: width });
        expect(text.normalize('NFC')).toBe(text);
        expect(text).not.toMatch(/[\r\u2028\u2029\uFEFF\t]/);
        expect(text).not.toMatch(/[^\S\n]$/m);
        expect(text).not.toMatch(/^\n|\n$/);
      }),
      { numRuns: 300 },
    );
  });

  it('produces ordered, non-overlapping turns inside the text, each starting at a line start', () => {
    fc.assert(
      fc.property(anyText, lineWidth, (raw, width) => {
        const { text, lines, turns } = freezeTranscript(raw, { lineWidth: width });
        const lineStarts = new Set(lines.map((l) => l.start));
        turns.forEach((turn, i) => {
          expect(turn.start).toBeGreaterThanOrEqual(0);
          expect(turn.start).toBeLessThan(turn.end);
          expect(turn.end).toBeLessThanOrEqual(text.length);
          expect(turn.speaker).not.toBe('');
          // A prefix may sit after indentation, so the turn starts on a line, maybe not at its start.
          const lineStart = text.lastIndexOf('\n', turn.start - 1) + 1;
          expect(lineStarts.has(lineStart)).toBe(true);
          const next = turns[i + 1];
          expect(turn.end).toBe(next === undefined ? text.length : next.start);
        });
      }),
      { numRuns: 500 },
    );
  });
});
