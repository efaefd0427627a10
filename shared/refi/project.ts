/** A REFI-QDA project as far as the agreement calculator needs it (Project.xsd, QDA-XML 1.0). */
export interface RefiUser {
  readonly guid: string;
  readonly name: string;
}

export interface RefiCode {
  readonly guid: string;
  readonly name: string;
  readonly parentGuid: string | null;
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

export interface RefiTextSource {
  readonly guid: string;
  readonly name: string;
  readonly text: string;
  readonly codings: readonly RefiCoding[];
}

/** How the exporting tool counted positions; see offsets.ts. */
export interface OffsetConvention {
  readonly unit: 'codepoint' | 'utf16';
  /** Whether CRLF counts as one character (some Windows tools) or two. */
  readonly crlf: 'one' | 'two';
  readonly end: 'exclusive' | 'inclusive';
}

export interface RefiProject {
  readonly name: string;
  readonly origin: string | null;
  readonly namespace: string | null;
  readonly users: readonly RefiUser[];
  readonly codes: readonly RefiCode[];
  readonly sources: readonly RefiTextSource[];
  readonly convention: OffsetConvention;
  /** Selections whose name matched the text under the chosen convention / selections with a name. */
  readonly conventionEvidence: { readonly matched: number; readonly named: number };
  readonly warnings: readonly string[];
}
