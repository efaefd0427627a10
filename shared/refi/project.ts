import type { CarriedSections } from './carriedSections';
/** A REFI-QDA project as read by parseProject (Project.xsd, QDA-XML 1.0). GUIDs are canonical (guid.ts). */
export interface RefiUser {
  readonly guid: string;
  readonly name: string;
}

export interface RefiCode {
  readonly guid: string;
  readonly name: string;
  readonly parentGuid: string | null;
  readonly color: string | null;
  readonly description: string;
  /** Exporters mark grouping levels `isCodable="false"`; Concord codes every level (docs/interchange.md). */
  readonly isCodable: boolean;
  /** The code's NoteRefs (memos about the code). */
  readonly noteGuids?: readonly string[];
}

/** A coded stretch of a text source, positions already converted to UTF-16 offsets [start, end). */
export interface RefiCoding {
  readonly selectionGuid: string;
  readonly codeGuid: string;
  /** creatingUser of the Coding, else of its PlainTextSelection, else of the project. */
  readonly userGuid: string;
  readonly start: number;
  readonly end: number;
}

/** A PlainTextSelection with its positions converted to UTF-16 offsets [start, end) of the source text. */
export interface RefiSelection {
  readonly guid: string;
  readonly name: string | null;
  readonly start: number;
  readonly end: number;
  /** creatingUser of the selection, else of the project. */
  readonly userGuid: string | null;
  readonly createdAt: number | null;
  /** The selection's Description: a coding memo. */
  readonly memo: string | null;
  readonly codings: readonly { readonly guid: string | null; readonly codeGuid: string; readonly userGuid: string | null; readonly createdAt: number | null }[];
  readonly noteGuids: readonly string[];
  /** modifyingUser and modifiedDateTime as the file had them (carried, never used). */
  readonly modified?: Modified;
}

/** An element's modifyingUser(GUID) and modifiedDateTime, kept to be written back. */
export interface Modified {
  readonly userGuid: string | null;
  readonly at: number | null;
}

export interface RefiTextSource {
  readonly guid: string;
  readonly name: string;
  readonly text: string;
  readonly userGuid: string | null;
  readonly createdAt: number | null;
  readonly codings: readonly RefiCoding[];
  readonly selections: readonly RefiSelection[];
  /** The TextSource's Description and NoteRefs, and who changed it last, as the file had them. */
  readonly description?: string | null;
  readonly noteGuids?: readonly string[];
  readonly modified?: Modified;
  /** Its VariableValue elements as the file wrote them (rawChildren.ts). */
  readonly variableValues?: readonly string[];
}

export interface RefiNote {
  readonly guid: string;
  readonly name: string;
  readonly text: string;
  readonly userGuid: string | null;
  readonly createdAt: number | null;
}

export interface RefiCase {
  readonly guid: string;
  readonly name: string;
  readonly description: string;
  readonly sourceGuids: readonly string[];
  readonly variableValues?: readonly string[];
}

export interface RefiLink {
  readonly guid: string;
  readonly name: string;
  readonly originGuid: string | null;
  readonly targetGuid: string | null;
}

/** A source that is not plain text (PDF, picture, audio, video), or text that could not be read. */
export interface RefiSkippedSource {
  readonly guid: string;
  readonly name: string;
  readonly kind: string;
  readonly reason: string;
}

/** How the exporting tool counted positions; see offsets.ts. */
export interface OffsetConvention {
  readonly unit: 'codepoint' | 'utf16';
  /** Whether CRLF counts as one character (some Windows tools) or two. */
  readonly crlf: 'one' | 'two';
  readonly end: 'exclusive' | 'inclusive';
}

export interface RefiProject {
  /** The Project's creatingUserGUID and creationDateTime, kept for the export (issue 17 item 3). */
  readonly creatingUserGuid?: string | null;
  readonly createdAt?: number | null;
  /** The file as its user knows it, when the reader was told (ParseOptions.file). */
  readonly file?: string | undefined;
  readonly name: string;
  readonly origin: string | null;
  readonly namespace: string | null;
  readonly users: readonly RefiUser[];
  readonly codes: readonly RefiCode[];
  readonly sources: readonly RefiTextSource[];
  readonly cases: readonly RefiCase[];
  readonly notes: readonly RefiNote[];
  readonly links: readonly RefiLink[];
  readonly skippedSources: readonly RefiSkippedSource[];
  /** Selections whose positions lie outside their source's text under the detected convention (as written). */
  readonly skippedSelections: readonly { readonly guid: string; readonly name: string | null; readonly source: string; readonly start: number; readonly end: number }[];
  readonly convention: OffsetConvention;
  /** Selections whose name matched the text under the chosen convention / selections with a name. */
  readonly conventionEvidence: { readonly matched: number; readonly named: number };
  readonly warnings: readonly string[];
  /** The Project's own Description and NoteRefs (after every section in Project.xsd's sequence). */
  readonly description?: string | null;
  readonly noteGuids?: readonly string[];
  readonly modified?: Modified;
  /** Every Link of the Links section as the file wrote it (rawChildren.ts). */
  readonly linkXml?: readonly { readonly guid: string | null; readonly raw: string }[];
  /** What the file holds that Concord neither models nor carries (reported as refused). */
  readonly dropped?: readonly { readonly element: string; readonly reason: string }[];
  /** Variables, Sets and Graphs: carried as written, or refused (carriedSections.ts). */
  readonly sections?: CarriedSections;
}
