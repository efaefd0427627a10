import { Figure } from './Figure';
import type { AgreementResponse, MeasureSet } from '../../../shared/agreement';

/**
 * Coder-pair matrix: alpha (and Cohen's kappa, defined for a pair) of each pair, pooled over the
 * selected transcripts and themes. Symmetric, so each pair is shown in both triangles; that reads
 * as "how does this coder agree with each other coder" along a row.
 */
export function PairMatrix({ data }: { data: AgreementResponse }) {
  const coders = data.report.coders.map((id) => ({ id, name: data.coders.find((c) => c.id === id)?.name ?? id }));
  const pairOf = new Map<string, MeasureSet>();
  for (const p of data.report.pairs) {
    pairOf.set(`${p.coders[0]}|${p.coders[1]}`, p);
    pairOf.set(`${p.coders[1]}|${p.coders[0]}`, p);
  }
  if (coders.length < 2) return <p className="muted">A pair matrix needs at least two coders with layers.</p>;
  return (
    <table className="grid pair-matrix" aria-label="agreement per coder pair">
      <thead>
        <tr>
          <th />
          {coders.map((c) => <th key={c.id} scope="col">{c.name}</th>)}
        </tr>
      </thead>
      <tbody>
        {coders.map((row) => (
          <tr key={row.id}>
            <th scope="row">{row.name}</th>
            {coders.map((col) => {
              const m = row.id === col.id ? undefined : pairOf.get(`${row.id}|${col.id}`);
              if (!m) return <td key={col.id} className="diagonal" aria-label="same coder">—</td>;
              return (
                <td key={col.id} className={`band-cell band-${m.bands.alpha ?? 'na'}`} data-pair={`${row.id}|${col.id}`}>
                  <span className="pair-alpha">α <Figure estimate={m.alpha} /></span>
                  {data.report.unit !== 'continuum' && (
                    <span className="pair-kappa muted small">κ <Figure estimate={m.cohenKappa} /></span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
