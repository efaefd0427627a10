import { z } from 'zod';
import { type Layer, readLayer } from '../../../shared/coding';
import { docName } from '../../../shared/docNames';
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
 * connected clients see). The caller has authorised reading every layer of the study.
 */
export async function loadStudyExport(s: Services, actor: Actor, access: StudyAccess): Promise<StudyExportInput> {
  const { study } = access;
  const tree = await loadThemeTree(s, study.id, viewerOf(access, actor.user.id));
  const participants = await listParticipants(s.db, study.id);
  const transcripts: StudyExportInput['transcripts'][number][] = [];
  const userIds = new Set<string>();
  const carriedSources = await listCarriedSources(s.db, study.id);
  for (const meta of await listTranscripts(s.db, study.id)) {
    const row = await findTranscript(s.db, meta.id);
    if (!row) continue;
    const layers = new Map<string, Layer>();
    for (const owner of await layerOwners(s.db, row.id)) {
      layers.set(owner, await withDoc(s, docName({ kind: 'layer', transcriptId: row.id, ownerId: owner }), (doc) => readLayer(doc, row.text.length)));
      userIds.add(owner);
    }
    const consensus = await withDoc(s, docName({ kind: 'consensus', transcriptId: row.id }), (doc) => readLayer(doc, row.text.length));
    userIds.add(row.createdBy);
    transcripts.push({ id: row.id, participantId: row.participantId, title: row.title, text: row.text, createdBy: row.createdBy, createdAt: row.createdAt, layers, consensus, rationales: await readRationales(s, row.id), carried: carriedSources.get(row.id) ?? null });
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
  };
}
