import type { Services } from '../../services';
import { exportAuditTrail } from '../audit/auditTrail';
import type { Actor } from '../access/actor';
import { exportProject } from '../interchange/refiExport';
import { renderRecord, renderThemeTable } from '../interchange/render/renderExport';
import { exportAccessLog } from '../privacy/accessLog';
import { type ArchiveFile, zipSubjectArchive } from '../privacy/subjectArchive';
import { getErasures } from '../privacy/studyPrivacy';
import { reconciliationRecord } from '../reconcile/record';
import { studyThemeTable } from '../themes/tableOfThemes';

/**
 * The study's final export (issue 18 item 4): the existing exports in one zip with a README and
 * a manifest: the REFI-QDA project (transcripts, codings, notes, codebook), the table of themes,
 * the reconciliation record, the verifiable audit trail, the access log and the erasure record.
 * Each part is read with the caller's own rights and audited as its export is.
 */
export async function buildStudyArchive(s: Services, actor: Actor, studyId: string, title: string): Promise<Uint8Array> {
  const at = s.now();
  const project = await exportProject(s, actor, studyId, 'qdpx');
  const table = await studyThemeTable(s, actor, studyId);
  const record = await reconciliationRecord(s, actor, studyId);
  const audit = await exportAuditTrail(s, actor, studyId, 'json');
  const access = await exportAccessLog(s, actor, studyId);
  const files: ArchiveFile[] = [
    { path: 'project.qdpx', description: 'the study as a REFI-QDA project (transcripts, every readable layer as codings and notes, the codebook); opens in other QDA tools', content: project.body },
    { path: 'table-of-themes.html', description: 'the table of themes from the consensus layers, with extracts and line references', content: (await renderThemeTable('html', table, at)).body },
    { path: 'table-of-themes.csv', description: 'the same table as CSV', content: (await renderThemeTable('csv', table, at)).body },
    { path: 'table-of-themes.json', description: 'the same table as data', content: table },
    { path: 'reconciliation-record.html', description: 'every disagreement, its discussion, resolution, rationale and decisions', content: (await renderRecord('html', record)).body },
    { path: 'reconciliation-record.json', description: 'the same record as data', content: record },
    { path: 'audit-trail.json', description: 'the audit trail, verifiable offline with `concord audit verify audit-trail.json`', content: audit.json },
    { path: 'access-log.csv', description: 'who read which transcript, layer or export, when, through which door', content: access.csv },
    { path: 'erasures.json', description: 'the erasures in this study: who, when, why, counts (never content)', content: await getErasures(s, actor, studyId) },
  ];
  return zipSubjectArchive({
    subject: { kind: 'study', id: studyId, label: title },
    heading: 'Final export of a study from Concord',
    generatedAt: at,
    generatedBy: { id: actor.user.id, name: actor.user.name },
    notes: [
      'Taken before the study was erased at the end of its retention period. It holds the participants\' pseudonymised words: keep it only as the ethics approval allows. The pseudonymisation key is not in it (export it separately if the approval lets you keep it).',
    ],
    files,
  }).bytes;
}
