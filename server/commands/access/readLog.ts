import type { Services } from '../../services';
import { type AccessEntry, recordAccess, sweepAccess } from '../../store/accessLog';

// In access/ (beside the access decision) rather than privacy/, because every command that
// serves a read records it here: interchange's exports among them, which privacy/ itself uses.
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
