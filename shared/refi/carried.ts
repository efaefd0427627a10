import type { Modified, RefiSelection } from './project';

/**
 * What Concord keeps of a REFI-QDA project beyond its own model, so that an export gives back
 * what the file said (issue 17 items 2 and 3; docs/interchange.md, "What is kept"). Stored as
 * JSON with the study (`interchange_projects`) and with each transcript (`interchange_sources`),
 * so erasing a transcript erases what was carried with it.
 */
export interface CarriedUser {
  readonly guid: string;
  readonly name: string;
}

export interface CarriedCase {
  readonly guid: string;
  readonly name: string;
  readonly description: string;
  /** Its VariableValue elements as the file wrote them. */
  readonly variableValues?: readonly string[];
}

export interface CarriedCode {
  /** The palette colour the import gave a code that had none: while unchanged, none is written back. */
  readonly assignedColor?: string;
  /** The file's isCodable="false" (Concord codes every level); written back while the theme is active. */
  readonly notCodable?: true;
  readonly noteGuids?: readonly string[];
}

export interface CarriedNote {
  readonly guid: string;
  readonly name: string;
  readonly text: string;
  readonly userGuid: string | null;
  readonly createdAt: number | null;
}

export interface CarriedProject {
  /** The Project's creatingUserGUID and creationDateTime as the file stated them. */
  readonly creatingUserGuid: string | null;
  readonly createdAt: number | null;
  /** Every User of the file, in file order, those without work included. */
  readonly users: readonly CarriedUser[];
  /** File user GUID -> the Concord account their work went to. */
  readonly accounts: Readonly<Record<string, string>>;
  /** Concord participant id -> the Case it came from. */
  readonly cases: Readonly<Record<string, CarriedCase>>;
  /** The Project's modifyingUserGUID and modifiedDateTime as the file had them. */
  readonly modified?: Modified;
  /** Per theme (code GUID): what the file said that the theme model does not hold; absent in older rows. */
  readonly codes?: Readonly<Record<string, CarriedCode>>;
  /** Participants made for sources that were in no Case: exported without a Case again. */
  readonly caseless?: readonly string[];
  /** The Project's own Description, and the description the import gave the study (so an edit wins). */
  readonly description?: { readonly file: string | null; readonly study: string };
  /** Notes attached to no passage (the project's, a code's or a source's, or no one's), as the file had them. */
  readonly looseNotes?: readonly CarriedNote[];
  /** Links that did not become a statement's themes, as the file wrote them. */
  readonly links?: readonly string[];
  /** The Project's own NoteRefs (notes about the project as a whole). */
  readonly noteGuids?: readonly string[];
  /** Variables, Sets and Graphs as the file wrote them (carriedSections.ts); absent in older rows. */
  readonly sections?: Readonly<Partial<Record<'Variables' | 'Sets' | 'Graphs', string>>>;
}

/**
 * A PlainTextSelection as the file had it (the parsed selection's own fields: UTF-16 [start, end)
 * on the stored transcript text), with the Concord records made from it.
 */
export interface CarriedSelection extends Pick<RefiSelection, 'guid' | 'name' | 'start' | 'end' | 'userGuid' | 'createdAt' | 'modified'> {
  /** The selection had an empty `<Description/>` (NVivo writes one on every selection). */
  readonly emptyMemo?: true;
  /** Ids of the codings, notes and statements made from this selection, in file order. */
  readonly records: readonly string[];
}

export interface CarriedSource {
  readonly guid: string;
  readonly name: string;
  readonly userGuid: string | null;
  readonly createdAt: number | null;
  readonly selections: readonly CarriedSelection[];
  readonly description?: string | null;
  readonly noteGuids?: readonly string[];
  readonly modified?: Modified;
  readonly variableValues?: readonly string[];
  /** Note record id (exploratory note or statement) -> the Note it came from. */
  readonly notes: Readonly<Record<string, { readonly guid: string; readonly name: string }>>;
}
