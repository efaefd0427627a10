import type { Levels } from '../themes/storedTheme';
import type { CodebookDecision } from './codebookMap';
import type { MatchSuggestion } from './codebookSuggestions';

/**
 * What `GET /api/studies/:sid/codebook/reconciliation` answers (docs/reconciliation.md, "Codebook
 * reconciliation"); types only, so the client imports them with `import type`.
 */
export interface CodebookThemeRow {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly color: string;
  /** The coder whose private codebook holds it; null for the shared codebook. */
  readonly owner: string | null;
  readonly parentId: string | null;
  readonly depth: number;
  readonly levelName: string;
  /** Labels from the top level down, inclusive. */
  readonly pathLabels: readonly string[];
  readonly status: string;
  /** Codings that name it (as coded, every coder) and the lines they touch; null when the caller may not see counts yet. */
  readonly codings: number | null;
  readonly lines: number | null;
}

export interface CodebookSuggestionRow extends MatchSuggestion {
  readonly label: string;
  readonly owner: string | null;
  readonly pathLabels: readonly string[];
}

export interface PrivateThemeRow extends CodebookThemeRow {
  /** The lead's current decision (its `history` holds the earlier ones), null while undecided. */
  readonly decision: CodebookDecision | null;
  /** The theme its codings count for now (after the decision), null when undecided or excluded. */
  readonly countsAs: { readonly id: string; readonly label: string } | null;
  readonly suggestions: readonly CodebookSuggestionRow[];
}

export interface CodebookReconcileView {
  readonly study: { readonly id: string; readonly title: string; readonly codebookPhase: string };
  /** The coders' private themes are revealed (or were never private). */
  readonly revealed: boolean;
  /** The caller may decide (a lead or admin, themes revealed, codebook not final). */
  readonly canDecide: boolean;
  /** The caller may reveal the themes (a lead or admin, not revealed yet). */
  readonly canReveal: boolean;
  readonly levels: Levels;
  /** The shared codebook as it reads now (themes created by merges and promotions included), depth-first. */
  readonly shared: readonly CodebookThemeRow[];
  /** Each coder's private themes (as they made them: not retired or merged in their own codebook). */
  readonly coders: ReadonlyArray<{ readonly id: string; readonly name: string; readonly themes: readonly PrivateThemeRow[] }>;
  readonly summary: { readonly privateThemes: number; readonly decided: number; readonly unmapped: number; readonly excluded: number };
}
