import type { FrozenTranscript } from '../types';
import { PREVIEW_LINE_COUNT } from './importLimits';

export interface TranscriptPreview {
  /** The first lines of the frozen text, numbered as they will be cited. */
  lines: { n: number; text: string }[];
  /** Each speaker found, in order of first appearance, with their number of turns. */
  speakers: { name: string; turns: number }[];
  lineCount: number;
}

/** What the user checks before committing an import: the numbering and the speakers found. */
export function buildPreview(
  frozen: FrozenTranscript,
  lineCount: number = PREVIEW_LINE_COUNT,
): TranscriptPreview {
  const speakers = new Map<string, number>();
  for (const turn of frozen.turns) speakers.set(turn.speaker, (speakers.get(turn.speaker) ?? 0) + 1);
  return {
    lines: frozen.lines
      .slice(0, lineCount)
      .map((line) => ({ n: line.n, text: frozen.text.slice(line.start, line.end) })),
    speakers: [...speakers].map(([name, turns]) => ({ name, turns })),
    lineCount: frozen.lines.length,
  };
}
