import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import type { Actor } from '../access/actor';
import { logRead } from '../access/readLog';

/**
 * Records in the audit trail that a file was taken out (what, in which format). Exports are
 * governance events too (DESIGN.md section 3): who took which record out, when.
 */
export async function logExportEvent(s: Services, actor: Actor, studyId: string, what: string, format: string): Promise<void> {
  await s.db.transaction().execute((trx) => appendAudit(trx, { studyId, actorId: actor.user.id, action: 'export', target: `study:${studyId}`, data: { what, format }, at: s.now() }));
  // Every export is also a read in the access log (docs/privacy.md); exports are served over HTTP.
  await logRead(s, { studyId, userId: actor.user.id, what: 'export', target: `export:${what}:${format}`, door: 'rest' });
}
