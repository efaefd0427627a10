import { type CategoryCounts, rowTotal } from './categoryCounts';
import { type Estimate, estimate, undefinedBecause } from './estimate';

/**
 * Brennan & Prediger (1981), "Coefficient kappa: some uses, misuses, and alternatives": free
 * marginals, chance agreement 1/q, kappa_n = (p_o - 1/q) / (1 - 1/q). For m > 2 coders p_o is the
 * mean pairwise agreement over units (Fleiss' P_u, here allowing a different m_u >= 2 per unit as
 * in Gwet 2014, ch. 2, so missing values only drop pairs). This is the coefficient MAXQDA reports.
 */
export function brennanPrediger(data: CategoryCounts, categories: number = data.q): Estimate {
  if (categories < 2) return undefinedBecause('needs at least two possible categories');
  let units = 0;
  let agreement = 0;
  for (const row of data.rows) {
    const mu = rowTotal(row);
    if (mu < 2 || row.weight === 0) continue;
    let pairs = 0;
    for (let j = 0; j < row.counts.length; j++) {
      const nuj = row.counts[j] ?? 0;
      pairs += nuj * (nuj - 1);
    }
    agreement += (pairs / (mu * (mu - 1))) * row.weight;
    units += row.weight;
  }
  if (units === 0) return undefinedBecause('no unit has two or more values');
  const po = agreement / units;
  return estimate((po - 1 / categories) / (1 - 1 / categories));
}
