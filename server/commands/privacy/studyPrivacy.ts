import type { DepartedLayers } from '../../store/erasures';
import { findDepartedLayers, listErasures, saveDepartedLayers } from '../../store/erasures';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { type Actor, authorizeStudy } from '../access/actor';

export async function getStudyPrivacy(s: Services, actor: Actor, studyId: string): Promise<{ departedLayers: DepartedLayers }> {
  await authorizeStudy(s, actor, studyId, 'study.read');
  return { departedLayers: await findDepartedLayers(s.db, studyId) };
}

export async function setStudyPrivacy(s: Services, actor: Actor, studyId: string, body: { departedLayers: DepartedLayers }): Promise<{ departedLayers: DepartedLayers }> {
  await authorizeStudy(s, actor, studyId, 'privacy.erase');
  const now = s.now();
  await s.db.transaction().execute(async (trx) => {
    const before = await findDepartedLayers(trx, studyId);
    await saveDepartedLayers(trx, studyId, body.departedLayers, now);
    await appendAudit(trx, { studyId, actorId: actor.user.id, action: 'privacy.settings', target: `study:${studyId}`, data: { departedLayers: { from: before, to: body.departedLayers } }, at: now });
  });
  return { departedLayers: body.departedLayers };
}

/** The erasure records of a study (no content: who, when, why, counts, older backups). */
export async function getErasures(s: Services, actor: Actor, studyId: string) {
  await authorizeStudy(s, actor, studyId, 'audit.read');
  return listErasures(s.db, { studyId });
}
