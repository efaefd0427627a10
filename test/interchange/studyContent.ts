import { type Layer, readLayer } from '../../shared/coding';
import { docName } from '../../shared/docNames';
import { type ThemeTree, readThemeTree } from '../../shared/themes';
import { withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { layerOwners } from '../../server/store/layerDocs';
import { listMembers } from '../../server/store/members';
import { listParticipants } from '../../server/store/participants';
import { findTranscript, listTranscripts } from '../../server/store/transcripts';

/** What an import created, read straight from the store and the documents. */
export async function studyContent(s: Services, studyId: string) {
  const tree: ThemeTree = await withDoc(s, docName({ kind: 'codebook', studyId }), (doc) => readThemeTree(doc));
  const members = await listMembers(s.db, studyId);
  const nameOf = new Map(members.map((m) => [m.userId, m.name]));
  const transcripts = [];
  for (const meta of await listTranscripts(s.db, studyId)) {
    const row = (await findTranscript(s.db, meta.id))!;
    const layers = new Map<string, Layer>();
    for (const owner of await layerOwners(s.db, row.id)) layers.set(nameOf.get(owner) ?? owner, await withDoc(s, docName({ kind: 'layer', transcriptId: row.id, ownerId: owner }), (doc) => readLayer(doc, row.text.length)));
    const consensus = await withDoc(s, docName({ kind: 'consensus', transcriptId: row.id }), (doc) => readLayer(doc, row.text.length));
    /** Quotes each coder coded, as `coder|theme label|quote`, sorted. */
    const quotes = [...layers].flatMap(([coder, l]) => l.codings.map((c) => `${coder}|${tree.byId.get(c.themeId)?.label}|${row.text.slice(c.start, c.end)}`)).sort();
    transcripts.push({ row, layers, consensus, quotes });
  }
  return { tree, members, participants: await listParticipants(s.db, studyId), transcripts };
}

/** Row counts of the tables an import writes: equal before and after a refused import. */
export async function tableCounts(s: Services): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['users', 'studies', 'members', 'participants', 'transcripts', 'audit_events', 'doc_updates'] as const) {
    const r = await s.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}
