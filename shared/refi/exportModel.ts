/**
 * What the REFI-QDA writers need, independent of how Concord stores a study. Offsets are UTF-16
 * `[start, end)` on `text`, as everywhere in Concord; the writers convert them to code points.
 * Every `guid` is a canonical GUID (guid.ts), every time is milliseconds since the epoch.
 */
export interface ExportUser {
  readonly guid: string;
  readonly name: string;
}

export interface ExportCode {
  readonly guid: string;
  readonly name: string;
  readonly color: string | null;
  readonly description: string;
  readonly isCodable: boolean;
  readonly noteGuids?: readonly string[];
  readonly children: readonly ExportCode[];
}

export interface ExportCoding {
  readonly guid: string;
  readonly codeGuid: string;
  readonly userGuid: string;
  readonly createdAt: number;
}

export interface ExportSelection {
  readonly guid: string;
  /** The name the selection had in the file it was imported from; else the writer uses the full quote. */
  readonly name?: string;
  readonly start: number;
  readonly end: number;
  readonly userGuid: string;
  readonly createdAt: number;
  /** A coding memo, written as the selection's Description. */
  readonly memo?: string;
  readonly codings: readonly ExportCoding[];
  readonly noteGuids: readonly string[];
  /** modifyingUser and modifiedDateTime, written back from an imported file. */
  readonly modified?: ExportModified;
}

export interface ExportModified {
  readonly userGuid?: string;
  readonly at?: number;
}

export interface ExportSource {
  readonly guid: string;
  readonly name: string;
  readonly text: string;
  /** Absent when the file the source came from named no creator. */
  readonly userGuid?: string;
  readonly createdAt?: number;
  readonly selections: readonly ExportSelection[];
  /** From an imported file: the TextSource's Description and NoteRefs, who changed it last. */
  readonly description?: string;
  readonly noteGuids?: readonly string[];
  readonly modified?: ExportModified;
  readonly variableValues?: readonly string[];
}

export interface ExportCase {
  readonly guid: string;
  readonly name: string;
  readonly description?: string;
  readonly sourceGuids: readonly string[];
  /** VariableValue elements carried from an imported file, written as they were. */
  readonly variableValues?: readonly string[];
}

export interface ExportNote {
  readonly guid: string;
  readonly name: string;
  readonly text: string;
  readonly userGuid?: string;
  readonly createdAt?: number;
}

/** A directed link, used from an experiential statement's Note to the codes it feeds. */
export interface ExportLink {
  readonly guid: string;
  readonly name: string;
  readonly originGuid: string;
  readonly targetGuid: string;
}

export interface ExportProject {
  readonly name: string;
  readonly origin: string;
  readonly userGuid?: string;
  readonly createdAt?: number;
  readonly description?: string;
  readonly modified?: ExportModified;
  /** The Project's own NoteRefs (carried from an imported file). */
  readonly noteGuids?: readonly string[];
  readonly users: readonly ExportUser[];
  readonly codes: readonly ExportCode[];
  readonly cases: readonly ExportCase[];
  readonly sources: readonly ExportSource[];
  readonly notes: readonly ExportNote[];
  readonly links: readonly ExportLink[];
  /** Links carried from an imported file, written after Concord's own as they were. */
  readonly carriedLinks?: readonly string[];
  /** Sections of the imported file Concord does not model, written back as they were (carriedSections.ts). */
  readonly carriedSections?: Readonly<Partial<Record<'Variables' | 'Sets' | 'Graphs', string>>>;
}
