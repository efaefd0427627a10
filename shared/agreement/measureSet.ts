import { type AlphaBand, type KappaBand, alphaBand, kappaBand, prevalenceWarning } from './bands';
import { type BootstrapInterval, type BootstrapOptions, bootstrapAlpha } from './bootstrap';
import { brennanPrediger } from './brennanPrediger';
import { cohenKappa } from './cohenKappa';
import { type Estimate, undefinedBecause } from './estimate';
import { fleissKappa } from './fleissKappa';
import { alphaFromCoincidences } from './krippendorffAlpha';
import { percentAgreement } from './percentAgreement';
import { type PresenceProfile, forEachPattern, popcount, profileCoincidences, profileCounts, profilePairTable } from './presenceProfile';
import { type UnitizingTally, unitizingAlphas } from './unitizingAlpha';

/** The figures shown for one theme, transcript, coder pair or the whole study. */
export interface MeasureSet {
  /** Units with at least two coders' values (characters for character units, text length x coders for the continuum). */
  readonly units: number;
  /** Share of values marking the theme present. */
  readonly prevalence: number | null;
  readonly alpha: Estimate;
  readonly percentAgreement: Estimate;
  /** Only for exactly two coders (use the pair table otherwise). */
  readonly cohenKappa: Estimate;
  readonly cohenKappaSE: number | null;
  readonly fleissKappa: Estimate;
  readonly brennanPrediger: Estimate;
  /** Continuum only: u-alpha, cu-alpha and coverage for the theme. */
  readonly unitizing?: { readonly uAlpha: Estimate; readonly cuAlpha: Estimate; readonly coverage: number | null };
  readonly ci?: BootstrapInterval;
  readonly bands: { readonly alpha: AlphaBand | null; readonly kappa: KappaBand | null };
  readonly warnings: readonly string[];
}

/** Measures of binary presence data (line, turn and character units). For binary data every alpha metric equals nominal. */
export function profileMeasures(profile: PresenceProfile, bootstrap?: BootstrapOptions): MeasureSet {
  const counts = profileCounts(profile);
  let units = 0;
  let values = 0;
  let present = 0;
  forEachPattern(profile, (observed, p, weight) => {
    const mu = popcount(observed);
    if (mu < 2) return;
    units += weight;
    values += mu * weight;
    present += popcount(p) * weight;
  });
  const prevalence = values > 0 ? present / values : null;
  const alpha = alphaFromCoincidences(profileCoincidences(profile), 'nominal');
  const pa = percentAgreement(counts);
  const fleiss = fleissKappa(counts);
  const bp = brennanPrediger(counts, 2);
  let cohen: Estimate = undefinedBecause('Cohen\'s kappa compares exactly two coders; see the coder-pair table');
  let se: number | null = null;
  if (profile.coders.length === 2) {
    const c = cohenKappa(profilePairTable(profile, 0, 1));
    cohen = c.kappa;
    se = c.se;
  }
  const kappa = profile.coders.length === 2 ? cohen : fleiss.kappa;
  const warnings: string[] = [];
  const warning = prevalenceWarning(prevalence, pa.value, kappa.value);
  if (warning) warnings.push(warning);
  const ci = bootstrap ? bootstrapAlpha([0, 1], counts, 'nominal', bootstrap) : undefined;
  return {
    units,
    prevalence,
    alpha,
    percentAgreement: pa,
    cohenKappa: cohen,
    cohenKappaSE: se,
    fleissKappa: fleiss.kappa,
    brennanPrediger: bp,
    ...(ci ? { ci } : {}),
    bands: { alpha: alphaBand(alpha.value), kappa: kappaBand(kappa.value) },
    warnings,
  };
}

const NOT_ON_CONTINUUM = 'kappa-type coefficients need discrete units; the continuum uses the unitizing alphas';

/** Measures on the continuum: alpha is |u-alpha (the theme versus gap). */
export function tallyMeasures(tally: UnitizingTally): MeasureSet {
  const result = unitizingAlphas(tally);
  let valued = 0;
  for (let c = 1; c <= tally.values.length; c++) for (let k = 0; k <= tally.values.length; k++) valued += tally.l[c * (tally.values.length + 1) + k] ?? 0;
  const prevalence = tally.total > 0 ? valued / tally.total : null;
  return {
    units: tally.total,
    prevalence,
    alpha: result.binaryUAlpha,
    percentAgreement: undefinedBecause(NOT_ON_CONTINUUM),
    cohenKappa: undefinedBecause(NOT_ON_CONTINUUM),
    cohenKappaSE: null,
    fleissKappa: undefinedBecause(NOT_ON_CONTINUUM),
    brennanPrediger: undefinedBecause(NOT_ON_CONTINUUM),
    unitizing: { uAlpha: result.uAlpha, cuAlpha: result.cuAlpha, coverage: result.coverage },
    bands: { alpha: alphaBand(result.binaryUAlpha.value), kappa: null },
    warnings: [],
  };
}
