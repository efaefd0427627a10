import { readLayer } from '../../../shared/coding';
import { type DocRef, parseDocName } from '../../../shared/docNames';
import { readDiscussion } from '../../../shared/reconcile/discussionDoc';
import { readJournal } from '../../../shared/reconcile/journal';
import { fileStem } from '../../../shared/fileName';
import { notFound } from '../../errors';
import type { Services } from '../../services';
import type { AccessEntry } from '../../store/accessLog';
import { appendAudit } from '../../store/audit';
import { transcriptIdsOfParticipant } from '../../store/erasureRows';
import { journalOwners } from '../../store/layerDocs';
import { findParticipant } from '../../store/participants';
import { listKey } from '../../store/pseudonymKeys';
import { accessMentioning, auditEventsMentioning, docsOfTranscripts } from '../../store/subjectRows';
import { findTranscript } from '../../store/transcripts';
import { usersByIds } from '../../store/users';
import { withDoc } from '../../ydocs/withDoc';
import { type Actor, authorizeStudy } from '../access/actor';
import { loadThemeTree } from '../layers/studyLayers';
import { logRead } from '../access/readLog';
import { type ArchiveFile, zipSubjectArchive } from './subjectArchive';
import { CONTENT_TYPES, type ExportFile } from '../interchange/render/exportFile';

export const SUBJECT_ACCESS_ACTION = 'privacy.subject_access';

/** Where a subject-access export was asked for: the access log's door. */
export type ExportDoor = AccessEntry['door'];

/**
 * Everything Concord holds about one participant (issue 18 item 6), for the study's leads: the
 * participant's record, their transcripts, on each every coder's layer (codings, notes,
 * statements), the consensus and the discussion, journal entries that name their pseudonym, their
 * pseudonymisation key entries, and the audit events and reads that concern them. Blind coding
 * does not withhold layers here: the participant's right of access covers every layer, and the
 * audit event counts the layers included so the team sees what the lead took out.
 */
export async function exportParticipantData(s: Services, actor: Actor, participantId: string, door: ExportDoor): Promise<ExportFile<Uint8Array>> {
  const p = await findParticipant(s.db, participantId);
  if (!p) throw notFound('participant');
  const { study } = await authorizeStudy(s, actor, p.studyId, 'privacy.subject_access');
  const tids = await transcriptIdsOfParticipant(s.db, p.id);
  const files: ArchiveFile[] = [{ path: 'participant.json', description: 'the participant record: pseudonym, attributes, when added', content: { id: p.id, studyId: study.id, studyTitle: study.title, pseudonym: p.pseudonym, attributes: p.attributes, createdAt: p.createdAt } }];
  const docNames = await docsOfTranscripts(s.db, tids);
  const coderIds = new Set<string>();
  const themeIds = new Set<string>();
  let layers = 0;
  for (const tid of tids) {
    const t = await findTranscript(s.db, tid);
    if (!t) continue;
    const dir = `transcripts/${tid}`;
    const { text, turns, lines, ...meta } = t;
    files.push({ path: `${dir}/transcript.txt`, description: `the interview text of "${t.title}" as frozen at import`, content: text });
    files.push({ path: `${dir}/transcript.json`, description: 'the transcript record: title, phase, speaker turns, line map', content: { ...meta, turns, lines } });
    for (const name of docNames.filter((d) => d.startsWith(`${dir}/`))) {
      const ref = parseDocName(name);
      if (!ref) continue;
      const file = await documentFile(s, ref, name, text.length);
      if (!file) continue;
      if (ref.kind === 'layer') {
        coderIds.add(ref.ownerId);
        layers++;
      }
      for (const id of file.themeIds) themeIds.add(id);
      files.push(file.file);
    }
  }
  const mentions = await journalMentions(s, study.id, p.pseudonym);
  for (const m of mentions) coderIds.add(m.ownerId);
  if (mentions.length) files.push({ path: 'journal-mentions.json', description: `reflexive journal entries of the study's coders that name ${p.pseudonym}`, content: mentions });
  const people = await usersByIds(s.db, [...coderIds]);
  files.push({ path: 'people.json', description: 'the names of the coders whose work appears above (ids as in the layers)', content: people.map((u) => ({ id: u.id, name: u.name })) });
  const tree = await loadThemeTree(s, study.id, 'server');
  files.push({ path: 'themes.json', description: 'the themes the codings and discussion refer to: id, label, description', content: [...themeIds].sort().map((id) => tree.byId.get(id)).filter((t) => t !== undefined).map((t) => ({ id: t.id, label: t.label, description: t.description })) });
  const key = (await listKey(s.db, study.id)).filter((e) => e.participantId === p.id);
  files.push({ path: 'pseudonym-key.json', description: 'the pseudonymisation key entries brought in by their imports or added for them: original -> replacement', content: key });
  const ids = [p.id, ...tids];
  files.push({ path: 'audit-events.json', description: 'audit events about the participant or their transcripts (who did what, when)', content: await auditEventsMentioning(s.db, study.id, ids) });
  files.push({ path: 'access-log.json', description: 'who read their transcripts, layers and exports about them, when, through which door', content: await accessMentioning(s.db, study.id, ids) });

  const at = s.now();
  const { bytes, manifest } = zipSubjectArchive({
    subject: { kind: 'participant', id: p.id, label: p.pseudonym },
    generatedAt: at,
    generatedBy: { id: actor.user.id, name: actor.user.name },
    notes: [
      `Study: ${study.title} (id ${study.id}). The participant is known in the study under the pseudonym ${p.pseudonym}; their transcripts were pseudonymised at import, and pseudonym-key.json maps the replacements back to the originals.`,
      'Not included: the shared codebook beyond the labels of the themes used here (written by the team, it may quote the participant; check it by hand), copies already exported from Concord, and backups.',
    ],
    files,
  });
  await s.db.transaction().execute((trx) =>
    appendAudit(trx, { studyId: study.id, actorId: actor.user.id, action: SUBJECT_ACCESS_ACTION, target: `participant:${p.id}`, data: { transcripts: tids.length, layers, files: manifest.files.length, bytes: bytes.length, door }, at }),
  );
  await logRead(s, { studyId: study.id, userId: actor.user.id, what: 'export', target: `export:subject-access:participant:${p.id}`, door });
  return { fileName: `${fileStem(`subject-access-${p.pseudonym}`, 'participant')}.zip`, contentType: CONTENT_TYPES.zip, body: bytes };
}

/** One document of a transcript as an archive file, with the themes it refers to. */
async function documentFile(s: Services, ref: DocRef, name: string, textLength: number): Promise<{ file: ArchiveFile; themeIds: string[] } | null> {
  if (ref.kind === 'layer' || ref.kind === 'consensus') {
    const layer = await withDoc(s, name, (doc) => readLayer(doc, textLength));
    const { problems: _problems, ...records } = layer;
    const who = ref.kind === 'layer' ? `the coder ${ref.ownerId}'s layer` : 'the consensus layer agreed in reconciliation';
    return {
      file: { path: `${name}.json`, description: `${who}: codings, exploratory notes, experiential statements`, content: { document: name, ...(ref.kind === 'layer' ? { coderId: ref.ownerId } : {}), ...records } },
      themeIds: [...layer.codings.map((c) => c.themeId), ...layer.statements.flatMap((st) => st.themeIds ?? [])],
    };
  }
  if (ref.kind === 'discussion') {
    const { items, comments, meta } = await withDoc(s, name, (doc) => readDiscussion(doc));
    return { file: { path: `${name}.json`, description: 'the reconciliation discussion on this transcript: disagreements, comments, resolutions', content: { document: name, items, comments, meta } }, themeIds: items.map((i) => i.themeId) };
  }
  return null;
}

/** Journal entries in the study that name the pseudonym as a whole word. */
async function journalMentions(s: Services, studyId: string, pseudonym: string): Promise<Array<{ ownerId: string; id: string; text: string; at: number }>> {
  const word = new RegExp(`(^|[^\\p{L}\\p{N}])${pseudonym.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u');
  const out: Array<{ ownerId: string; id: string; text: string; at: number }> = [];
  for (const ownerId of await journalOwners(s.db, studyId)) {
    const { entries } = await withDoc(s, `studies/${studyId}/journals/${ownerId}`, (doc) => readJournal(doc));
    for (const e of entries) if (word.test(e.text)) out.push({ ownerId, ...e });
  }
  return out;
}
