import { readLayer } from '../../../shared/coding';
import { parseDocName } from '../../../shared/docNames';
import { readDiscussion } from '../../../shared/reconcile/discussionDoc';
import { readJournal } from '../../../shared/reconcile/journal';
import { fileStem } from '../../../shared/fileName';
import { mayExportAccount } from '../../auth/policy';
import { forbidden, notFound } from '../../errors';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { transcriptIdsOfStudy } from '../../store/erasureRows';
import { proposalsBy } from '../../store/themeProposals';
import { accessBy, accountOf, auditEventsBy, docsOfTranscripts, docsOwnedBy, membershipsOf, sessionsOf, studiesOfTranscripts } from '../../store/subjectRows';
import { withDoc } from '../../ydocs/withDoc';
import type { Actor } from '../access/actor';
import { logRead } from '../access/readLog';
import { type ArchiveFile, zipSubjectArchive } from './subjectArchive';
import { type ExportDoor, SUBJECT_ACCESS_ACTION } from './subjectAccess';
import { CONTENT_TYPES, type ExportFile } from '../interchange/render/exportFile';

/**
 * Everything Concord holds about one user account (issue 18 item 6), for an instance admin or
 * the user themself: the account (never the password hash), memberships, sign-in sessions (times),
 * every layer, private codebook and journal they own, their theme proposals, their discussion comments, the audit events
 * they caused and the reads they made. The export is audited in every study it draws from.
 */
export async function exportUserData(s: Services, actor: Actor, userId: string, door: ExportDoor): Promise<ExportFile<Uint8Array>> {
  if (!mayExportAccount(actor.user, userId)) throw forbidden("only an instance admin or the user themself may export an account's data");
  const account = await accountOf(s.db, userId);
  if (!account) throw notFound('user');
  const memberships = await membershipsOf(s.db, userId);
  const files: ArchiveFile[] = [
    { path: 'account.json', description: 'the account: e-mail, display name, admin or not, created (the password is stored only as an argon2id hash and is not exported)', content: account },
    { path: 'memberships.json', description: 'the studies the account belongs to, with its role', content: memberships },
    { path: 'sessions.json', description: 'sign-in sessions: when each started and expires (the tokens are stored only as hashes)', content: await sessionsOf(s.db, userId) },
  ];
  const owned = await docsOwnedBy(s.db, userId);
  const transcripts = await studiesOfTranscripts(
    s.db,
    owned.map(parseDocName).flatMap((r) => (r?.kind === 'layer' ? [r.transcriptId] : [])),
  );
  const studies = new Set(memberships.map((m) => m.studyId));
  for (const name of owned) {
    const ref = parseDocName(name);
    if (ref?.kind === 'layer') {
      const t = transcripts.get(ref.transcriptId);
      if (!t) continue;
      studies.add(t.studyId);
      const { problems: _problems, ...records } = await withDoc(s, name, (doc) => readLayer(doc, t.textLength));
      files.push({ path: `layers/${ref.transcriptId}.json`, description: `their coding layer on "${t.title}": codings, exploratory notes, experiential statements`, content: { document: name, studyId: t.studyId, transcriptTitle: t.title, ...records } });
    } else if (ref?.kind === 'journal') {
      studies.add(ref.studyId);
      files.push({ path: `journals/${ref.studyId}.json`, description: 'their reflexive journal in that study', content: { document: name, entries: (await withDoc(s, name, (doc) => readJournal(doc))).entries } });
    } else if (ref?.kind === 'privateCodebook') {
      studies.add(ref.studyId);
      files.push({ path: `private-codebooks/${ref.studyId}.json`, description: 'the themes of their private codebook in that study (as stored)', content: { document: name, ...(await withDoc(s, name, (doc) => doc.toJSON())) } });
    }
  }
  const proposals = await proposalsBy(s.db, userId);
  for (const p of proposals) studies.add(p.studyId);
  files.push({ path: 'theme-proposals.json', description: 'their proposals to change themes of shared codebooks, with the lead\'s decision', content: proposals });
  files.push({ path: 'discussion-comments.json', description: 'their comments in reconciliation discussions, with the item each answers', content: await commentsBy(s, userId, [...studies]) });
  const events = await auditEventsBy(s.db, userId);
  files.push({ path: 'audit-events.json', description: 'audit events they caused, in every study (who did what, when)', content: events });
  files.push({ path: 'access-log.json', description: 'their reads of transcripts, layers and exports, when, through which door', content: await accessBy(s.db, userId) });
  for (const e of events) studies.add(e.studyId);

  const at = s.now();
  const { bytes, manifest } = zipSubjectArchive({
    subject: { kind: 'user', id: userId, label: account.name },
    generatedAt: at,
    generatedBy: { id: actor.user.id, name: actor.user.name },
    notes: [
      'Their work (layers, notes, statements, journals, comments) refers to transcripts of research participants by id; the transcripts themselves are the participants\' data and are not included.',
      'Not included: what other members wrote about their work, copies already exported from Concord, and backups.',
    ],
    files,
  });
  // Audited in each study the export draws from; ids and counts only.
  const live = [...studies].sort();
  await s.db.transaction().execute(async (trx) => {
    for (const studyId of live) {
      const exists = await trx.selectFrom('studies').select('id').where('id', '=', studyId).executeTakeFirst();
      if (exists) await appendAudit(trx, { studyId, actorId: actor.user.id, action: SUBJECT_ACCESS_ACTION, target: `user:${userId}`, data: { files: manifest.files.length, bytes: bytes.length, door }, at });
    }
  });
  for (const studyId of live) await logRead(s, { studyId, userId: actor.user.id, what: 'export', target: `export:subject-access:user:${userId}`, door });
  s.log.info('privacy.subject_access', { subject: `user:${userId}`, by: actor.user.id, studies: live.length, bytes: bytes.length });
  return { fileName: `${fileStem(`subject-access-${account.name}`, 'user')}.zip`, contentType: CONTENT_TYPES.zip, body: bytes };
}

/** Their comments in the discussions of these studies' transcripts. */
async function commentsBy(s: Services, userId: string, studyIds: readonly string[]) {
  const out: Array<{ document: string; itemKey: string; id: string; text: string; at: number }> = [];
  for (const studyId of studyIds) {
    const tids = (await transcriptIdsOfStudy(s.db, studyId)).map((t) => t.id);
    for (const name of (await docsOfTranscripts(s.db, tids)).filter((d) => d.endsWith('/discussion'))) {
      const { comments } = await withDoc(s, name, (doc) => readDiscussion(doc));
      for (const c of comments) if (c.author === userId) out.push({ document: name, itemKey: c.itemKey, id: c.id, text: c.text, at: c.at });
    }
  }
  return out;
}
