/** The reconciliation record as the server builds it and the renderers print it (docs/reconciliation.md). */
export interface RecordResolution {
  revision: number;
  kind: string;
  coder: string | null;
  theme: string;
  /** Line references of what it wrote, `l. 4; l. 9-10`, or `nothing`. */
  wrote: string;
  rationale: string;
  by: string;
  at: number;
}

export interface RecordItem {
  key: string;
  theme: string;
  kind: string;
  lines: string;
  quote: string;
  status: string;
  superseded: boolean;
  coders: Array<{ name: string; spans: string; otherThemes: string[] }>;
  comments: Array<{ author: string; at: number; text: string }>;
  resolution: RecordResolution | null;
  history: RecordResolution[];
  decisions: Array<{ op: string; theme: string; detail: string; rationale: string; by: string; at: number }>;
}

export interface ReconciliationRecord {
  study: { id: string; title: string };
  generatedAt: number;
  transcripts: Array<{ id: string; title: string; participant: string; phase: string; revealedAt: number | null; revealedBy: string | null; progress: { resolved: number; total: number }; items: RecordItem[] }>;
  /** The coders' reflexive journals the caller may read (auditors always; others once themes are revealed). */
  journals?: Array<{ coder: string; entries: Array<{ at: number; text: string }> }>;
}
