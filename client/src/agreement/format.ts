import { ALPHA_BANDS } from '../../../shared/agreement/bands';
import type { Estimate, MeasureSet } from '../../../shared/agreement';

/** Three decimals, the precision agreement is usually reported at (Krippendorff 2004). */
export const fixed = (x: number, digits = 3): string => x.toFixed(digits);
export const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The text of an estimate and the tooltip that explains an undefined one. */
export function estimateText(e: Estimate, show: (x: number) => string = fixed): { text: string; title?: string } {
  return e.value === null ? { text: 'n/a', title: e.reason } : { text: show(e.value) };
}

/**
 * The kappa shown beside alpha: Cohen's for two coders, Fleiss' for more (Cohen's needs exactly
 * two; the engine reports it as undefined otherwise, and the pair matrix has the pairwise ones).
 */
export function kappaOf(m: MeasureSet, coderCount: number): { name: string; estimate: Estimate } {
  return coderCount === 2 ? { name: 'Cohen’s κ', estimate: m.cohenKappa } : { name: 'Fleiss’ κ', estimate: m.fleissKappa };
}

/** `.800`: how thresholds are written in the methods literature. */
export const bare = (x: number): string => x.toFixed(3).replace(/^(-?)0\./, '$1.');

export const ALPHA_BAND_TEXT = {
  reliable: `reliable (α ≥ ${bare(ALPHA_BANDS.reliable)})`,
  tentative: `tentative (${bare(ALPHA_BANDS.tentative)} ≤ α < ${bare(ALPHA_BANDS.reliable)})`,
  unreliable: `low (α < ${bare(ALPHA_BANDS.tentative)}): talk it through`,
} as const;

export function bandLabel(band: MeasureSet['bands']['alpha']): string {
  return band === null ? 'n/a' : ALPHA_BAND_TEXT[band];
}

export const ALPHA_THRESHOLDS = ALPHA_BANDS;
