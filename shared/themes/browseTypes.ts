/**
 * The answer of `GET /api/studies/:sid/themes/browse` (server/commands/themes/browser.ts), shared
 * with the theme browser, which imports it with `import type`. Types only.
 */
import type { Levels, ThemeStatus } from './storedTheme';

/** What a count needs to know about one coded extract (its theme already resolved through merges). */
export interface CountedExtract {
  themeId: string;
  transcriptId: string;
  participantId: string;
  source: 'coder' | 'consensus';
}

export interface ThemeCounts {
  /** Codings in coders' layers. */
  codings: number;
  /** Codings in consensus layers (kept apart: a consensus coding usually repeats a coder's). */
  consensusCodings: number;
  /** Distinct participants and transcripts with at least one extract of either kind. */
  participants: number;
  transcripts: number;
}

/** One coded extract as a table of themes cites it. */
export interface Extract extends CountedExtract {
  codingId: string;
  /** The theme the coder chose; differs from `themeId` when that theme was merged since. */
  codedThemeId: string;
  transcriptTitle: string;
  pseudonym: string;
  /** The coder's id; null for a consensus coding. */
  coderId: string | null;
  coderName: string;
  start: number;
  end: number;
  lines: { first: number; last: number };
  lineRange: string;
  quote: string;
  memo?: string;
}

export interface BrowsedTheme {
  id: string;
  label: string;
  description: string;
  color: string;
  status: ThemeStatus;
  mergedInto: string | null;
  parentId: string | null;
  depth: number;
  levelName: string;
  path: readonly string[];
  /** The theme's own extracts. */
  counts: ThemeCounts;
  /** The theme and everything below it. */
  totals: ThemeCounts;
}

export interface BrowseResponse {
  levels: Levels;
  themes: BrowsedTheme[];
  extracts: Extract[];
  scope: {
    /** Coders' layers the caller may not read yet (blind coding before reveal). */
    hiddenLayers: number;
    /** Codings whose theme is not in the codebook (e.g. written by a buggy client). */
    unknownThemes: number;
  };
}
