import type { TranscriptMeta } from '../api';
import { describeDecision } from '../reconcile/describeDecision';
import { describeResolution } from '../reconcile/ResolutionSummary';
import type { Discussion } from '../reconcile/types';
import { Link } from '../router';
import { when } from '../reconcile/when';

interface Row {
  at: number;
  who: string;
  transcript: TranscriptMeta;
  itemKey: string;
  where: string;
  what: string;
  rationale: string;
  superseded: boolean;
}

/**
 * Every decision in time order: each resolution (revisions included, the replaced ones marked)
 * and each codebook decision taken from a disagreement, with who, when and why.
 */
export function DecisionsLog(props: { transcripts: readonly TranscriptMeta[]; discussions: ReadonlyMap<string, Discussion>; nameOf: (id: string) => string; labelOf: (themeId: string) => string }) {
  const rows: Row[] = [];
  for (const t of props.transcripts) {
    for (const item of props.discussions.get(t.id)?.items ?? []) {
      const where = `${props.labelOf(item.themeId)}, ${item.lines?.label ?? `characters ${item.start}-${item.end}`}`;
      const revisions = [...item.history.map((r) => ({ r, superseded: true })), ...(item.resolution ? [{ r: item.resolution, superseded: false }] : [])];
      for (const { r, superseded } of revisions) {
        rows.push({ at: r.at, who: r.byName || props.nameOf(r.by), transcript: t, itemKey: item.key, where, what: `resolution ${r.revision}: ${describeResolution(r, props.nameOf, props.labelOf)}`, rationale: r.rationale, superseded });
      }
      for (const d of item.decisions) {
        rows.push({ at: d.at, who: d.byName || props.nameOf(d.by), transcript: t, itemKey: item.key, where, what: `codebook: ${describeDecision(d, props.labelOf)}`, rationale: d.rationale, superseded: false });
      }
    }
  }
  rows.sort((a, b) => a.at - b.at);
  return (
    <section aria-label="decisions">
      <h2>Decisions</h2>
      {rows.length === 0 ? (
        <p className="muted">No decisions yet.</p>
      ) : (
        <table className="grid" aria-label="decision log">
          <thead>
            <tr><th>When</th><th>Who</th><th>Transcript</th><th>Disagreement</th><th>Decision</th><th>Rationale</th></tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className={r.superseded ? 'superseded' : undefined} data-testid="decision">
                <td className="nowrap">{when(r.at)}</td>
                <td>{r.who}</td>
                <td><Link to={`/transcripts/${r.transcript.id}/reconcile`}>{r.transcript.title}</Link></td>
                <td className="small">{r.where}</td>
                <td>{r.what}{r.superseded && <span className="muted small"> (revised later)</span>}</td>
                <td><q>{r.rationale}</q></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
