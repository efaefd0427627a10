import { type DiscussionItem, type Resolution, citeLabel, progressOf, readDiscussion } from '../../../shared/reconcile';
import type { Line } from '../../../shared/transcript';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { listMembers } from '../../store/members';
import { listParticipants } from '../../store/participants';
import { findTranscript, listTranscripts } from '../../store/transcripts';
import { usersByIds } from '../../store/users';
import type { ReconciliationRecord, RecordItem, RecordResolution } from '../../../shared/reconcile';
import { type Actor, authorizeStudy } from '../access/actor';
import { discussionDocName } from '../../../shared/docNames';
import { loadThemeTree, viewerOf } from '../layers/studyLayers';
import { decideAccess } from '../../../shared/access';
import { docName } from '../../../shared/docNames';
import { readJournal } from '../../../shared/reconcile';
import { journalOwners } from '../../store/layerDocs';

/**
 * The reconciliation record (issue 6 item 5): every disagreement of every revealed transcript,
 * its discussion, resolution with rationale (and earlier revisions), codebook decisions, who and
 * when, with names and labels resolved so the record reads on paper. Leads and auditors.
 */
export async function reconciliationRecord(s: Services, actor: Actor, studyId: string): Promise<ReconciliationRecord> {
  const access = await authorizeStudy(s, actor, studyId, 'audit.read');
  const { study } = access;
  const tree = await loadThemeTree(s, studyId, viewerOf(access, actor.user.id));
  const themeLabel = (id: string) => tree.byId.get(id)?.label ?? id;
  const names = new Map((await listMembers(s.db, studyId)).map((m) => [m.userId, m.name]));
  const pseudonyms = new Map((await listParticipants(s.db, studyId)).map((p) => [p.id, p.pseudonym]));
  const metas = (await listTranscripts(s.db, studyId)).filter((t) => t.phase !== 'coding');
  const loaded = [];
  for (const meta of metas) {
    const row = await findTranscript(s.db, meta.id);
    if (!row) continue;
    const d = await withDoc(s, discussionDocName(row.id), (doc) => readDiscussion(doc));
    loaded.push({ row, d });
  }
  // People who left the study still appear in its record under their names.
  const unknown = new Set<string>();
  for (const { d } of loaded) {
    for (const i of d.items) for (const c of i.coders) if (!names.has(c.coder)) unknown.add(c.coder);
    if (d.meta.revealedBy && !names.has(d.meta.revealedBy)) unknown.add(d.meta.revealedBy);
  }
  for (const u of await usersByIds(s.db, [...unknown])) names.set(u.id, u.name);
  const nameOf = (id: string) => names.get(id) ?? id;

  const transcripts = loaded.map(({ row, d }) => {
    const lines = row.lines;
    const wrote = (spans: readonly { start: number; end: number }[]) => (spans.length ? spanLabels(row.text, lines, spans) : 'nothing');
    const resolution = (r: Resolution): RecordResolution => ({ revision: r.revision, kind: r.kind, coder: r.coder ? nameOf(r.coder) : null, theme: themeLabel(r.themeId), wrote: wrote(r.spans), rationale: r.rationale, by: r.byName, at: r.at });
    const item = (i: DiscussionItem): RecordItem => ({
      key: i.key,
      theme: themeLabel(i.themeId),
      kind: i.kind,
      lines: i.lines?.label ?? '',
      quote: i.quote,
      status: i.status,
      superseded: i.supersededAt !== undefined,
      coders: i.coders.map((c) => ({ name: nameOf(c.coder), spans: c.spans.length ? spanLabels(row.text, lines, c.spans) : '(none)', otherThemes: c.otherThemes.map(themeLabel) })),
      comments: d.comments.filter((c) => c.itemKey === i.key).map((c) => ({ author: c.authorName, at: c.at, text: c.text })),
      resolution: i.resolution ? resolution(i.resolution) : null,
      history: i.history.map(resolution),
      decisions: i.decisions.map((x) => ({ op: x.op, theme: themeLabel(x.themeId), detail: decisionDetail(x, themeLabel), rationale: x.rationale, by: x.byName, at: x.at })),
    });
    return {
      id: row.id,
      title: row.title,
      participant: pseudonyms.get(row.participantId) ?? '',
      phase: row.phase,
      revealedAt: d.meta.revealedAt ?? null,
      revealedBy: d.meta.revealedBy ? nameOf(d.meta.revealedBy) : null,
      progress: progressOf(d.items),
      items: d.items.map(item),
    };
  });
  // Reflexive journals travel with the record, each only where the caller may read it (the rule
  // of the WebSocket door, shared/access.ts).
  const viewer = viewerOf(access, actor.user.id);
  const journals = [];
  for (const ownerId of await journalOwners(s.db, studyId)) {
    if (decideAccess({ kind: 'journal', studyId, ownerId }, viewer) === 'none') continue;
    const { entries } = await withDoc(s, docName({ kind: 'journal', studyId, ownerId }), (doc) => readJournal(doc));
    journals.push({ coder: nameOf(ownerId), entries: entries.map((e) => ({ at: e.at, text: e.text })) });
  }
  return { study: { id: study.id, title: study.title }, generatedAt: s.now(), transcripts, journals };
}

function spanLabels(text: string, lines: readonly Line[], spans: readonly { start: number; end: number }[]): string {
  return spans.map((x) => citeLabel(text, lines, x.start, x.end)).join('; ');
}

function decisionDetail(d: DiscussionItem['decisions'][number], label: (id: string) => string): string {
  switch (d.op) {
    case 'rename':
      return `renamed to "${d.label ?? ''}"`;
    case 'redefine':
      return 'description changed';
    case 'merge':
      return `merged into ${label(d.into ?? '')}`;
    case 'split':
      return `split: ${d.codingIds?.length ?? 0} coding(s) moved to new theme "${d.label ?? ''}"`;
    case 'retire':
      return 'retired';
  }
}
