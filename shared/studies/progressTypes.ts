/**
 * The answer of `GET /api/studies/:sid/progress` (server/commands/studies/progress.ts), shared
 * with the client's progress page, which imports it with `import type`. Types only.
 */
import type { CodingMode, Role, TranscriptPhase } from '../domain';

export interface CoderProgress {
  coderId: string;
  codings: number;
  notes: number;
  statements: number;
  /** Non-blank lines touched by at least one of the coder's codings. */
  linesCoded: number;
  /** linesCoded / the transcript's non-blank lines; null for a transcript without text lines. */
  share: number | null;
}

export interface TranscriptProgress {
  id: string;
  title: string;
  participantId: string;
  pseudonym: string;
  phase: TranscriptPhase;
  /** Non-blank lines, the denominator of `share`. */
  lines: number;
  coders: CoderProgress[];
  /** Codings in the consensus layer (0 while coding: it is written during reconciliation). */
  consensusCodings: number;
}

export interface ProgressResponse {
  study: { id: string; title: string; codingMode: CodingMode };
  /** Everyone with a row; `role` is null for a former member whose layer remains. */
  coders: Array<{ id: string; name: string; role: Role | null }>;
  transcripts: TranscriptProgress[];
}
