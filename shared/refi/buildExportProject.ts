import type { Coding, Layer } from '../coding';
import type { Theme, ThemeTree } from '../themes';
import { CONSENSUS_USER } from './consensusUser';
import type { ExportCode, ExportLink, ExportNote, ExportProject, ExportSelection, ExportSource, ExportUser } from './exportModel';
import { guidFor } from './guid';
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
  readonly study: { readonly id: string; readonly title: string; readonly description: string; readonly createdAt: number };
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
    readonly createdBy: string;
    readonly createdAt: number;
    /** Coder layers by user id. */
    readonly layers: ReadonlyMap<string, Layer>;
    readonly consensus: Layer | null;
    readonly rationales: readonly RationaleInput[];
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
  const codes = exportCodes(input.tree);
  walk(codes);
  const userIds = new Set<string>([input.exporter.id]);
  let consensusUsed = false;
  const notes: ExportNote[] = [];
  const links: ExportLink[] = [];

  const sources: ExportSource[] = input.transcripts.map((t) => {
    userIds.add(t.createdBy);
    const selections: ExportSelection[] = [];
    const addLayer = (ownerGuid: string, ownerKey: string, layer: Layer): void => {
      const id = (what: string, rid: string) => `${t.id}/${ownerKey}/${what}/${rid}`;
      for (const c of layer.codings) {
        const code = codeGuid(input.tree.resolve(c.themeId));
        if (!exported.has(code)) continue;
        selections.push(codingSelection(c, ownerGuid, code, id('coding', c.id)));
      }
      for (const n of layer.notes) {
        const noteGuid = guidFor('note', id('note', n.id));
        notes.push({ guid: noteGuid, name: NOTE_NAMES.exploratory(n.kind), text: n.text, userGuid: ownerGuid, createdAt: n.createdAt });
        selections.push({ guid: guidFor('selection', id('note', n.id)), start: n.start, end: n.end, userGuid: ownerGuid, createdAt: n.createdAt, codings: [], noteGuids: [noteGuid] });
      }
      for (const st of layer.statements) {
        const noteGuid = guidFor('note', id('statement', st.id));
        notes.push({ guid: noteGuid, name: NOTE_NAMES.statement, text: st.text, userGuid: ownerGuid, createdAt: st.createdAt });
        selections.push({ guid: guidFor('selection', id('statement', st.id)), start: st.start, end: st.end, userGuid: ownerGuid, createdAt: st.createdAt, codings: [], noteGuids: [noteGuid] });
        for (const themeId of st.themeIds) {
          const target = codeGuid(input.tree.resolve(themeId));
          if (exported.has(target)) links.push({ guid: guidFor('link', `${id('statement', st.id)}/${themeId}`), name: 'feeds theme', originGuid: noteGuid, targetGuid: target });
        }
      }
    };
    for (const [owner, layer] of [...t.layers].sort(([a], [b]) => (a < b ? -1 : 1))) {
      userIds.add(owner);
      addLayer(userGuid(owner), owner, layer);
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
    selections.sort((a, b) => a.start - b.start || a.end - b.end || (a.guid < b.guid ? -1 : 1));
    return { guid: guidFor('transcript', t.id), name: t.title, text: t.text, userGuid: userGuid(t.createdBy), createdAt: t.createdAt, selections };
  });

  const users: ExportUser[] = [...userIds].map((id) => ({ guid: userGuid(id), name: input.userNames.get(id) ?? (id === input.exporter.id ? input.exporter.name : `User ${id.slice(0, 6)}`) }));
  if (consensusUsed) users.push({ ...CONSENSUS_USER });
  const sourcesOf = new Map<string, string[]>();
  for (const t of input.transcripts) sourcesOf.set(t.participantId, [...(sourcesOf.get(t.participantId) ?? []), guidFor('transcript', t.id)]);
  return {
    name: input.study.title,
    origin: 'Concord',
    userGuid: userGuid(input.exporter.id),
    createdAt: input.study.createdAt,
    ...(input.study.description ? { description: input.study.description } : {}),
    users,
    codes,
    cases: input.participants.map((p) => ({ guid: guidFor('participant', p.id), name: p.pseudonym, sourceGuids: sourcesOf.get(p.id) ?? [] })),
    sources,
    notes,
    links,
  };
}

function codingSelection(c: Coding, ownerGuid: string, code: string, key: string): ExportSelection {
  return {
    guid: guidFor('selection', key),
    start: c.start,
    end: c.end,
    userGuid: ownerGuid,
    createdAt: c.createdAt,
    ...(c.memo ? { memo: c.memo } : {}),
    codings: [{ guid: guidFor('coding', key), codeGuid: code, userGuid: ownerGuid, createdAt: c.createdAt }],
    noteGuids: [],
  };
}
