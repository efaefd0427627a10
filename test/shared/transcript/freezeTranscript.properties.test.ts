import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, freezeTranscript } from '../../../shared/transcript';
import { anyText, lineWidth, paragraphOfWords } from './arbitraries';

describe('freezeTranscript properties', () => {
  it('orders its lines and leaves only blanks and \\n between them, each line within one paragraph', () => {
    fc.assert(
      fc.property(anyText, lineWidth, (raw, width) => {
        const { text, lines } = freezeTranscript(raw, { lineWidth: width });
        if (text === '') {
          expect(lines).toEqual([]);
          return;
        }
        expect(lines[0]?.start).toBe(0);
        const body = text.endsWith('\n') ? text.length - 1 : text.length;
        expect(lines[lines.length - 1]?.end).toBe(body);
        lines.forEach((line, i) => {
          expect(line.n).toBe(i + 1);
          expect(line.start).toBeLessThanOrEqual(line.end);
          expect(text.slice(line.start, line.end)).not.toContain('\n');
          const next = lines[i + 1];
          if (next !== undefined) {
            const gap = text.slice(line.end, next.start);
            expect(gap.length).toBeGreaterThan(0);
            // A paragraph break is exactly one \n; a wrap is a run of blanks.
            expect(gap === '\n' || /^[^\S\n]+$/.test(gap)).toBe(true);
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every line within the width, but for its trailing blanks, unless the line is one word', () => {
    fc.assert(
      fc.property(anyText, lineWidth, (raw, width) => {
        const { text, lines } = freezeTranscript(raw, { lineWidth: width });
        for (const line of lines) {
          // A paragraph's last line keeps the blanks it ends with (the text keeps them).
          const content = text.slice(line.start, line.end).trimEnd();
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

  it('keeps the text as received: only CRLF/CR become \\n, a leading BOM goes, NUL and lone surrogates become U+FFFD', () => {
    fc.assert(
      fc.property(anyText, lineWidth, (raw, width) => {
        const { text } = freezeTranscript(raw, { lineWidth: width });
        const expected = (raw.startsWith('\uFEFF') ? raw.slice(1) : raw)
          .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g, '\uFFFD')
          .replace(/\r\n?/g, '\n');
        expect(text).toBe(expected);
        expect(text).not.toMatch(/\r/);
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
