import type { TurnHint } from '../types';

/** What an importer hands to `freezeTranscript`: raw text plus the turns it already knows. */
export interface ParsedTranscript {
  raw: string;
  /** Keyed by paragraph index of `raw` (see `FreezeOptions.turnHints`). */
  turnHints: ReadonlyMap<number, TurnHint>;
}

/** One timed stretch of speech from a subtitle cue; a cue with two voices gives two. */
export interface CueSegment {
  startMs: number;
  endMs: number;
  speaker: string | null;
  text: string;
}
