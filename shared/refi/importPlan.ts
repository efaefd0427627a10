import type { CarriedCase, CarriedProject, CarriedSource } from './carried';
import type { OffsetConvention } from './project';
import type { FrozenTranscript } from '../transcript';

/** A theme to create; `id` is the code's GUID, so a later .qdc of the same codebook matches it. */
export interface PlannedTheme {
  readonly id: string;
  readonly label: string;
  readonly parentId: string | null;
  readonly description: string;
  readonly color: string | null;
}

export interface PlannedParticipant {
  /** The Case GUID, or `source:<guid>` for a participant made for a source without a Case. */
  readonly key: string;
  readonly pseudonym: string;
  /** The Case as the file had it; none for a participant made for a source. */
  readonly case?: CarriedCase;
}

export interface PlannedCoding {
  /** The record id: the Coding's GUID when it has one (carried.ts). */
  readonly id: string;
  readonly themeId: string;
  readonly start: number;
  readonly end: number;
  readonly memo?: string;
  readonly createdAt: number;
}

export interface PlannedNote {
  readonly id: string;
  readonly kind: 'descriptive' | 'linguistic' | 'conceptual';
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly createdAt: number;
}

export interface PlannedStatement {
  readonly id: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly themeIds: readonly string[];
  readonly createdAt: number;
}

/** One coder's work on one transcript; `userGuid` is the consensus user for the consensus layer. */
export interface PlannedLayer {
  readonly userGuid: string;
  readonly codings: readonly PlannedCoding[];
  readonly notes: readonly PlannedNote[];
  readonly statements: readonly PlannedStatement[];
}

export interface PlannedTranscript {
  readonly sourceGuid: string;
  readonly title: string;
  readonly participantKey: string;
  readonly frozen: FrozenTranscript;
  readonly layers: readonly PlannedLayer[];
  /** The source as the file had it, kept for the export. */
  readonly carried: CarriedSource;
}

export interface PlannedUser {
  readonly guid: string;
  readonly name: string;
}

/** Something in the file that was not imported, with the reason a user can act on. */
export interface SkippedItem {
  readonly kind: 'source' | 'selection' | 'coding' | 'note' | 'code' | 'user';
  readonly name: string;
  readonly reason: string;
}

export interface ImportReport {
  readonly origin: string | null;
  readonly convention: OffsetConvention;
  readonly imported: {
    readonly themes: number;
    readonly participants: number;
    readonly transcripts: number;
    readonly users: number;
    readonly codings: number;
    readonly notes: number;
    readonly statements: number;
  };
  readonly skipped: readonly SkippedItem[];
  readonly warnings: readonly string[];
  /**
   * What happens to each part of the file: modelled (becomes Concord records), carried (kept as
   * written and given back on export) or refused (neither; the reason says why).
   */
  readonly parts: {
    readonly modelled: readonly string[];
    readonly carried: readonly string[];
    readonly refused: readonly { readonly element: string; readonly reason: string }[];
  };
}

export interface ImportPlan {
  readonly title: string;
  /** Level names when the hierarchy is deeper than the default three levels, else null. */
  readonly levels: readonly string[] | null;
  readonly themes: readonly PlannedTheme[];
  readonly participants: readonly PlannedParticipant[];
  readonly transcripts: readonly PlannedTranscript[];
  /** Users with work in the file (consensus excluded), in file order. */
  readonly users: readonly PlannedUser[];
  /** What the export gives back beyond the study (accounts and cases are known only at import). */
  readonly carried: Omit<CarriedProject, 'accounts' | 'cases' | 'caseless' | 'description'>;
  /** The Project's own Description, kept with the study (carried.ts). */
  readonly description: string | null;
  readonly report: ImportReport;
}
