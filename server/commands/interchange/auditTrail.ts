import { type AuditEvent, verifyChain } from '../../../shared/auditChain';
import { canonicalJson } from '../../../shared/canonicalJson';
import type { Services } from '../../services';
import { listAudit } from '../../store/audit';
import { type Actor, authorizeStudy } from '../access/actor';
import { logExportEvent } from './exportEvent';

/** The format tag of an exported trail, checked by `concord audit verify`. */
export const AUDIT_EXPORT_FORMAT = 'concord-audit-trail';

export interface AuditTrailExport {
  format: typeof AUDIT_EXPORT_FORMAT;
  version: 1;
  study: { id: string; title: string };
  exportedAt: number;
  exportedBy: string;
  /** The server's own verdict at export time; an offline check recomputes it (docs/audit.md). */
  verified: boolean;
  events: AuditEvent[];
}

/**
 * The study's whole audit trail for offline verification (issue 6 item 6), leads and auditors.
 * The export itself is then audited, so it is not part of the file it produces: the file's chain
 * is a prefix of the study's chain, which is what lets a later export be compared with it.
 */
export async function exportAuditTrail(s: Services, actor: Actor, studyId: string, format: 'json' | 'csv'): Promise<{ json: AuditTrailExport; csv: string }> {
  const { study } = await authorizeStudy(s, actor, studyId, 'audit.read');
  const events = await listAudit(s.db, studyId);
  const json: AuditTrailExport = {
    format: AUDIT_EXPORT_FORMAT,
    version: 1,
    study: { id: study.id, title: study.title },
    exportedAt: s.now(),
    exportedBy: actor.user.id,
    verified: verifyChain(events).verified,
    events,
  };
  await logExportEvent(s, actor, studyId, 'audit', format);
  return { json, csv: auditCsv(events) };
}

export const AUDIT_CSV_COLUMNS = ['study_id', 'seq', 'at', 'at_iso', 'actor_id', 'action', 'target', 'data', 'data_hash', 'prev_hash', 'hash'] as const;

/**
 * One row per event; `data` is the canonical JSON and `data_hash` (empty on scheme 1 events) the
 * commitment the hash covers, so the CSV verifies too.
 * RFC 4180 quoting. Unlike the table exports, no cell is altered against spreadsheet formulas:
 * this file is evidence and must hash to what was recorded (ids, actions and targets are ours).
 */
export function auditCsv(events: readonly AuditEvent[]): string {
  const rows = [AUDIT_CSV_COLUMNS.join(',')];
  for (const e of events) {
    rows.push([e.studyId, String(e.seq), String(e.at), new Date(e.at).toISOString(), e.actorId ?? '', e.action, e.target, canonicalJson(e.data), e.dataHash ?? '', e.prevHash, e.hash].map(csvCell).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
