import { ALPHA_THRESHOLDS, bare, fixed } from './format';
import type { Estimate, BootstrapInterval as Interval, MeasureSet } from '../../../shared/agreement';

export interface ChartRow {
  id: string;
  label: string;
  depth: number;
  alpha: Estimate;
  ci?: Interval;
  band: MeasureSet['bands']['alpha'];
}

const LABEL_W = 280;
const LABEL_CHARS = 36;
const INDENT = 12;
const PLOT_W = 440;
const ROW_H = 22;
const TOP = 24;

/**
 * Alpha per theme as horizontal bars, drawn as inline SVG (no chart library: a few dozen
 * rectangles). The axis starts at 0 unless some alpha or interval goes below it, since a
 * negative alpha (systematic disagreement) must stay visible rather than be clipped.
 */
export function AlphaChart({ rows }: { rows: ChartRow[] }) {
  const lows = rows.flatMap((r) => [r.alpha.value ?? 0, r.ci?.lower ?? 0]);
  // Quarter steps keep a negative part wide enough to read and its tick clear of the 0 label; a
  // value a hair below zero (chance-level agreement) does not earn a quarter of the width.
  const min = Math.min(0, ...lows);
  const lo = min > -0.05 ? 0 : Math.max(-1, Math.floor(min * 4) / 4);
  const clamp = (v: number) => Math.max(lo, v);
  const x = (v: number) => LABEL_W + ((clamp(v) - lo) / (1 - lo)) * PLOT_W;
  const height = TOP + rows.length * ROW_H + 8;
  const ticks = [...new Set([lo, 0, ALPHA_THRESHOLDS.tentative, ALPHA_THRESHOLDS.reliable, 1])];
  return (
    <svg className="alpha-chart" viewBox={`0 0 ${LABEL_W + PLOT_W + 60} ${height}`} role="img" aria-label="Krippendorff's alpha per theme">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={TOP - 6} y2={height - 6} className={t === ALPHA_THRESHOLDS.reliable || t === ALPHA_THRESHOLDS.tentative ? 'threshold' : 'axis'} />
          <text x={x(t)} y={TOP - 10} textAnchor="middle" className="tick">{t === 0 || t === 1 ? String(t) : bare(t)}</text>
        </g>
      ))}
      {rows.map((r, i) => {
        const y = TOP + i * ROW_H;
        const v = r.alpha.value;
        return (
          <g key={r.id} data-theme={r.id}>
            {/* Indented by depth, as in the table, so the chart keeps the tree's shape. */}
            <text x={8 + (r.depth - 1) * INDENT} y={y + ROW_H / 2 + 4} className="label">
              <title>{r.label}</title>
              {truncate(r.label, LABEL_CHARS - Math.round(((r.depth - 1) * INDENT) / 7))}
            </text>
            {v === null ? (
              <text x={x(0) + 6} y={y + ROW_H / 2 + 4} className="na-label">
                <title>{r.alpha.reason}</title>
                n/a
              </text>
            ) : (
              <>
                <rect x={Math.min(x(0), x(v))} y={y + 4} width={Math.max(1, Math.abs(x(v) - x(0)))} height={ROW_H - 8} className={`bar band-${r.band ?? 'na'}`}>
                  <title>{`${r.label}: α = ${fixed(v)}${r.ci && r.ci.lower !== null && r.ci.upper !== null ? ` (95% CI ${fixed(r.ci.lower)} to ${fixed(r.ci.upper)})` : ''}`}</title>
                </rect>
                {r.ci && r.ci.lower !== null && r.ci.upper !== null && (
                  <line x1={x(r.ci.lower)} x2={x(r.ci.upper)} y1={y + ROW_H / 2} y2={y + ROW_H / 2} className="whisker" />
                )}
                <text x={x(Math.max(v, r.ci?.upper ?? v, 0)) + 6} y={y + ROW_H / 2 + 4} className="value">{fixed(v)}</text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, Math.max(1, n - 1))}…` : s);
