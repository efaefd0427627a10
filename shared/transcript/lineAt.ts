import type { Line } from './types';

/**
 * The line holding `offset`, by binary search. An offset from a line's `end` up to the next
 * line's start belongs to that line: it is the caret at the end of the line, the `\n` that
 * terminates it, or the blanks where the line map wrapped it (lineMap). Returns `undefined`
 * before the first line, after the last line's end, and for a text with no lines.
 */
export function lineAt(lines: readonly Line[], offset: number): Line | undefined {
  let lo = 0;
  let hi = lines.length - 1;
  let found: Line | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const line = lines[mid];
    if (line === undefined) break;
    if (line.start <= offset) {
      found = line;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found === undefined) return undefined;
  return offset <= found.end || lo < lines.length ? found : undefined;
}
