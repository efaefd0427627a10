import { z } from 'zod';
import { type Layer, readLayer } from '../../../shared/coding';
import { accessContext, decideAccess } from '../../../shared/access';
import { type DocRef, docName } from '../../../shared/docNames';
import type { RationaleInput, StudyExportInput } from '../../../shared/refi';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { findCarriedProject, listCarriedSources } from '../../store/interchange';
import { layerOwners } from '../../store/layerDocs';
import { listMembers } from '../../store/members';
import { listParticipants } from '../../store/participants';
import type { Study } from '../../store/studies';
import { findTranscript, listTranscripts } from '../../store/transcripts';
import { usersByIds } from '../../store/users';
import type { Actor, StudyAccess } from '../access/actor';
import { loadThemeTree, viewerOf } from '../layers/studyLayers';

/**
 * A resolution as docs/reconciliation.md describes the discussion document's `items` values; only
 * the fields an export needs, read leniently (passthrough) because the discussion document
 * belongs to the reconciliation feature and may grow fields.
 */
const discussionItem = z.object({
  key: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  resolution: z
    .object({ kind: z.string(), rationale: z.string().optional(), byName: z.string().optional(), by: z.string().optional(), at: z.number().optional() })
    .optional(),
});

async function readRationales(s: Services, transcriptId: string): Promise<RationaleInput[]> {
  return withDoc(s, docName({ kind: 'discussion', transcriptId }), (doc) => {
    const out: RationaleInput[] = [];
    for (const value of doc.getMap<unknown>('items').values()) {
      const item = discussionItem.safeParse(value);
      const r = item.success ? item.data.resolution : undefined;
      if (!item.success || !r?.rationale?.trim()) continue;
      out.push({ key: item.data.key, start: item.data.start, end: item.data.end, kind: r.kind, rationale: r.rationale, byName: r.byName ?? r.by ?? 'a lead', at: r.at ?? 0 });
    }
    return out.sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : 1));
  });
}

/**
 * Everything a project export writes, read from the live documents through the registry (what
 * connected clients see). Each layer, consensus and discussion goes through decideAccess with the
 * caller's role in the study, the decision the socket applies to the same documents (issue 14
 * item 4): in a blind study a lead's export holds no other coder's layer of a transcript still in
 * `coding`, and an instance admin who is no member gets no layer at all. `withheld` counts the
 * coder layers left out.
 */
export async function loadStudyExport(s: Services, actor: Actor, access: StudyAccess): Promise<StudyExportInput & { withheld: number }> {
  const { study } = access;
  let withheld = 0;
  const tree = await loadThemeTree(s, study.id, viewerOf(access, actor.user.id));
  const participants = await listParticipants(s.db, study.id);
  const transcripts: StudyExportInput['transcripts'][number][] = [];
  const userIds = new Set<string>();
  const carriedSources = await listCarriedSources(s.db, study.id);
  for (const meta of await listTranscripts(s.db, study.id)) {
    const row = await findTranscript(s.db, meta.id);
    if (!row) continue;
    const context = accessContext(study, actor.user.id, access.role, row.phase);
    const readable = (ref: DocRef) => decideAccess(ref, context) !== 'none';
    const layers = new Map<string, Layer>();
    for (const owner of await layerOwners(s.db, row.id)) {
      const ref: DocRef = { kind: 'layer', transcriptId: row.id, ownerId: owner };
      if (!readable(ref)) {
        withheld++;
        continue;
      }
      layers.set(owner, await withDoc(s, docName(ref), (doc) => readLayer(doc, row.text.length)));
      userIds.add(owner);
    }
    const consensusRef: DocRef = { kind: 'consensus', transcriptId: row.id };
    const consensus = readable(consensusRef) ? await withDoc(s, docName(consensusRef), (doc) => readLayer(doc, row.text.length)) : null;
    const rationales = readable({ kind: 'discussion', transcriptId: row.id }) ? await readRationales(s, row.id) : [];
    userIds.add(row.createdBy);
    transcripts.push({ id: row.id, participantId: row.participantId, title: row.title, text: row.text, lines: row.lines, createdBy: row.createdBy, createdAt: row.createdAt, layers, consensus, rationales, carried: carriedSources.get(row.id) ?? null });
  }
  const userNames = new Map<string, string>();
  for (const m of await listMembers(s.db, study.id)) userNames.set(m.userId, m.name);
  for (const u of await usersByIds(s.db, [...userIds].filter((id) => !userNames.has(id)))) userNames.set(u.id, u.name);
  return {
    study: { id: study.id, title: study.title, description: study.description, createdAt: study.createdAt, createdBy: study.createdBy },
    carried: await findCarriedProject(s.db, study.id),
    exporter: { id: actor.user.id, name: actor.user.name },
    userNames,
    tree,
    participants,
    transcripts,
    withheld,
  };
}
