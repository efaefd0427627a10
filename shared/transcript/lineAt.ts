import type { Line } from './types';

/**
 * The line holding `offset`, by binary search. An offset equal to a line's `end` belongs to that
 * line: it is the caret at the end of the line, or the `\n` that terminates it. Returns
 * `undefined` outside `[0, last line's end]` and for a text with no lines.
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
  return found !== undefined && offset <= found.end ? found : undefined;
}
