/**
 * Reading the numbers, as shown to users (AGREEMENT.md "Reading the numbers").
 * Krippendorff (2004, sec. 11.4.4): rely on variables with alpha >= .800, draw tentative
 * conclusions from .667 <= alpha < .800, discard below.
 */
export const ALPHA_BANDS = { reliable: 0.8, tentative: 0.667 } as const;
export type AlphaBand = 'reliable' | 'tentative' | 'unreliable';

export function alphaBand(alpha: number | null): AlphaBand | null {
  if (alpha === null) return null;
  if (alpha >= ALPHA_BANDS.reliable) return 'reliable';
  if (alpha >= ALPHA_BANDS.tentative) return 'tentative';
  return 'unreliable';
}

/** Landis & Koch (1977), "The measurement of observer agreement for categorical data", p. 165. */
export type KappaBand = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost perfect';

export function kappaBand(kappa: number | null): KappaBand | null {
  if (kappa === null) return null;
  if (kappa < 0) return 'poor';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

/**
 * The kappa paradox (Feinstein & Cicchetti 1990; Byrt, Bishop & Carlin 1993): with a rare (or
 * near-universal) theme, chance agreement is high and kappa stays low although coders agree on
 * almost every unit. Warn when prevalence is outside [10%, 90%] and percent agreement exceeds kappa
 * by at least .20, so readers discuss the theme instead of distrusting the coders.
 */
export const PREVALENCE_WARNING = { extreme: 0.1, gap: 0.2 } as const;

export function prevalenceWarning(prevalence: number | null, percentAgreement: number | null, kappa: number | null): string | null {
  if (prevalence === null || percentAgreement === null || kappa === null) return null;
  const rare = Math.min(prevalence, 1 - prevalence) < PREVALENCE_WARNING.extreme;
  if (!rare || percentAgreement - kappa < PREVALENCE_WARNING.gap) return null;
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  return `prevalence ${pct(prevalence)}: percent agreement (${pct(percentAgreement)}) and kappa (${kappa.toFixed(3)}) diverge because the theme is ${prevalence < 0.5 ? 'rare' : 'nearly everywhere'}; read kappa together with prevalence`;
}
