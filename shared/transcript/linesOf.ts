import type { Line } from './types';

/**
 * The numbered lines of an already frozen text: line k is [start, end) without its `\n`, and
 * consecutive lines are separated by exactly one `\n` (the tiling freezeTranscript produces).
 * Reading a stored transcript uses this rather than freezing again, which could move turns.
 */
export function linesOf(frozenText: string): Line[] {
  const lines: Line[] = [];
  if (frozenText.length === 0) return lines;
  let start = 0;
  for (;;) {
    const nl = frozenText.indexOf('\n', start);
    const end = nl < 0 ? frozenText.length : nl;
    lines.push({ n: lines.length + 1, start, end });
    if (nl < 0) return lines;
    start = nl + 1;
  }
}
