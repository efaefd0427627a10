import { detectTurns } from './detectTurns';
import { normalizeText } from './normalizeText';
import type { FrozenTranscript, TurnHint } from './types';
import { wrapText } from './wrapText';

/** The study default (DESIGN.md section 3). */
export const DEFAULT_LINE_WIDTH = 80;

export interface FreezeOptions {
  /** Maximum line length in code points; a longer line holds exactly one word. */
  lineWidth?: number;
  /**
   * Turns an importer already knows, keyed by paragraph index: the index of the line in
   * `normalizeText(raw).split('\n')`, counted from 0.
   */
  turnHints?: ReadonlyMap<number, TurnHint>;
}

/**
 * Freezes imported text so that line numbers are stable and citable (DESIGN.md section 3).
 *
 * The wrapped text is the frozen text: wrapping writes `\n` into it. Lines tile it exactly:
 * line 1 starts at 0, each line's `end + 1` is the next line's `start` (the `\n` in between is in
 * no line), and the last line ends at `text.length`. Empty text has no lines.
 *
 * Idempotent on the text: freezing `text` again at the same width returns the same `text`. Turns
 * are not guaranteed to be: a wrapped line beginning with something like `Note:` becomes a
 * paragraph start when re-frozen. Store the turns found at import rather than recomputing them.
 */
export function freezeTranscript(raw: string, opts: FreezeOptions = {}): FrozenTranscript {
  const width = opts.lineWidth ?? DEFAULT_LINE_WIDTH;
  const { text, lines, paragraphStarts } = wrapText(normalizeText(raw), width);
  const turns = detectTurns(text, paragraphStarts, opts.turnHints);
  return { text, lines, turns };
}
