/**
 * One numbered line of a frozen transcript: `[start, end)` in UTF-16 code units of the frozen
 * text, `n` counted from 1. The `\n` that ends a line sits at offset `end` and belongs to no line.
 */
export interface Line {
  n: number;
  start: number;
  end: number;
}

/**
 * Timing carried over from subtitle files (.vtt, .srt), in milliseconds from the media start.
 * A type alias, not an interface, so it stays assignable to JSON-ish `Record<string, unknown>`.
 */
export type TurnMeta = {
  startMs: number;
  endMs: number;
};

/**
 * A speaker turn: from the start of its speaker prefix to the start of the next turn (or the end
 * of the text), so consecutive turns touch. Text before the first prefix belongs to no turn.
 */
export interface Turn {
  speaker: string;
  start: number;
  end: number;
  meta?: TurnMeta;
}

export interface FrozenTranscript {
  text: string;
  lines: Line[];
  turns: Turn[];
}

/** First and last line numbers (1-based, inclusive) touched by a span. */
export interface LineRange {
  first: number;
  last: number;
}

/**
 * Lets an importer that already knows the speakers (subtitle voice tags) declare a turn at a
 * paragraph, whatever the paragraph's prefix looks like.
 */
export interface TurnHint {
  speaker: string;
  meta?: TurnMeta;
}
