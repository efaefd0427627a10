import { lineAt } from './lineAt';
import type { Line, LineRange } from './types';

/**
 * The lines a span `[start, end)` touches, for citations such as "l. 45-47". The first line holds
 * the span's first character, the last line its last character, where a `\n` counts with the line
 * it ends; so a selection that stops just after a line break does not spill onto the next line.
 * An empty span cites the line it sits in.
 */
export function lineRangeOf(lines: readonly Line[], start: number, end: number): LineRange {
  if (!(start <= end)) throw new RangeError(`span [${start}, ${end}) is reversed`);
  const first = lineAt(lines, start);
  const last = end > start ? lineAt(lines, end - 1) : first;
  if (first === undefined || last === undefined) {
    throw new RangeError(`span [${start}, ${end}) is outside the text`);
  }
  return { first: first.n, last: last.n };
}
