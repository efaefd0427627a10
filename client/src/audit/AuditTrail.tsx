import type { AuditEvent, ChainVerdict } from '../../../shared/auditChain';
import { ExportLinks } from '../tables/exportLinks';
import { when } from '../reconcile/when';

/**
 * The audit trail with its hash chain checked twice: by the server, and again here with the same
 * pure function an offline verifier runs on the export (shared/auditChain verifyChain), so a
 * reader need not trust the server's word that the chain holds.
 */
export function AuditTrail(props: { studyId: string; events: readonly AuditEvent[]; server: ChainVerdict; local: ChainVerdict; nameOf: (id: string | null) => string; targetOf: (target: string) => string }) {
  const { events, server, local } = props;
  const ok = server.verified && local.verified;
  return (
    <section aria-label="audit trail">
      <h2>Audit trail</h2>
      <p className={ok ? 'chain ok' : 'chain broken'} role="status" data-testid="chain">
        {ok
          ? `Hash chain verified: ${events.length} event${events.length === 1 ? '' : 's'}, checked by the server and again in this browser.`
          : `Hash chain broken at event ${!server.verified ? server.brokenAt : !local.verified ? local.brokenAt : '?'}: ${!server.verified ? server.reason : !local.verified ? local.reason : ''}`}
      </p>
      <ExportLinks base={`/api/studies/${props.studyId}/audit/export`} formats={['json', 'csv']} label="Export the audit trail" />
      <p className="muted small">
        To verify an export offline, run <code>concord audit verify FILE</code>, or recompute each event’s hash as sha256(prevHash + canonical JSON of the event) and check that each prevHash is the hash before it.
      </p>
      <div className="tt-scroll">
        <table className="grid audit-table" aria-label="audit events">
          <thead>
            <tr><th>#</th><th>When</th><th>Who</th><th>Action</th><th>Target</th><th>Details</th><th>Hash</th></tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td className="nowrap">{when(e.at)}</td>
                <td>{props.nameOf(e.actorId)}</td>
                <td><code>{e.action}</code></td>
                <td className="small" title={e.target}>{props.targetOf(e.target)}</td>
                <td className="small audit-data">{summarize(e.data)}</td>
                <td><code className="small" title={e.hash}>{e.hash.slice(0, 10)}…</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A one-line view of an event's data; the export carries it whole. */
function summarize(data: unknown): string {
  if (data === null || typeof data !== 'object') return String(data ?? '');
  const text = Object.entries(data as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
