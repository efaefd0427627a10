import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatLineRange,
  freezeTranscript,
  lineAt,
  lineRangeOf,
  quoteOf,
  type Line,
} from '../../../shared/transcript';
import { anyText, lineWidth } from './arbitraries';

// The definition, by brute force: a character belongs to the line it is in; what lies between
// two lines (the `\n` of a paragraph, the blanks where a line was wrapped) to the line before;
// the caret at the end of the last line to the last line; nothing else to any line.
function lineOfOffsetByScan(lines: readonly Line[], offset: number): number | undefined {
  return lines.find((line, i) => line.start <= offset && (offset <= line.end || offset < (lines[i + 1]?.start ?? -1)))?.n;
}

const frozenWithSpan = fc
  .tuple(anyText, lineWidth)
  .map(([raw, width]) => freezeTranscript(raw, { lineWidth: width }))
  .filter((f) => f.lines.length > 0)
  .chain((f) =>
    fc
      // Spans inside the lines: a caret after a final `\n` is on no line.
      .tuple(fc.nat({ max: f.lines[f.lines.length - 1]!.end }), fc.nat({ max: f.lines[f.lines.length - 1]!.end }))
      .map(([a, b]) => ({ frozen: f, start: Math.min(a, b), end: Math.max(a, b) })),
  );

describe('lineAt and lineRangeOf', () => {
  it('lineAt agrees with a scan of all lines for every offset', () => {
    fc.assert(
      fc.property(anyText, lineWidth, (raw, width) => {
        const { text, lines } = freezeTranscript(raw, { lineWidth: width });
        for (let offset = -1; offset <= text.length + 1; offset++) {
          expect(lineAt(lines, offset)?.n).toBe(lineOfOffsetByScan(lines, offset));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('lineRangeOf agrees with a brute-force scan of the span', () => {
    fc.assert(
      fc.property(frozenWithSpan, ({ frozen, start, end }) => {
        const touched: number[] = [];
        for (let o = start; o < end; o++) touched.push(lineOfOffsetByScan(frozen.lines, o) ?? -1);
        if (touched.length === 0) touched.push(lineOfOffsetByScan(frozen.lines, start) ?? -1);
        expect(lineRangeOf(frozen.lines, start, end)).toEqual({
          first: Math.min(...touched),
          last: Math.max(...touched),
        });
      }),
      { numRuns: 500 },
    );
  });

  it('does not let a selection that ends after a line break spill onto the next line', () => {
    const { lines } = freezeTranscript('first\nsecond\nthird');
    expect(lineRangeOf(lines, 0, 6)).toEqual({ first: 1, last: 1 });
    expect(lineRangeOf(lines, 0, 7)).toEqual({ first: 1, last: 2 });
  });

  it('refuses reversed spans and spans outside the text', () => {
    const { lines } = freezeTranscript('abc');
    expect(() => lineRangeOf(lines, 2, 1)).toThrow(RangeError);
    expect(() => lineRangeOf(lines, 0, 9)).toThrow(RangeError);
    expect(() => lineRangeOf([], 0, 0)).toThrow(RangeError);
  });
});

describe('formatLineRange', () => {
  it('cites one line as "l. n" and several as "l. first-last"', () => {
    expect(formatLineRange({ first: 45, last: 45 })).toBe('l. 45');
    expect(formatLineRange({ first: 45, last: 47 })).toBe('l. 45-47');
  });
});

describe('quoteOf', () => {
  it('joins wrapped lines back into one trimmed line', () => {
    const { text } = freezeTranscript('P1: I felt   completely lost at first', { lineWidth: 12 });
    expect(quoteOf(text, 4, text.length)).toBe('I felt completely lost at first');
  });

  it('trims whitespace at the edges of the span', () => {
    expect(quoteOf('a \n b \n c', 1, 7)).toBe('b');
  });
});
