/**
 * The shapes of the agreement endpoints as the dashboard reads them (GET
 * /api/studies/:sid/agreement and GET /api/transcripts/:tid/disagreements). Declared here rather
 * than imported from the engine so the client bundle carries no statistics code.
 */
export type Estimate = { value: number; reason?: undefined } | { value: null; reason: string };

export const UNITS = ['line', 'turn', 'character', 'continuum'] as const;
export type Unit = (typeof UNITS)[number];

export interface Interval {
  lower: number | null;
  upper: number | null;
  confidence: number;
  replicates: number;
  seed: number;
  undefinedReplicates: number;
  reason?: string;
}

export interface MeasureSet {
  units: number;
  prevalence: number | null;
  alpha: Estimate;
  percentAgreement: Estimate;
  cohenKappa: Estimate;
  cohenKappaSE: number | null;
  fleissKappa: Estimate;
  brennanPrediger: Estimate;
  unitizing?: { uAlpha: Estimate; cuAlpha: Estimate; coverage: number | null };
  ci?: Interval;
  bands: { alpha: 'reliable' | 'tentative' | 'unreliable' | null; kappa: string | null };
  warnings: string[];
}

export interface AgreementResponse {
  report: {
    unit: Unit;
    hierarchy: 'exact' | 'rollup';
    coders: string[];
    overall: MeasureSet;
    themes: Array<{ themeId: string } & MeasureSet>;
    transcripts: Array<{ transcriptId: string } & MeasureSet>;
    pairs: Array<{ coders: [string, string] } & MeasureSet>;
    cells: Array<{ transcriptId: string; themeId: string } & MeasureSet>;
  };
  seed?: number;
  coders: Array<{ id: string; name: string }>;
  themes: Array<{ id: string; label: string; path: string[]; levelName: string; color: string; status: string }>;
  transcripts: Array<{ id: string; title: string; participantId: string; phase: string; length: number; lines: number }>;
}

export type DisagreementKind = 'presence' | 'category' | 'boundary';

export interface DisagreementRegion {
  key: string;
  themeId: string;
  kind: DisagreementKind;
  start: number;
  end: number;
  length: number;
  lines: { from: number; to: number; label: string } | null;
  quote?: string;
}

export interface DisagreementsResponse {
  transcript: { id: string; title: string; phase: string };
  coders: Array<{ id: string; name: string }>;
  regions: DisagreementRegion[];
}

/** The options the dashboard sends; also recorded in exports so a file says how it was made. */
export interface AgreementSettings {
  unit: Unit;
  rollup: boolean;
  /** Bootstrap replicates for the alpha CI, or 0 for none. */
  bootstrap: number;
  seed: number;
  /** Transcripts and coders to compare; null for all the caller may see. */
  transcripts: string[] | null;
  coders: string[] | null;
}
