import type { RecurrenceRule } from '../domain';
import type { ThemeTree } from '../themes';
import { type Line, formatLineRange, quoteOf } from '../transcript';
import { citeLines } from './citeLines';
import { type CitedNotes, type NoteEvidence, type TableNote, type TableNotesSetting, citeNotes, notesOverlapping } from './tableNotes';
import { describeRule, requiredParticipants } from './recurrence';
import { DEFAULT_TABLE_VIEW, type TableView } from './tableView';
import { type Writeup, inWriteupOrder, keyQuoteKey } from './writeup';

export interface TableTranscript {
  readonly id: string;
  readonly participantId: string;
  readonly title: string;
  readonly text: string;
  readonly lines: readonly Line[];
  readonly final: boolean;
  /** The consensus codings. */
  readonly codings: readonly { readonly id: string; readonly themeId: string; readonly start: number; readonly end: number }[];
  /** The consensus experiential statements, shown as evidence under the themes they link to. */
  readonly statements?: readonly { readonly id: string; readonly text: string; readonly themeIds: readonly string[]; readonly start: number; readonly end: number }[];
  /** The exploratory notes the viewer may read, placed beside the evidence whose lines they share. */
  readonly notes?: readonly TableNote[];
}

export interface TableInput {
  readonly tree: ThemeTree;
  /** Participants in the analysis (those with a transcript in reconciliation or final), in order. */
  readonly participants: readonly { readonly id: string; readonly pseudonym: string }[];
  /**
   * The study's other participants, whose transcripts are all still in coding: recurrence counts
   * over every participant, and these are pending (not yet known), not absent.
   */
  readonly pending?: readonly { readonly id: string; readonly pseudonym: string }[];
  readonly transcripts: readonly TableTranscript[];
  readonly rule: RecurrenceRule | null;
  /** The lead's key quotes and write-up order (studies/<sid>/writeup); none when absent. */
  readonly writeup?: Writeup;
}

export interface Extract {
  readonly transcriptId: string;
  /** The first consensus coding of the passage. */
  readonly codingId: string;
  /** Every consensus coding of the passage: adjacent or overlapping codings of one theme are one extract. */
  readonly codingIds: readonly string[];
  readonly start: number;
  readonly end: number;
  readonly lines: { readonly first: number; readonly last: number };
  /** `l. 112-118` */
  readonly lineLabel: string;
  /** `P07, l. 112-118`, the form an IPA table of themes cites. */
  readonly citation: string;
  readonly quote: string;
  /** The lead marked it as a key quote of this theme (any coding of the passage marked counts). */
  readonly key: boolean;
  /** Exploratory notes on the passage's lines (tableNotes.ts); empty unless the view asks for them. */
  readonly notes: readonly NoteEvidence[];
}

/** An experiential statement linked to a theme, cited as the table cites extracts. */
export interface StatementEvidence {
  readonly transcriptId: string;
  readonly statementId: string;
  readonly lineLabel: string;
  /** `P07, l. 12-14` */
  readonly citation: string;
  readonly text: string;
  /** The lead marked it as a key quote of this theme. */
  readonly key: boolean;
  /** Exploratory notes on the statement's lines; empty unless the view asks for them. */
  readonly notes: readonly NoteEvidence[];
}

export interface Cell {
  readonly participantId: string;
  readonly pseudonym: string;
  /** Extracts (continuous passages) of this theme itself. */
  readonly count: number;
  /** Extracts with those of its sub-themes. */
  readonly total: number;
  /**
   * The participant's data supports the theme: an extract or a linked statement of the theme or
   * of a theme beneath it. What recurrence counts (see `tableOfThemes`).
   */
  readonly present: boolean;
  readonly extracts: readonly Extract[];
  /**
   * Extracts of the cell left out of this answer by paging (the screen's `perCell`, tableView.ts):
   * `extracts` lists the first ones, the table's cell route the rest. Absent when nothing is left out.
   */
  readonly moreExtracts?: number;
  /**
   * The statements of this participant linked to this theme (after merges and codebook
   * decisions), in transcript order: evidence beside the extracts, not counted in `count` but
   * counted in recurrence (`present`).
   */
  readonly statements: readonly StatementEvidence[];
  /**
   * Statements of the cell left out of this answer by paging (`perCell`, as `moreExtracts`): the
   * cell route gives them. Absent when nothing is left out.
   */
  readonly moreStatements?: number;
}

export interface ThemeRow {
  readonly themeId: string;
  readonly label: string;
  readonly description: string;
  readonly depth: number;
  readonly levelName: string;
  readonly parentId: string | null;
  readonly status: string;
  readonly cells: readonly Cell[];
  readonly count: number;
  readonly total: number;
  readonly recurrence: Recurrence;
}

/**
 * Recurrence over every participant of the study: `of` counts them all, `reconciled` those in
 * the table (a transcript past coding), `pending` the rest; `present` is among the reconciled.
 * `label` says it in words: "3 of 4 reconciled, present in 3".
 */
export interface Recurrence {
  readonly present: number;
  readonly required: number;
  readonly of: number;
  readonly reconciled: number;
  readonly pending: number;
  readonly recurrent: boolean;
  readonly label: string;
}

export interface ThemeTable {
  readonly levels: readonly string[];
  readonly participants: readonly { readonly id: string; readonly pseudonym: string }[];
  readonly rule: { readonly description: string; readonly required: number; readonly of: number };
  /** Participants whose transcripts are still in coding (counted in `of`, not shown as columns). */
  readonly pending: readonly { readonly id: string; readonly pseudonym: string }[];
  readonly rows: readonly ThemeRow[];
  /** True while some transcript in the table is not final yet. */
  readonly provisional: boolean;
  /** Consensus codings on retired or unknown themes, left out of the table. */
  readonly omitted: number;
  /** Which evidence and themes it shows (viewTable); everything, as computed. */
  readonly view: TableView;
}

/**
 * The table of themes (issue 6 item 4): the live themes in display order x the participants,
 * each cell with the participant's extracts from the consensus layers. A coding counts for its
 * theme after merges. Recurrence (IPA: a theme recurs in a participant when that participant's
 * evidence supports it) rolls up: among the participants in the table (transcripts past coding), a
 * participant is present for a theme when a consensus extract or a linked statement of the theme
 * or of a theme beneath it is theirs. Statements count whoever wrote them: past coding every
 * member reads every layer, so the count is the same for every viewer, and a statement reaches a
 * shared theme only through the lead's codebook decisions (map, merge, promote), which is the
 * team's agreement on it; a kept-out private theme resolves to nothing (docs/reconciliation.md).
 * One continuous passage is one extract: a resolved region is stored as its agreed part and its
 * resolved part, two codings side by side, and both are cited and counted as one (issue 15 item 5).
 */
export function tableOfThemes(input: TableInput): ThemeTable {
  const { tree, participants } = input;
  // The lead's write-up order (issue 15 item 5) keeps parents before their sub-themes, so the
  // roll-up below works on it unchanged.
  const live = inWriteupOrder(tree.themes.filter((t) => t.status !== 'retired' && t.mergedInto === null), input.writeup?.order ?? new Map());
  // Key quotes are matched on the theme they count for now (a marked theme may since be merged).
  const keyed = new Set((input.writeup?.keyQuotes ?? []).map((q) => keyQuoteKey(tree.resolve(q.themeId), q.kind, q.evidenceId)));
  const liveIds = new Set(live.map((t) => t.id));
  const pIndex = new Map(participants.map((p, i) => [p.id, i]));
  // themeId -> per participant, own extracts.
  const own = new Map<string, Extract[][]>(live.map((t) => [t.id, participants.map(() => [])]));
  let omitted = 0;
  for (const tr of input.transcripts) {
    const pi = pIndex.get(tr.participantId);
    if (pi === undefined) continue;
    const pseudonym = participants[pi]?.pseudonym ?? '';
    for (const c of tr.codings) {
      const themeId = tree.resolve(c.themeId);
      const perParticipant = liveIds.has(themeId) ? own.get(themeId) : undefined;
      if (!perParticipant || c.end > tr.text.length || !(c.end > c.start)) {
        omitted++;
        continue;
      }
      perParticipant[pi]?.push(extractOf(tr, pseudonym, [c.id], c.start, c.end));
    }
  }
  // Each transcript's notes cited once, then matched by lines against every piece of its evidence.
  const notesOf = new Map<string, CitedNotes>();
  for (const tr of input.transcripts) {
    const pi = pIndex.get(tr.participantId);
    if (pi !== undefined && tr.notes?.length) notesOf.set(tr.id, citeNotes(tr.text, tr.lines, participants[pi]?.pseudonym ?? '', tr.notes));
  }
  const linked = new Map<string, StatementEvidence[][]>(live.map((t) => [t.id, participants.map(() => [])]));
  for (const tr of input.transcripts) {
    const pi = pIndex.get(tr.participantId);
    if (pi === undefined) continue;
    const pseudonym = participants[pi]?.pseudonym ?? '';
    const cited = notesOf.get(tr.id);
    for (const st of [...(tr.statements ?? [])].sort((a, b) => a.start - b.start || a.end - b.end)) {
      if (!(st.end > st.start) || st.end > tr.text.length) continue;
      const range = citeLines(tr.text, tr.lines, st.start, st.end);
      const lineLabel = formatLineRange(range);
      const notes = cited ? notesOverlapping(cited, range) : [];
      for (const themeId of new Set(st.themeIds.map(tree.resolve))) {
        linked.get(themeId)?.[pi]?.push({ transcriptId: tr.id, statementId: st.id, lineLabel, citation: `${pseudonym}, ${lineLabel}`, text: st.text, key: keyed.has(keyQuoteKey(themeId, 'statement', st.id)), notes });
      }
    }
  }
  const transcriptOrder = new Map(input.transcripts.map((t, i) => [t.id, i]));
  const byId = new Map(input.transcripts.map((t) => [t.id, t]));
  const pseudonymOf = new Map(participants.map((p) => [p.id, p.pseudonym]));
  for (const lists of own.values()) {
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i]!;
      list.sort((a, b) => (transcriptOrder.get(a.transcriptId) ?? 0) - (transcriptOrder.get(b.transcriptId) ?? 0) || a.start - b.start || a.end - b.end);
      lists[i] = mergePassages(list, (e) => byId.get(e.transcriptId)!, pseudonymOf.get(participants[i]?.id ?? '') ?? '').map((e) => {
        const cited = notesOf.get(e.transcriptId);
        return cited ? { ...e, notes: notesOverlapping(cited, e.lines) } : e;
      });
    }
  }
  // Totals per participant including descendants, and presence (extracts and linked statements
  // together) rolled up the same way: children come after parents in display order, so walking the
  // list backwards adds each theme into its parent after its own subtree is done.
  const rollUp = <T>(values: Map<string, T[]>, add: (parent: T | undefined, child: T) => T) => {
    for (let i = live.length - 1; i >= 0; i--) {
      const t = live[i]!;
      const parent = t.parentId !== null ? values.get(t.parentId) : undefined;
      if (parent) (values.get(t.id) ?? []).forEach((v, pi) => (parent[pi] = add(parent[pi], v)));
    }
    return values;
  };
  const totals = rollUp(new Map(live.map((t) => [t.id, (own.get(t.id) ?? []).map((l) => l.length)])), (a, b) => (a ?? 0) + b);
  const supported = rollUp(
    new Map(live.map((t) => [t.id, participants.map((_, pi) => (own.get(t.id)?.[pi]?.length ?? 0) > 0 || (linked.get(t.id)?.[pi]?.length ?? 0) > 0)])),
    (a, b) => (a ?? false) || b,
  );
  const pending = input.pending ?? [];
  const reconciled = participants.length;
  const of = reconciled + pending.length;
  const required = requiredParticipants(input.rule, of);
  const rows: ThemeRow[] = live.map((t) => {
    const lists = (own.get(t.id) ?? []).map((l) => l.map((e) => (e.codingIds.some((id) => keyed.has(keyQuoteKey(t.id, 'extract', id))) ? { ...e, key: true } : e)));
    const tot = totals.get(t.id) ?? [];
    const cells = participants.map((p, pi): Cell => ({ participantId: p.id, pseudonym: p.pseudonym, count: lists[pi]?.length ?? 0, total: tot[pi] ?? 0, present: supported.get(t.id)?.[pi] ?? false, extracts: lists[pi] ?? [], statements: linked.get(t.id)?.[pi] ?? [] }));
    const present = cells.filter((c) => c.present).length;
    return {
      themeId: t.id,
      label: t.label,
      description: t.description,
      depth: t.depth,
      levelName: t.levelName,
      parentId: t.parentId,
      status: t.status,
      cells,
      count: cells.reduce((n, c) => n + c.count, 0),
      total: cells.reduce((n, c) => n + c.total, 0),
      recurrence: { present, required, of, reconciled, pending: pending.length, recurrent: of > 0 && present >= required, label: `${reconciled} of ${of} reconciled, present in ${present}` },
    };
  });
  return {
    levels: tree.levels.names,
    participants,
    rule: { description: describeRule(input.rule), required, of },
    pending,
    rows,
    provisional: input.transcripts.some((t) => !t.final),
    omitted,
    view: DEFAULT_TABLE_VIEW,
  };
}

function extractOf(tr: TableTranscript, pseudonym: string, codingIds: readonly string[], start: number, end: number): Extract {
  const lines = citeLines(tr.text, tr.lines, start, end);
  const lineLabel = formatLineRange(lines);
  return { transcriptId: tr.id, codingId: codingIds[0]!, codingIds, start, end, lines, lineLabel, citation: `${pseudonym}, ${lineLabel}`, quote: quoteOf(tr.text, start, end), key: false, notes: [] };
}

/**
 * Joins a participant's sorted extracts of one theme that touch, overlap or are apart by white
 * space only within a transcript into one extract over their union, cited and quoted once: "l. 10-12", not "l. 10-11" and
 * "l. 11-12" with the quote cut in two.
 */
function mergePassages(sorted: readonly Extract[], transcriptOf: (e: Extract) => TableTranscript, pseudonym: string): Extract[] {
  const out: Extract[] = [];
  let run: { first: Extract; ids: string[]; end: number } | null = null;
  const flush = () => {
    if (!run) return;
    const { first, ids, end } = run;
    out.push(ids.length === 1 ? first : extractOf(transcriptOf(first), pseudonym, ids, first.start, end));
  };
  for (const e of sorted) {
    // Touching, overlapping, or apart by white space only (a line break between an agreed part
    // ending a line and a resolved part starting the next): one passage.
    if (run && run.first.transcriptId === e.transcriptId && (e.start <= run.end || transcriptOf(e).text.slice(run.end, e.start).trim() === '')) {
      run.ids.push(...e.codingIds);
      run.end = Math.max(run.end, e.end);
      continue;
    }
    flush();
    run = { first: e, ids: [...e.codingIds], end: e.end };
  }
  flush();
  return out;
}

export interface CaseTable {
  readonly participant: { readonly id: string; readonly pseudonym: string };
  readonly levels: readonly string[];
  readonly provisional: boolean;
  /** The participant's personal themes: rows where their data supports the theme (itself or below). */
  readonly rows: readonly (Omit<ThemeRow, 'cells' | 'recurrence'> & { readonly cell: Cell })[];
}

/** A participant's column of the table of themes, as their personal table of themes. */
export function caseTable(table: ThemeTable, participantId: string): CaseTable | null {
  const pi = table.participants.findIndex((p) => p.id === participantId);
  const participant = table.participants[pi];
  if (!participant) return null;
  const rows = table.rows.flatMap((r) => {
    const cell = r.cells[pi];
    if (!cell?.present) return [];
    const { cells: _c, recurrence: _r, ...row } = r;
    return [{ ...row, count: cell.count, total: cell.total, cell }];
  });
  return { participant, levels: table.levels, provisional: table.provisional, rows };
}

/** The table of themes of a study as the server returns it and the renderers print it. */
export interface StudyThemeTable {
  /** `tableNotes`: the study's setting for exploratory notes in the exports (tableNotes.ts). */
  study: { id: string; title: string; codebookPhase: string; tableNotes: TableNotesSetting };
  table: ThemeTable;
}
