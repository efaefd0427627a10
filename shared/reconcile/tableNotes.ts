import type { NoteKind } from '../coding/layerRecords';
import { type Line, type LineRange, formatLineRange } from '../transcript';
import { citeLines } from './citeLines';

/**
 * Exploratory notes beside the evidence of the table of themes (issue 15 item 5). Notes are
 * anchored to lines and never linked to themes, so the table places a note under each extract or
 * statement whose lines it shares: the analyst's first reading of the passage the theme rests on.
 * Which notes are shown, and whether at all, is the study's setting `tableNotes` or the export's
 * `notes` parameter (tableView.ts); the cells always carry them and the view strips them.
 */
export const TABLE_NOTES_SETTINGS = ['none', 'beside-evidence'] as const;
export type TableNotesSetting = (typeof TABLE_NOTES_SETTINGS)[number];
export const DEFAULT_TABLE_NOTES: TableNotesSetting = 'none';

/** An exploratory note as the table cites it. */
export interface NoteEvidence {
  readonly noteId: string;
  readonly kind: NoteKind;
  readonly text: string;
  /** `l. 3-4` */
  readonly lineLabel: string;
  /** `P07, l. 3-4` */
  readonly citation: string;
}

export interface TableNote {
  readonly id: string;
  readonly kind: NoteKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A transcript's notes with their lines, ready to be matched against evidence by lines. */
export interface CitedNotes {
  readonly list: ReadonlyArray<{ readonly lines: LineRange; readonly note: NoteEvidence }>;
}

/**
 * Cites each note once; a note seen in several readable layers (the same id copied into the
 * consensus) is listed once. Notes outside the text are left out, as codings are.
 */
export function citeNotes(text: string, lines: readonly Line[], pseudonym: string, notes: readonly TableNote[]): CitedNotes {
  const seen = new Set<string>();
  const list: Array<{ lines: LineRange; note: NoteEvidence }> = [];
  for (const n of [...notes].sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (seen.has(n.id) || !(n.end > n.start) || n.end > text.length) continue;
    seen.add(n.id);
    const range = citeLines(text, lines, n.start, n.end);
    const lineLabel = formatLineRange(range);
    list.push({ lines: range, note: { noteId: n.id, kind: n.kind, text: n.text, lineLabel, citation: `${pseudonym}, ${lineLabel}` } });
  }
  return { list };
}

/** The notes whose lines overlap `range` (inclusive line numbers), in transcript order. */
export function notesOverlapping(cited: CitedNotes, range: LineRange): NoteEvidence[] {
  return cited.list.filter((n) => n.lines.first <= range.last && n.lines.last >= range.first).map((n) => n.note);
}

/** `Exploratory note (linguistic)`, the words every export prints before a note. */
export const noteLabel = (n: Pick<NoteEvidence, 'kind'>): string => `Exploratory note (${n.kind})`;
