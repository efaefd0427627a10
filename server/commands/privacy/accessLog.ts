import type { Services } from '../../services';
import { type AccessEntry, listAccess } from '../../store/accessLog';
import { csvDocument } from '../../../shared/csv';
import { type Actor, authorizeStudy } from '../access/actor';

/** Threat: an export of a busy study's log in one response; older rows are swept by retention anyway. */
export const MAX_ACCESS_LOG_ROWS = 100_000;

/** The study's access log for leads and auditors, as JSON or CSV. */
export async function exportAccessLog(s: Services, actor: Actor, studyId: string): Promise<{ entries: AccessEntry[]; csv: string; retentionDays: number }> {
  await authorizeStudy(s, actor, studyId, 'access_log.read');
  const entries = await listAccess(s.db, studyId, MAX_ACCESS_LOG_ROWS);
  const csv = csvDocument(['at', 'at_iso', 'user_id', 'what', 'target', 'door'], entries.map((e) => [e.at, new Date(e.at).toISOString(), e.userId, e.what, e.target, e.door]));
  return { entries, csv, retentionDays: s.config.accessLogRetentionDays };
}
