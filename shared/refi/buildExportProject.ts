import type { Coding, Layer } from '../coding';
import type { Theme, ThemeTree } from '../themes';
import type { Line } from '../transcript';
import { CONSENSUS_USER } from './consensusUser';
import type { Modified } from './project';
import type { ExportModified, ExportCode, ExportCoding, ExportLink, ExportNote, ExportProject, ExportSelection, ExportSource, ExportUser } from './exportModel';
import type { CarriedProject, CarriedSelection, CarriedSource } from './carried';
import { guidFor, normalizeGuid } from './guid';
import { NOTE_NAMES } from './planLayers';

/** A resolution's rationale from a transcript's discussion document (docs/reconciliation.md). */
export interface RationaleInput {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly kind: string;
  readonly rationale: string;
  readonly byName: string;
  readonly at: number;
}

export interface StudyExportInput {
  readonly study: { readonly id: string; readonly title: string; readonly description: string; readonly createdAt: number; readonly createdBy: string };
  /** What an import kept of the file the study came from (carried.ts); null for a study made in Concord. */
  readonly carried?: CarriedProject | null;
  readonly exporter: { readonly id: string; readonly name: string };
  /** Display names of every user who appears (layer owners, transcript creators). */
  readonly userNames: ReadonlyMap<string, string>;
  readonly tree: ThemeTree;
  readonly participants: readonly { readonly id: string; readonly pseudonym: string }[];
  readonly transcripts: readonly {
    readonly id: string;
    readonly participantId: string;
    readonly title: string;
    readonly text: string;
    /** The stored line map (line references in exports that cite lines). */
    readonly lines: readonly Line[];
    readonly createdBy: string;
    readonly createdAt: number;
    /** Coder layers by user id. */
    readonly layers: ReadonlyMap<string, Layer>;
    readonly consensus: Layer | null;
    readonly rationales: readonly RationaleInput[];
    readonly carried?: CarriedSource | null;
  }[];
}

export const userGuid = (userId: string) => guidFor('user', userId);
export const codeGuid = (themeId: string) => guidFor('code', themeId);

/**
 * Codes from the theme tree. Merged themes are left out (their codings count for the theme they
 * were merged into, as everywhere in Concord) and their children take their place; retired
 * themes are written with isCodable="false", the one REFI notion of "not for new coding". Every
 * other theme is codable: Concord codes any level.
 */
export function exportCodes(tree: ThemeTree): ExportCode[] {
  const codesUnder = (parentId: string | null): ExportCode[] =>
    tree.childrenOf(parentId).flatMap((t: Theme) =>
      t.mergedInto !== null
        ? codesUnder(t.id)
        : [{ guid: codeGuid(t.id), name: t.label, color: t.color, description: t.description, isCodable: t.status !== 'retired', children: codesUnder(t.id) }],
    );
  return codesUnder(null);
}

/** Maps a study's data onto the REFI-QDA project model (docs/interchange.md, "Project export"). */
export function buildExportProject(input: StudyExportInput): ExportProject {
  const exported = new Set<string>();
  const walk = (codes: readonly ExportCode[]): void => codes.forEach((c) => (exported.add(c.guid), walk(c.children)));
  const carried = input.carried ?? null;
  const codes = withCarriedCodes(exportCodes(input.tree), carried);
  walk(codes);
  // A file user's work went to an account; that account is written back as the file's user.
  const fileGuidOf = new Map(Object.entries(carried?.accounts ?? {}).map(([guid, id]) => [id, guid]));
  const guidOfUser = (id: string) => fileGuidOf.get(id) ?? userGuid(id);
  // Users: the study's creator (the project's creating user), layer owners and transcript
  // creators; never the exporting account as such (issue 17 item 3).
  const userIds = new Set<string>(carried ? [] : [input.study.createdBy]);
  let consensusUsed = false;
  const notes: ExportNote[] = [];
  const noteGuids = new Set<string>();
  const links: ExportLink[] = [];

  const sources: ExportSource[] = input.transcripts.map((t) => {
    const from = t.carried ?? null;
    if (!from) userIds.add(t.createdBy);
    const selections: ExportSelection[] = [];
    // A record still on the span of the selection it came from goes back into that selection,
    // with its codings and NoteRefs together, under the selection's GUID and name.
    const fileSelection = new Map<string, CarriedSelection>();
    for (const sel of from?.selections ?? []) for (const r of sel.records) fileSelection.set(r, sel);
    const grouped = new Map<string, ExportSelection & { codings: ExportCoding[]; noteGuids: string[] }>();
    const place = (recordId: string, span: { start: number; end: number; createdAt: number }, ownerGuid: string, made: () => ExportSelection, add: (sel: { codings: ExportCoding[]; noteGuids: string[]; memo?: string }) => void): void => {
      const sel = fileSelection.get(recordId);
      if (!sel || sel.start !== span.start || sel.end !== span.end) {
        selections.push(made());
        return;
      }
      let out = grouped.get(sel.guid);
      if (!out) {
        out = { guid: guidFor('selection', sel.guid), ...(sel.name !== null ? { name: sel.name } : {}), start: sel.start, end: sel.end, userGuid: sel.userGuid ?? ownerGuid, createdAt: sel.createdAt ?? span.createdAt, codings: [], noteGuids: [], ...modifiedOut(sel.modified), ...(sel.emptyMemo ? { memo: '' } : {}) };
        grouped.set(sel.guid, out);
        selections.push(out);
      }
      add(out);
    };
    const addNote = (guid: string, name: string, text: string, ownerGuid: string, createdAt: number): void => {
      if (noteGuids.has(guid)) return;
      noteGuids.add(guid);
      notes.push({ guid, name, text, userGuid: ownerGuid, createdAt });
    };
    const addLayer = (ownerGuid: string, ownerKey: string, layer: Layer): void => {
      const id = (what: string, rid: string) => `${t.id}/${ownerKey}/${what}/${rid}`;
      for (const c of layer.codings) {
        const code = codeGuid(input.tree.resolve(c.themeId));
        if (!exported.has(code)) continue;
        const made = codingSelection(c, ownerGuid, code, id('coding', c.id));
        place(c.id, c, ownerGuid, () => made, (sel) => {
          sel.codings.push(...made.codings);
          if (c.memo && !sel.memo) Object.assign(sel, { memo: c.memo });
        });
      }
      for (const n of layer.notes) {
        const file = from?.notes[n.id];
        const noteGuid = file ? guidFor('note', file.guid) : guidFor('note', id('note', n.id));
        addNote(noteGuid, file?.name ?? NOTE_NAMES.exploratory(n.kind), n.text, ownerGuid, n.createdAt);
        place(n.id, n, ownerGuid, () => ({ guid: guidFor('selection', id('note', n.id)), start: n.start, end: n.end, userGuid: ownerGuid, createdAt: n.createdAt, codings: [], noteGuids: [noteGuid] }), (sel) => void sel.noteGuids.push(noteGuid));
      }
      for (const st of layer.statements) {
        const file = from?.notes[st.id];
        const noteGuid = file ? guidFor('note', file.guid) : guidFor('note', id('statement', st.id));
        addNote(noteGuid, file?.name ?? NOTE_NAMES.statement, st.text, ownerGuid, st.createdAt);
        place(st.id, st, ownerGuid, () => ({ guid: guidFor('selection', id('statement', st.id)), start: st.start, end: st.end, userGuid: ownerGuid, createdAt: st.createdAt, codings: [], noteGuids: [noteGuid] }), (sel) => void sel.noteGuids.push(noteGuid));
        for (const themeId of st.themeIds) {
          const target = codeGuid(input.tree.resolve(themeId));
          if (exported.has(target)) links.push({ guid: guidFor('link', `${id('statement', st.id)}/${themeId}`), name: 'feeds theme', originGuid: noteGuid, targetGuid: target });
        }
      }
    };
    for (const [owner, layer] of [...t.layers].sort(([a], [b]) => (a < b ? -1 : 1))) {
      userIds.add(owner);
      addLayer(guidOfUser(owner), owner, layer);
    }
    const hasConsensus = t.consensus && (t.consensus.codings.length || t.consensus.notes.length || t.consensus.statements.length);
    if (t.consensus && hasConsensus) {
      consensusUsed = true;
      addLayer(CONSENSUS_USER.guid, 'consensus', t.consensus);
    }
    for (const r of t.rationales) {
      if (!(r.start >= 0 && r.end > r.start && r.end <= t.text.length)) continue;
      consensusUsed = true;
      const noteGuid = guidFor('note', `${t.id}/rationale/${r.key}`);
      notes.push({ guid: noteGuid, name: `${NOTE_NAMES.rationale} (${r.kind})`, text: `${r.rationale.trim()}\n\n(${r.kind}, ${r.byName})`, userGuid: CONSENSUS_USER.guid, createdAt: r.at });
      selections.push({ guid: guidFor('selection', `${t.id}/rationale/${r.key}`), start: r.start, end: r.end, userGuid: CONSENSUS_USER.guid, createdAt: r.at, codings: [], noteGuids: [noteGuid] });
    }
    // Selections from the file keep the file's order; new ones follow in text order.
    const order = new Map((from?.selections ?? []).map((sel, i) => [guidFor('selection', sel.guid), i]));
    const rank = (sel: ExportSelection) => order.get(sel.guid) ?? Number.MAX_SAFE_INTEGER;
    selections.sort((a, b) => rank(a) - rank(b) || a.start - b.start || a.end - b.end || (a.guid < b.guid ? -1 : 1));
    if (!from) return { guid: guidFor('transcript', t.id), name: t.title, text: t.text, userGuid: guidOfUser(t.createdBy), createdAt: t.createdAt, selections };
    return {
      guid: guidFor('transcript', from.guid),
      name: sameName(from.name, t.title) ? from.name : t.title,
      text: t.text,
      ...(from.userGuid ? { userGuid: guidFor('user', from.userGuid) } : {}),
      ...(from.createdAt !== null ? { createdAt: from.createdAt } : {}),
      selections,
      ...(from.description != null ? { description: from.description } : {}),
      ...(from.noteGuids?.length ? { noteGuids: from.noteGuids.map((g) => guidFor('note', g)) } : {}),
      ...modifiedOut(from.modified),
      ...(from.variableValues?.length ? { variableValues: from.variableValues } : {}),
    };
  });

  // The file's users come first, in its order and with its names, those who coded nothing too.
  const users: ExportUser[] = (carried?.users ?? []).map((u) => ({ guid: guidFor('user', u.guid), name: u.name }));
  const listed = new Set(users.map((u) => u.guid));
  for (const id of userIds) {
    const guid = guidOfUser(id);
    if (listed.has(guid)) continue;
    listed.add(guid);
    users.push({ guid, name: input.userNames.get(id) ?? (id === input.exporter.id ? input.exporter.name : `User ${id.slice(0, 6)}`) });
  }
  if (consensusUsed && !listed.has(CONSENSUS_USER.guid)) users.push({ ...CONSENSUS_USER });
  const sourcesOf = new Map<string, string[]>();
  input.transcripts.forEach((t, i) => sourcesOf.set(t.participantId, [...(sourcesOf.get(t.participantId) ?? []), sources[i]!.guid]));
  for (const n of carried?.looseNotes ?? []) {
    const guid = guidFor('note', n.guid);
    if (noteGuids.has(guid)) continue;
    noteGuids.add(guid);
    notes.push({ guid, name: n.name, text: n.text, ...(n.userGuid ? { userGuid: guidFor('user', n.userGuid) } : {}), ...(n.createdAt !== null ? { createdAt: n.createdAt } : {}) });
  }
  const caseless = new Set(carried?.caseless ?? []);
  // The file's own Description while the study's is the one the import gave it; else the study's.
  const description = carried?.description && carried.description.study === input.study.description ? carried.description.file : input.study.description;
  const creator = carried ? carried.creatingUserGuid : guidOfUser(input.study.createdBy);
  const createdAt = carried ? carried.createdAt : input.study.createdAt;
  return {
    name: input.study.title,
    origin: 'Concord',
    ...(creator ? { userGuid: guidFor('user', creator) } : {}),
    ...(createdAt !== null ? { createdAt } : {}),
    ...(description ? { description } : {}),
    ...modifiedOut(carried?.modified),
    ...(carried?.noteGuids?.length ? { noteGuids: carried.noteGuids.map((g) => guidFor('note', g)) } : {}),
    users,
    codes,
    // A participant the import made for a source in no Case goes back without a Case.
    cases: input.participants.filter((p) => !caseless.has(p.id)).map((p) => {
      const c = carried?.cases[p.id];
      const values = c?.variableValues?.length ? { variableValues: c.variableValues } : {};
      if (!c || !sameName(c.name, p.pseudonym)) return { guid: guidFor('participant', p.id), name: p.pseudonym, sourceGuids: sourcesOf.get(p.id) ?? [], ...values };
      return { guid: guidFor('participant', c.guid), name: c.name, ...(c.description ? { description: c.description } : {}), sourceGuids: sourcesOf.get(p.id) ?? [], ...values };
    }),
    sources,
    notes,
    links,
    ...(carried?.links?.length ? { carriedLinks: carried.links } : {}),
    ...(carried?.sections ? { carriedSections: carried.sections } : {}),
  };
}

/**
 * What the file said of its codes that the theme model does not hold (carried.ts): no colour
 * (while the theme keeps the palette colour the import gave it), isCodable="false" (while the
 * theme is active) and the code's NoteRefs.
 */
function withCarriedCodes(codes: ExportCode[], carried: CarriedProject | null): ExportCode[] {
  const byGuid = new Map(Object.entries(carried?.codes ?? {}).map(([id, c]) => [codeGuid(id), c]));
  if (!byGuid.size) return codes;
  const apply = (c: ExportCode): ExportCode => {
    const kept = byGuid.get(c.guid);
    const children = c.children.map(apply);
    if (!kept) return { ...c, children };
    return {
      ...c,
      color: kept.assignedColor && c.color === kept.assignedColor ? null : c.color,
      isCodable: kept.notCodable ? false : c.isCodable,
      ...(kept.noteGuids?.length ? { noteGuids: kept.noteGuids.map((g) => guidFor('note', g)) } : {}),
      children,
    };
  };
  return codes.map(apply);
}

/** An imported element's modifying user and time as the file had them, for the writer. */
function modifiedOut(m: Modified | undefined): { modified?: ExportModified } {
  if (!m || (m.userGuid === null && m.at === null)) return {};
  return { modified: { ...(m.userGuid ? { userGuid: guidFor('user', m.userGuid) } : {}), ...(m.at !== null ? { at: m.at } : {}) } };
}

/** Whether Concord's (whitespace-collapsed, maybe shortened) name is still the file's name. */
function sameName(fileName: string, name: string): boolean {
  const flat = fileName.replace(/\s+/g, ' ').trim();
  return flat === name || (flat.startsWith(name) && name.length >= 60);
}

function codingSelection(c: Coding, ownerGuid: string, code: string, key: string): ExportSelection & { codings: ExportCoding[] } {
  return {
    guid: guidFor('selection', key),
    start: c.start,
    end: c.end,
    userGuid: ownerGuid,
    createdAt: c.createdAt,
    ...(c.memo ? { memo: c.memo } : {}),
    // A coding imported from a file has the Coding's GUID as its id (planLayers.ts).
    codings: [{ guid: normalizeGuid(c.id) ?? guidFor('coding', key), codeGuid: code, userGuid: ownerGuid, createdAt: c.createdAt }],
    noteGuids: [],
  };
}
