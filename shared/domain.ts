/**
 * The domain's vocabularies as `as const` tuples with derived unions (house style rule 6).
 * DESIGN.md section 3.
 */
export const ROLES = ['lead', 'coder', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const CODING_MODES = ['open', 'blind'] as const;
export type CodingMode = (typeof CODING_MODES)[number];

export const CODEBOOK_PHASES = ['open', 'locked', 'final'] as const;
export type CodebookPhase = (typeof CODEBOOK_PHASES)[number];

/** A transcript's lifecycle: coding -> reconciling -> final (a lead may step back). */
export const TRANSCRIPT_PHASES = ['coding', 'reconciling', 'final'] as const;
export type TranscriptPhase = (typeof TRANSCRIPT_PHASES)[number];

/** The level names of a study's theme hierarchy, from the top level down. */
export const TERMINOLOGIES = {
  '2022': ['Group experiential theme', 'Personal experiential theme', 'Experiential statement'],
  '2009': ['Master theme', 'Superordinate theme', 'Emergent theme'],
} as const;
export type Terminology =
  | { kind: '2022' }
  | { kind: '2009' }
  | { kind: 'custom'; levels: string[] };

export function levelNames(t: Terminology): readonly string[] {
  return t.kind === 'custom' ? t.levels : TERMINOLOGIES[t.kind];
}

/** How many participants must show a theme for it to count as recurrent. */
export type RecurrenceRule = { kind: 'fraction'; value: number } | { kind: 'count'; value: number };
export const DEFAULT_RECURRENCE_RULE: RecurrenceRule = { kind: 'fraction', value: 0.5 };
export { DEFAULT_LINE_WIDTH } from './transcript/freezeTranscript';
