import { LAYER_LIMITS, NOTE_KINDS, type NoteKind, recordIdSchema } from '../coding/layerRecords';
import { randomId } from '../randomId';
import type { CarriedSelection, CarriedSource } from './carried';
import { alignText, mapSpan } from './alignText';
import type { PlannedCoding, PlannedLayer, PlannedNote, PlannedStatement, SkippedItem } from './importPlan';
import type { RefiLink, RefiNote, RefiTextSource } from './project';

/** Names Concord's exports give notes, so that they come back as the same kind of record. */
export const NOTE_NAMES = {
  statement: 'Experiential statement',
  exploratory: (kind: NoteKind) => `Exploratory note (${kind})`,
  rationale: 'Reconciliation rationale',
} as const;

const EXPLORATORY = /^Exploratory note \((\w+)\)/;

export interface LayerContext {
  readonly themeIdOf: ReadonlyMap<string, string>;
  readonly notes: ReadonlyMap<string, RefiNote>;
  readonly links: readonly RefiLink[];
  readonly now: number;
  readonly skipped: SkippedItem[];
  /** Note GUIDs attached to a passage somewhere (the rest are reported once by the caller). */
  readonly attachedNotes: Set<string>;
  /** GUIDs of the Links that became an experiential statement's themes (the rest are carried). */
  readonly usedLinks: Set<string>;
}

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/**
 * The layers of one source, on its frozen text: each selection's codings go to the layer of
 * their creating user, its notes to the layer of the note's author. Positions are carried from
 * the source text as the tool stored it onto the frozen text by alignment (alignText.ts); a
 * selection that cannot be carried over is reported, not guessed.
 */
export function planLayers(source: RefiTextSource, frozen: string, ctx: LayerContext): { layers: PlannedLayer[]; carried: CarriedSource } {
  const map = alignText(source.text, frozen);
  const selections: CarriedSelection[] = [];
  const carriedNotes: Record<string, { guid: string; name: string }> = {};
  // Records keep the GUID of the Coding or Note they came from as their id (ids are unique per
  // transcript here, so a Note reached from two selections gets a fresh id the second time).
  const used = new Set<string>();
  const recordId = (guid: string | null): string => {
    const id = guid && !used.has(guid) && recordIdSchema.safeParse(guid).success ? guid : randomId();
    used.add(id);
    return id;
  };
  const layers = new Map<string, { codings: PlannedCoding[]; notes: PlannedNote[]; statements: PlannedStatement[] }>();
  const layer = (user: string) => {
    let l = layers.get(user);
    if (!l) layers.set(user, (l = { codings: [], notes: [], statements: [] }));
    return l;
  };
  for (const sel of source.selections) {
    const label = `${source.name}: ${sel.name ? `"${sel.name.slice(0, 60)}"` : sel.guid} [${sel.start}, ${sel.end})`;
    const span = mapSpan(map, source.text, frozen, sel.start, sel.end);
    if (!span) {
      ctx.skipped.push({ kind: 'selection', name: label, reason: 'its text could not be found in the frozen transcript (it is empty, or outside the text)' });
      continue;
    }
    const memo = sel.memo?.trim() ? clip(sel.memo.trim(), LAYER_LIMITS.memoLength) : undefined;
    const records: string[] = [];
    selections.push({ guid: sel.guid, name: sel.name, start: span.start, end: span.end, userGuid: sel.userGuid, createdAt: sel.createdAt, records, ...(sel.modified ? { modified: sel.modified } : {}), ...(sel.memo === '' ? { emptyMemo: true as const } : {}) });
    for (const c of sel.codings) {
      const themeId = ctx.themeIdOf.get(c.codeGuid);
      const user = c.userGuid ?? sel.userGuid;
      if (!themeId || !user) {
        ctx.skipped.push({ kind: 'coding', name: label, reason: themeId ? 'no creating user' : `it refers to the unknown code ${c.codeGuid}` });
        continue;
      }
      const id = recordId(c.guid);
      records.push(id);
      layer(user).codings.push({ id, themeId, start: span.start, end: span.end, createdAt: c.createdAt ?? sel.createdAt ?? ctx.now, ...(memo ? { memo } : {}) });
    }
    for (const noteGuid of sel.noteGuids) {
      const note = ctx.notes.get(noteGuid);
      const user = note?.userGuid ?? sel.userGuid;
      if (!note || !user) {
        ctx.skipped.push({ kind: 'note', name: label, reason: note ? 'no author' : `it refers to the unknown note ${noteGuid}` });
        continue;
      }
      ctx.attachedNotes.add(noteGuid);
      const text = (note.text.trim() || note.name.trim()).trim();
      if (!text) {
        ctx.skipped.push({ kind: 'note', name: note.name || note.guid, reason: 'it is empty' });
        continue;
      }
      const createdAt = note.createdAt ?? sel.createdAt ?? ctx.now;
      const id = recordId(note.guid);
      records.push(id);
      carriedNotes[id] = { guid: note.guid, name: note.name };
      if (note.name.startsWith(NOTE_NAMES.statement)) {
        const used = ctx.links.filter((l) => l.originGuid === note.guid && l.targetGuid && ctx.themeIdOf.has(l.targetGuid)).slice(0, LAYER_LIMITS.themesPerStatement);
        for (const l of used) ctx.usedLinks.add(l.guid);
        const themeIds = used.map((l) => ctx.themeIdOf.get(l.targetGuid!)!);
        layer(user).statements.push({ id, text: clip(text, LAYER_LIMITS.statementLength), start: span.start, end: span.end, themeIds, createdAt });
      } else {
        const named = EXPLORATORY.exec(note.name)?.[1];
        const kind: NoteKind = (NOTE_KINDS as readonly string[]).includes(named ?? '') ? (named as NoteKind) : 'descriptive';
        layer(user).notes.push({ id, kind, text: clip(text, LAYER_LIMITS.noteLength), start: span.start, end: span.end, createdAt });
      }
    }
  }
  return {
    layers: [...layers].map(([userGuid, l]) => ({ userGuid, ...l })),
    carried: { guid: source.guid, name: source.name, userGuid: source.userGuid, createdAt: source.createdAt, selections, notes: carriedNotes, ...(source.description != null ? { description: source.description } : {}), ...(source.noteGuids?.length ? { noteGuids: source.noteGuids } : {}), ...(source.modified ? { modified: source.modified } : {}), ...(source.variableValues ? { variableValues: source.variableValues } : {}) },
  };
}
