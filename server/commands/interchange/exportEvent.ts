import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import type { Actor } from '../access/actor';

/**
 * Records in the audit trail that a file was taken out (what, in which format). Exports are
 * governance events too (DESIGN.md section 3): who took which record out, when.
 */
export async function logExportEvent(s: Services, actor: Actor, studyId: string, what: string, format: string): Promise<void> {
  await s.db.transaction().execute((trx) => appendAudit(trx, { studyId, actorId: actor.user.id, action: 'export', target: `study:${studyId}`, data: { what, format }, at: s.now() }));
}
