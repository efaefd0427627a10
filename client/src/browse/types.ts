/** The shape of GET /api/studies/:sid/themes/browse as the theme browser reads it. */
export interface Counts {
  codings: number;
  consensusCodings: number;
  participants: number;
  transcripts: number;
}

export interface BrowsedTheme {
  id: string;
  label: string;
  description: string;
  color: string;
  status: 'active' | 'final' | 'retired';
  mergedInto: string | null;
  parentId: string | null;
  depth: number;
  levelName: string;
  path: string[];
  /** The theme's own extracts. */
  counts: Counts;
  /** The theme and everything below it. */
  totals: Counts;
}

export interface Extract {
  codingId: string;
  themeId: string;
  codedThemeId: string;
  source: 'coder' | 'consensus';
  transcriptId: string;
  transcriptTitle: string;
  participantId: string;
  pseudonym: string;
  coderId: string | null;
  coderName: string;
  start: number;
  end: number;
  lines: { first: number; last: number };
  lineRange: string;
  quote: string;
  memo?: string;
}

export interface BrowseResponse {
  themes: BrowsedTheme[];
  extracts: Extract[];
  scope: { hiddenLayers: number; unknownThemes: number };
}
