import type { TranscriptPhase } from '../domain';
import type { DisagreementRegion } from './disagreements';
import type { AgreementReport } from './report';

/**
 * What GET /api/studies/:sid/agreement answers: the report, with the coders, themes and
 * transcripts it names, so it reads and exports as it is. The server returns it and the
 * dashboard reads it (with `import type`: no statistics code in the client bundle).
 */
export interface AgreementResponse {
  readonly report: AgreementReport;
  readonly seed?: number;
  readonly coders: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly themes: ReadonlyArray<{ readonly id: string; readonly label: string; readonly path: readonly string[]; readonly levelName: string; readonly color: string; readonly status: string }>;
  readonly transcripts: ReadonlyArray<{ readonly id: string; readonly title: string; readonly participantId: string; readonly phase: TranscriptPhase; readonly length: number; readonly lines: number }>;
  /**
   * The codebook reconciliation's state when the themes include coders' private themes (docs/
   * reconciliation.md): agreement is computed on mapped themes; an unmapped private theme is a
   * category of its own (its codings disagree with any other coder's theme); excluded ones count
   * for nothing.
   */
  readonly codebook?: { readonly unmapped: number; readonly excluded: number; readonly unmappedThemes: ReadonlyArray<{ readonly id: string; readonly label: string; readonly owner: string }> };
}

/** What GET /api/transcripts/:tid/disagreements answers. */
export interface DisagreementsResponse {
  readonly transcript: { readonly id: string; readonly title: string; readonly phase: TranscriptPhase };
  readonly coders: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly regions: readonly DisagreementRegion[];
}
