import { BandBadge } from './BandBadge';
import { Figure } from './Figure';
import { fixed, kappaOf, percent } from './format';
import type { Unit } from './settings';
import type { MeasureSet } from '../../../shared/agreement';

export interface ThemeRow {
  id: string;
  label: string;
  depth: number;
  levelName: string;
  measures: MeasureSet;
}

/**
 * The per-theme table. On the continuum, kappa and % agreement stay as columns reading n/a with
 * the engine's reason (they need discrete units), so the table keeps one shape for every unit.
 * Prevalence sits next to kappa in every row (AGREEMENT.md, "Reading the numbers": the kappa
 * paradox), and the engine's prevalence warning is shown in the row it concerns, not in a footnote.
 */
export function ThemeTable({ rows, coderCount, unit }: { rows: ThemeRow[]; coderCount: number; unit: Unit }) {
  const continuum = unit === 'continuum';
  const kappaName = coderCount === 2 ? 'Cohen’s κ' : 'Fleiss’ κ';
  return (
    <table className="grid agreement-table" aria-label="agreement per theme">
      <thead>
        <tr>
          <th>Theme</th>
          <th title={continuum ? 'binary unitizing alpha |u-α: theme versus the rest of the text' : 'Krippendorff’s alpha, nominal'}>{continuum ? '|u-α' : 'α'}</th>
          <th>Band</th>
          <th>{kappaName}</th>
          <th>% agreement</th>
          <th title="share of coders’ values that mark the theme present">Prevalence</th>
          <th title={continuum ? 'text length × coders' : 'units coded by at least two coders'}>n</th>
          <th>Notes</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const m = r.measures;
          const ci = m.ci && m.ci.lower !== null && m.ci.upper !== null ? `[${fixed(m.ci.lower)}, ${fixed(m.ci.upper)}]` : null;
          return (
            <tr key={r.id} data-theme={r.id} className={`band-row band-${m.bands.alpha ?? 'na'}`}>
              <th scope="row" className="theme-cell" style={{ paddingLeft: `${0.7 + (r.depth - 1) * 1.1}rem` }} title={r.levelName}>
                {r.label}
              </th>
              <td data-col="alpha">
                <Figure estimate={m.alpha} />
                {ci && <span className="ci" data-col="ci" title={`95% bootstrap interval, ${m.ci?.replicates} resamples, seed ${m.ci?.seed}`}> {ci}</span>}
                {m.ci && ci === null && <abbr className="ci na" title={m.ci.reason ?? 'no interval'}> [n/a]</abbr>}
              </td>
              <td><BandBadge band={m.bands.alpha} /></td>
              <td data-col="kappa">
                <Figure estimate={kappaOf(m, coderCount).estimate} />
                {m.bands.kappa && <span className="muted small"> {m.bands.kappa}</span>}
              </td>
              <td data-col="percent">
                <Figure estimate={m.percentAgreement} show={percent} />
              </td>
              <td data-col="prevalence">{m.prevalence === null ? <abbr className="na" title="no unit was coded by two coders">n/a</abbr> : percent(m.prevalence)}</td>
              <td data-col="units">{m.units.toLocaleString('en')}</td>
              <td className="notes">
                {m.warnings.map((w) => (
                  <span key={w} className="warning" role="note" title={w}>
                    ⚠ {shortWarning(w, m.prevalence)}
                  </span>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * At line level most themes are rare, so the prevalence warning shows on many rows: a short label
 * keeps the table scannable, and the engine's full sentence stays in the tooltip.
 */
function shortWarning(warning: string, prevalence: number | null): string {
  if (!warning.startsWith('prevalence ') || prevalence === null) return warning;
  return `${prevalence < 0.5 ? 'rare' : 'near-universal'} theme (${percent(prevalence)}): κ understates agreement`;
}
