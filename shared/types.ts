/**
 * The shapes the REST API answers with, shared by the server and the client (which imports them
 * with `import type`). Requests are validated by the schemas of shared/api.ts.
 */
import type { TableNotesSetting } from './reconcile/tableNotes';
import type { CodebookPhase, CodingMode, RecurrenceRule, Role, Terminology, TranscriptPhase } from './domain';

export interface User {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

/** A study as stored. */
export interface StudyRecord {
  id: string;
  title: string;
  description: string;
  codingMode: CodingMode;
  terminology: Terminology;
  lineWidth: number;
  recurrenceRule: RecurrenceRule;
  codebookPhase: CodebookPhase;
  /** Open mode with coders' new themes private until reveal (blind mode always has it). */
  independentThemes: boolean;
  /** When the lead revealed the coders' private codebooks; null before. */
  themesRevealedAt: number | null;
  /** Whether the table of themes' exports list exploratory notes beside the evidence (issue 15 item 5). */
  tableNotes: TableNotesSetting;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

/** A study as the API answers it: with the caller's role (null for an instance admin who is not a member). */
export interface Study extends StudyRecord {
  role: Role | null;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  /** Created by a project import; nobody has taken it over yet. */
  pending?: boolean;
}

export interface Participant {
  id: string;
  pseudonym: string;
  attributes: Record<string, string | number | boolean>;
}

export interface TranscriptMeta {
  id: string;
  participantId: string;
  title: string;
  phase: TranscriptPhase;
  length: number;
  sha256: string;
  createdAt: number;
}
