/**
 * Real-time document names (DESIGN.md section 4). Each name is one permission boundary:
 * a document has exactly one set of writers.
 */
export type DocRef =
  | { kind: 'codebook'; studyId: string }
  /** A coder's private codebook: the themes they create under independent themes (docs/theme-model.md). */
  | { kind: 'privateCodebook'; studyId: string; ownerId: string }
  /** A coder's reflexive journal (issue 15 item 6): private under the private codebook's rule. */
  | { kind: 'journal'; studyId: string; ownerId: string }
  /** The lead's codebook reconciliation (issue 15 item 2): decisions on private themes, written by the server. */
  | { kind: 'codebookMap'; studyId: string }
  /** The lead's write-up of the table of themes (issue 15 item 5): key quotes and order, written by the server. */
  | { kind: 'writeup'; studyId: string }
  | { kind: 'layer'; transcriptId: string; ownerId: string }
  | { kind: 'consensus'; transcriptId: string }
  | { kind: 'discussion'; transcriptId: string };

export type DocKind = DocRef['kind'];
export const DOC_KINDS = ['codebook', 'privateCodebook', 'journal', 'codebookMap', 'writeup', 'layer', 'consensus', 'discussion'] as const satisfies readonly DocKind[];

const ID = '[A-Za-z0-9_-]{1,64}';
const patterns: Array<[RegExp, (m: RegExpMatchArray) => DocRef]> = [
  [new RegExp(`^studies/(${ID})/codebook$`), (m) => ({ kind: 'codebook', studyId: m[1]! })],
  [new RegExp(`^studies/(${ID})/codebooks/(${ID})$`), (m) => ({ kind: 'privateCodebook', studyId: m[1]!, ownerId: m[2]! })],
  [new RegExp(`^studies/(${ID})/journals/(${ID})$`), (m) => ({ kind: 'journal', studyId: m[1]!, ownerId: m[2]! })],
  [new RegExp(`^studies/(${ID})/codebookMap$`), (m) => ({ kind: 'codebookMap', studyId: m[1]! })],
  [new RegExp(`^studies/(${ID})/writeup$`), (m) => ({ kind: 'writeup', studyId: m[1]! })],
  [new RegExp(`^transcripts/(${ID})/layers/(${ID})$`), (m) => ({ kind: 'layer', transcriptId: m[1]!, ownerId: m[2]! })],
  [new RegExp(`^transcripts/(${ID})/consensus$`), (m) => ({ kind: 'consensus', transcriptId: m[1]! })],
  [new RegExp(`^transcripts/(${ID})/discussion$`), (m) => ({ kind: 'discussion', transcriptId: m[1]! })],
];

/** Parses a document name; null when it is not one of the forms above. */
export function parseDocName(name: string): DocRef | null {
  if (name.length > 200) return null;
  for (const [re, build] of patterns) {
    const m = name.match(re);
    if (m) return build(m);
  }
  return null;
}

export function docName(ref: DocRef): string {
  switch (ref.kind) {
    case 'codebook':
      return `studies/${ref.studyId}/codebook`;
    case 'privateCodebook':
      return `studies/${ref.studyId}/codebooks/${ref.ownerId}`;
    case 'journal':
      return `studies/${ref.studyId}/journals/${ref.ownerId}`;
    case 'codebookMap':
      return `studies/${ref.studyId}/codebookMap`;
    case 'writeup':
      return `studies/${ref.studyId}/writeup`;
    case 'layer':
      return `transcripts/${ref.transcriptId}/layers/${ref.ownerId}`;
    case 'consensus':
      return `transcripts/${ref.transcriptId}/consensus`;
    case 'discussion':
      return `transcripts/${ref.transcriptId}/discussion`;
  }
}

export const codebookDocName = (studyId: string) => docName({ kind: 'codebook', studyId });
export const discussionDocName = (transcriptId: string) => docName({ kind: 'discussion', transcriptId });
export const consensusDocName = (transcriptId: string) => docName({ kind: 'consensus', transcriptId });
export const codebookMapDocName = (studyId: string) => docName({ kind: 'codebookMap', studyId });
export const writeupDocName = (studyId: string) => docName({ kind: 'writeup', studyId });
