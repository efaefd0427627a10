import { type BootstrapInterval, type BootstrapOptions, bootstrapAlpha } from './bootstrap';
import { brennanPrediger } from './brennanPrediger';
import type { CategoryCounts } from './categoryCounts';
import { addUnitCounts, emptyCoincidences, unitCounts } from './coincidences';
import { cohenKappa } from './cohenKappa';
import { tableFromData } from './contingencyTable';
import { type Estimate, undefinedBecause } from './estimate';
import { fleissKappa } from './fleissKappa';
import { holsti } from './holsti';
import { type AlphaLevel, alphaFromCoincidences } from './krippendorffAlpha';
import { percentAgreement } from './percentAgreement';
import { type ReliabilityData, sortedValues } from './reliabilityData';
import { scottPi } from './scottPi';

/** Every coefficient of a reliability data matrix; the `concord agreement matrix` output. */
export interface MatrixReport {
  readonly units: number;
  readonly coders: readonly string[];
  readonly level: AlphaLevel;
  /** Pairable values (the total of the coincidence matrix). */
  readonly n: number;
  readonly alpha: number | null;
  readonly percentAgreement: number | null;
  readonly holsti: number | null;
  readonly cohenKappa: number | null;
  readonly cohenKappaSE: number | null;
  readonly scottPi: number | null;
  readonly fleissKappa: number | null;
  readonly fleissPerCategory: Readonly<Record<string, number | null>> | null;
  readonly brennanPrediger: number | null;
  readonly ci?: BootstrapInterval;
  /** Why each null coefficient is null. */
  readonly reasons: Readonly<Record<string, string>>;
}

export function matrixReport(data: ReliabilityData, level: AlphaLevel = 'nominal', bootstrap?: BootstrapOptions): MatrixReport {
  const values = sortedValues(data);
  const counts = unitCounts(data, values);
  const co = emptyCoincidences(values);
  for (const c of counts) addUnitCounts(co, c);
  let n = 0;
  for (const v of co.o) n += v;
  const table: CategoryCounts = { q: values.length, rows: counts.map((c) => ({ counts: c, weight: 1 })) };
  const reasons: Record<string, string> = {};
  const take = (name: string, e: Estimate): number | null => {
    if (e.value === null) reasons[name] = e.reason;
    return e.value;
  };
  const m = data.coders.length;
  const complete = data.units.every((row) => row.every((v) => v !== null));
  const alpha = take('alpha', alphaFromCoincidences(co, level));
  const pa = take('percentAgreement', percentAgreement(table));

  let cohen: number | null = null;
  let se: number | null = null;
  let pi: number | null = null;
  let hol: number | null = null;
  if (m === 2) {
    const pair = tableFromData(data, 0, 1, values);
    const k = cohenKappa(pair);
    cohen = take('cohenKappa', k.kappa);
    se = k.se;
    let agreements = 0;
    let first = 0;
    let second = 0;
    for (const row of data.units) {
      if (row[0] !== null && row[0] !== undefined) first++;
      if (row[1] !== null && row[1] !== undefined) second++;
      if (row[0] !== null && row[0] !== undefined && row[0] === row[1]) agreements++;
    }
    hol = take('holsti', holsti(agreements, first, second));
    pi = complete ? take('scottPi', scottPi(pair)) : take('scottPi', undefinedBecause('Scott\'s pi needs complete data (no missing values)'));
  } else {
    reasons.cohenKappa = `Cohen's kappa needs exactly 2 coders, got ${m}`;
    reasons.holsti = `Holsti's coefficient needs exactly 2 coders, got ${m}`;
  }

  let fleiss: number | null = null;
  let perCategory: Record<string, number | null> | null = null;
  if (!complete) {
    reasons.fleissKappa = 'Fleiss\' kappa needs complete data (no missing values)';
    if (m > 2) reasons.scottPi = 'Scott\'s pi (Fleiss\' m-coder form) needs complete data (no missing values)';
  }
  else {
    const f = fleissKappa(table);
    fleiss = take('fleissKappa', f.kappa);
    if (f.perCategory.length === values.length) {
      perCategory = {};
      values.forEach((v, j) => {
        (perCategory as Record<string, number | null>)[String(v)] = f.perCategory[j]?.value ?? null;
      });
    }
    // Fleiss (1971) introduced his kappa as the m-coder generalisation of Scott's pi.
    if (m > 2) pi = take('scottPi', f.kappa);
  }
  if (m < 2) reasons.scottPi = 'needs at least 2 coders';
  const bp = take('brennanPrediger', values.length < 2 ? undefinedBecause('needs at least two categories in the data') : brennanPrediger(table, values.length));
  const ci = bootstrap ? bootstrapAlpha(values, table, level, bootstrap) : undefined;
  return {
    units: data.units.length,
    coders: data.coders,
    level,
    n,
    alpha,
    percentAgreement: pa,
    holsti: hol,
    cohenKappa: cohen,
    cohenKappaSE: se,
    scottPi: pi,
    fleissKappa: fleiss,
    fleissPerCategory: perCategory,
    brennanPrediger: bp,
    ...(ci ? { ci } : {}),
    reasons,
  };
}
