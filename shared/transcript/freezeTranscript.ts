import { detectTurns } from './detectTurns';
import { lineMap } from './lineMap';
import { receiveText } from './receiveText';
import type { FrozenTranscript, TurnHint } from './types';

/** The study default (DESIGN.md section 3). */
export const DEFAULT_LINE_WIDTH = 80;

export interface FreezeOptions {
  /** Maximum line length in code points; a longer line holds exactly one word. */
  lineWidth?: number;
  /**
   * Turns an importer already knows, keyed by paragraph index: the index of the line in
   * `receiveText(raw).split('\n')`, counted from 0.
   */
  turnHints?: ReadonlyMap<number, TurnHint>;
}

/**
 * Freezes imported text so that line numbers are stable and citable (DESIGN.md section 3): the
 * text is kept as received (receiveText: one line-end normalisation, nothing else), and the
 * lines are a map over it at the study's width (lineMap), stored with the transcript.
 *
 * Idempotent: freezing `text` again at the same width returns the same text and lines.
 */
export function freezeTranscript(raw: string, opts: FreezeOptions = {}): FrozenTranscript {
  const width = opts.lineWidth ?? DEFAULT_LINE_WIDTH;
  const text = receiveText(raw);
  const { lines, paragraphStarts } = lineMap(text, width);
  const turns = detectTurns(text, paragraphStarts, opts.turnHints);
  return { text, lines, turns };
}
