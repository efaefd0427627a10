import { createHash } from 'node:crypto';
import { fileStem } from '../../../shared/fileName';
import { AppError, conflict, notFound } from '../../errors';
import { newId } from '../../ids';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { transcriptIdsOfStudy } from '../../store/erasureRows';
import { findRetentionExport, insertRetentionExport, lastAuditSeq, lastDocUpdateId, studyDocsChangedSince } from '../../store/retentionExports';
import { type Actor, authorizeStudy } from '../access/actor';
import { CONTENT_TYPES, type ExportFile } from '../interchange/render/exportFile';
import { logRead } from '../access/readLog';
import { eraseStudy } from '../privacy/erase';
import type { ErasureReport } from '../privacy/runErasure';
import { buildStudyArchive } from './studyArchive';

/**
 * Threat: erasing on the strength of an old export, taken before work that it does not hold.
 * An export older than this is refused as proof; the lead takes a new one.
 */
export const EXPORT_PROOF_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export const RETENTION_EXPORT_ACTION = 'privacy.retention_export';

/**
 * Step 1 of "export then erase" (docs/privacy.md, Retention): the study's final export, recorded
 * by its SHA-256 with the state of the study it captured. Leads only (the erasure's right).
 */
export async function takeFinalExport(s: Services, actor: Actor, studyId: string): Promise<ExportFile<Uint8Array> & { exportId: string }> {
  const { study } = await authorizeStudy(s, actor, studyId, 'privacy.erase');
  // Taken before the export is built: any later update may be missing from it.
  const docUpdateId = await lastDocUpdateId(s.db);
  const bytes = await buildStudyArchive(s, actor, studyId, study.title);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const id = newId();
  const at = s.now();
  await s.db.transaction().execute(async (trx) => {
    const event = await appendAudit(trx, { studyId, actorId: actor.user.id, action: RETENTION_EXPORT_ACTION, target: `study:${studyId}`, data: { exportId: id, sha256, bytes: bytes.length }, at });
    await insertRetentionExport(trx, { id, studyId, at, actorId: actor.user.id, sha256, bytes: bytes.length, auditSeq: event.seq, docUpdateId });
  });
  await logRead(s, { studyId, userId: actor.user.id, what: 'export', target: `export:final:${id}`, door: 'rest' });
  return { exportId: id, fileName: `${fileStem(study.title, 'study')}-final-export.zip`, contentType: CONTENT_TYPES.zip, body: bytes };
}

/**
 * Step 2: erases the study, only when the lead proves they hold the export (the SHA-256 their
 * client computed over the bytes it received equals the recorded one), the export is recent and
 * nothing changed in the study since it was taken (no audit event, no document update). So
 * nothing is erased without a complete export existing outside Concord. The erasure record names
 * the export by id and hash.
 */
export async function eraseAfterExport(s: Services, actor: Actor, studyId: string, req: { exportId: string; sha256: string; reason: string; confirm?: boolean | undefined }): Promise<ErasureReport> {
  await authorizeStudy(s, actor, studyId, 'privacy.erase');
  const taken = await findRetentionExport(s.db, req.exportId);
  if (!taken || taken.studyId !== studyId) throw notFound('final export');
  if (taken.sha256 !== req.sha256) throw new AppError('conflict', 'the SHA-256 does not match the final export: download it again and check the file', { reason: 'export_hash_mismatch' });
  if (s.now() - taken.at > EXPORT_PROOF_MAX_AGE_MS) throw new AppError('conflict', 'the final export is older than a day: take a new one', { reason: 'export_too_old' });
  const tids = (await transcriptIdsOfStudy(s.db, studyId)).map((t) => t.id);
  if ((await lastAuditSeq(s.db, studyId)) !== taken.auditSeq || (await studyDocsChangedSince(s.db, studyId, tids, taken.docUpdateId))) {
    throw conflict('the study changed after the final export was taken: take a new one so that it holds everything');
  }
  const at = new Date(taken.at).toISOString();
  return eraseStudy(s, actor, studyId, { reason: `${req.reason} (after final export ${taken.id}, sha256 ${taken.sha256}, ${taken.bytes} bytes, taken ${at})`, ...(req.confirm === undefined ? {} : { confirm: req.confirm }) });
}
