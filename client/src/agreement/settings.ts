/**
 * The dashboard's own options. The shapes of the agreement endpoints are the server's, imported
 * with `import type` from shared/agreement (responses.ts), so the client bundle carries no
 * statistics code.
 */
import type { UnitKind } from '../../../shared/agreement';

export const UNITS = ['line', 'turn', 'character', 'continuum'] as const satisfies readonly UnitKind[];
export type Unit = UnitKind;

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
