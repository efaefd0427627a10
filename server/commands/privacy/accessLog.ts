import type { Services } from '../../services';
import { type AccessEntry, listAccess, recordAccess, sweepAccess } from '../../store/accessLog';
import { csvDocument } from '../interchange/render/csv';
import { type Actor, authorizeStudy } from '../access/actor';

/** Threat: an export of a busy study's log in one response; older rows are swept by retention anyway. */
export const MAX_ACCESS_LOG_ROWS = 100_000;

const lastSweep = new WeakMap<Services, number>();
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Records a read (docs/privacy.md). A failure to record is logged, not thrown: the log is
 * evidence for the team, and refusing every read when it cannot be written would lock the team
 * out of its own study. At most once an hour, rows past the retention period are swept.
 */
export async function logRead(s: Services, entry: Omit<AccessEntry, 'at'>): Promise<void> {
  const at = s.now();
  try {
    await recordAccess(s.db, { ...entry, at });
    if (at - (lastSweep.get(s) ?? 0) > SWEEP_EVERY_MS) {
      lastSweep.set(s, at);
      await sweepAccess(s.db, at - s.config.accessLogRetentionDays * 24 * 60 * 60 * 1000);
    }
  } catch (error) {
    s.log.error('access_log.write_failed', { what: entry.what, target: entry.target, error: String(error) });
  }
}

/** The study's access log for leads and auditors, as JSON or CSV. */
export async function exportAccessLog(s: Services, actor: Actor, studyId: string): Promise<{ entries: AccessEntry[]; csv: string; retentionDays: number }> {
  await authorizeStudy(s, actor, studyId, 'access_log.read');
  const entries = await listAccess(s.db, studyId, MAX_ACCESS_LOG_ROWS);
  const csv = csvDocument(['at', 'at_iso', 'user_id', 'what', 'target', 'door'], entries.map((e) => [e.at, new Date(e.at).toISOString(), e.userId, e.what, e.target, e.door]));
  return { entries, csv, retentionDays: s.config.accessLogRetentionDays };
}
