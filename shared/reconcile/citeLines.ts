import { type Line, type LineRange, formatLineRange, lineRangeOf } from '../transcript';

/**
 * The lines a span cites. Line breaks at the span's edges are separators, not words: a region
 * that starts on the `\n` ending line 3 and runs through line 4 cites `l. 4`, and one that stops
 * on the `\n` ending line 8 cites `l. 8`. Spans made of line breaks only cite where they sit.
 */
export function citeLines(text: string, lines: readonly Line[], start: number, end: number): LineRange {
  let a = start;
  let b = end;
  while (a < b && text[a] === '\n') a++;
  while (b > a && text[b - 1] === '\n') b--;
  return a < b ? lineRangeOf(lines, a, b) : lineRangeOf(lines, start, end);
}

export function citeLabel(text: string, lines: readonly Line[], start: number, end: number): string {
  return formatLineRange(citeLines(text, lines, start, end));
}
