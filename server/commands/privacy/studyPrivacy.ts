import { type RetentionState, retentionState } from '../../../shared/privacyApi';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { type DepartedLayers, findDepartedLayers, findRetentionUntil, listErasures, saveDepartedLayers, saveRetentionUntil } from '../../store/erasures';
import { type Actor, authorizeStudy } from '../access/actor';

export interface StudyPrivacy {
  departedLayers: DepartedLayers;
  /**
   * The retention end and where the study stands: `soon` within the warning period, `due` once passed. At
   * the end the lead exports what the approval lets them keep, then erases the study
   * (docs/privacy.md); Concord never erases on its own.
   */
  retention: RetentionState;
  /**
   * Whether to warn this caller (the banner the client shows): true for the study's leads from
   * RETENTION_WARNING_DAYS before the end and after it has passed.
   */
  retentionWarning: boolean;
}

export async function getStudyPrivacy(s: Services, actor: Actor, studyId: string): Promise<StudyPrivacy> {
  const { role } = await authorizeStudy(s, actor, studyId, 'study.read');
  const retention = retentionState(await findRetentionUntil(s.db, studyId), s.now(), s.config.retentionWarningDays);
  return { departedLayers: await findDepartedLayers(s.db, studyId), retention, retentionWarning: role === 'lead' && (retention.state === 'soon' || retention.state === 'due') };
}

export async function setStudyPrivacy(s: Services, actor: Actor, studyId: string, body: { departedLayers?: DepartedLayers | undefined; retentionUntil?: string | null | undefined }): Promise<StudyPrivacy> {
  await authorizeStudy(s, actor, studyId, 'privacy.erase');
  const now = s.now();
  await s.db.transaction().execute(async (trx) => {
    const changed: Record<string, unknown> = {};
    if (body.departedLayers !== undefined) {
      changed.departedLayers = { from: await findDepartedLayers(trx, studyId), to: body.departedLayers };
      await saveDepartedLayers(trx, studyId, body.departedLayers, now);
    }
    if (body.retentionUntil !== undefined) {
      // The end of the named day, UTC: data may be kept through that day.
      const until = body.retentionUntil === null ? null : Date.parse(`${body.retentionUntil}T23:59:59.999Z`);
      changed.retentionUntil = { from: await findRetentionUntil(trx, studyId), to: until };
      await saveRetentionUntil(trx, studyId, until, now);
    }
    await appendAudit(trx, { studyId, actorId: actor.user.id, action: 'privacy.settings', target: `study:${studyId}`, data: changed, at: now });
  });
  return getStudyPrivacy(s, actor, studyId);
}

/** The erasure records of a study (no content: who, when, why, counts, older backups). */
export async function getErasures(s: Services, actor: Actor, studyId: string) {
  await authorizeStudy(s, actor, studyId, 'audit.read');
  return listErasures(s.db, { studyId });
}
