import type { Span } from '../../../shared/coding';
import type { Line } from '../../../shared/transcript';

/**
 * How many of a transcript's non-blank lines at least one span touches, and how many non-blank
 * lines there are. Blank lines (paragraph breaks kept by the freezer) are left out of both, so a
 * transcript coded from end to end reads 100%. Cost: sorting the spans plus one merge pass over
 * spans and lines together, never per character.
 */
export function linesCoded(lines: readonly Line[], spans: readonly Span[]): { coded: number; total: number } {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  let coded = 0;
  let total = 0;
  let i = 0;
  let reach = -1; // furthest end among spans that start before the current line ends
  for (const line of lines) {
    if (line.end <= line.start) continue;
    total++;
    while (i < sorted.length && sorted[i]!.start < line.end) {
      reach = Math.max(reach, sorted[i]!.end);
      i++;
    }
    // Every span seen starts before this line ends; one reaching past its start overlaps it.
    if (reach > line.start) coded++;
  }
  return { coded, total };
}
