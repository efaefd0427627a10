/** Plain-data input of the unit builders: no Yjs, no store; the server adapts its layers to this. */

/** Half-open UTF-16 interval [start, end). */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** A numbered line; lines tile the text (half-open UTF-16 offsets). */
export interface Line extends Interval {
  readonly n: number;
}

export interface Turn extends Interval {
  readonly speaker: string;
}

export interface Coding extends Interval {
  readonly themeId: string;
}

export interface CoderLayer {
  readonly coder: string;
  readonly codings: readonly Coding[];
}

export interface Theme {
  readonly id: string;
  readonly parentId: string | null;
  /** Set when the theme was merged into another; its codings count for the target. */
  readonly mergedInto?: string | null;
}

export interface TranscriptInput {
  readonly id: string;
  /** Text length in UTF-16 code units. */
  readonly length: number;
  readonly lines: readonly Line[];
  readonly turns?: readonly Turn[];
  /** Optional text, used only for disagreement quotes. */
  readonly text?: string;
  /** One layer per coder who coded this transcript; coders without a layer are missing here. */
  readonly layers: readonly CoderLayer[];
}

export const UNIT_KINDS = ['line', 'turn', 'character', 'continuum'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const HIERARCHY_MODES = ['exact', 'rollup'] as const;
/** `rollup`: a coding counts for its theme and all the theme's ancestors. */
export type HierarchyMode = (typeof HIERARCHY_MODES)[number];
