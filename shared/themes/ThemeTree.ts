import type { Levels, ThemeStatus } from './storedTheme';

/** A theme as every client shows it: stored fields plus what the read rule derives. */
export interface Theme {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly color: string;
  /** Effective status: a theme kept by the merge-cycle rule reads `active` though stored retired. */
  readonly status: ThemeStatus;
  /** Effective merge target (null when not merged or when the merge was ignored). */
  readonly mergedInto: string | null;
  /** Effective parent (null at the top level), after the read rule; may differ from the stored one. */
  readonly parentId: string | null;
  readonly order: string;
  readonly createdBy: string;
  readonly createdAt: number;
  /** The coder whose private codebook holds the theme; null for a theme of the shared codebook. */
  readonly owner: string | null;
  /** The case (transcript id) of a personal experiential theme or its sub-theme; null otherwise. */
  readonly caseId: string | null;
  /** 1 for a top-level theme. */
  readonly depth: number;
  /** Index into `levels.names` (depth - 1). */
  readonly level: number;
  readonly levelName: string;
  /** Theme ids from the top level down to this theme, inclusive. */
  readonly path: readonly string[];
  /** A live theme under a retired parent (someone added or kept it there while the parent retired). */
  readonly orphaned: boolean;
  /** A private theme the lead kept out of the consensus (codebook reconciliation); it reads as retired. */
  readonly excluded: boolean;
}

export interface ThemeTree {
  readonly levels: Levels;
  /** Every valid theme once, in display order (depth-first, siblings by order key then id). */
  readonly themes: readonly Theme[];
  readonly roots: readonly Theme[];
  readonly byId: ReadonlyMap<string, Theme>;
  /** Children of a theme (or of the top level for null), in display order. */
  readonly childrenOf: (parentId: string | null) => readonly Theme[];
  /** The theme a coding of `themeId` counts for, following merges; unknown ids map to themselves. */
  readonly resolve: (themeId: string) => string;
  /** Human-readable reports of ignored values and of rule applications, in a stable order. */
  readonly problems: readonly string[];
}
