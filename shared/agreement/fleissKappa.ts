import { type CategoryCounts, rowTotal } from './categoryCounts';
import { type Estimate, estimate, undefinedBecause } from './estimate';

export interface FleissKappa {
  readonly kappa: Estimate;
  /** kappa_j per category, in category order. */
  readonly perCategory: readonly Estimate[];
  /** Pbar, the mean agreement over units (Fleiss 1971, eq. 4). */
  readonly observed: number | null;
  readonly expected: number | null;
}

/**
 * Fleiss (1971), "Measuring nominal scale agreement among many raters": p_j (eq. 2),
 * P_u = (sum_j n_uj^2 - m) / (m (m - 1)) (eq. 3), Pbar (eq. 4), Pe = sum p_j^2 (eq. 5),
 * kappa = (Pbar - Pe) / (1 - Pe) (eq. 7); per category kappa_j = 1 - sum_u n_uj (m - n_uj) /
 * (N m (m - 1) p_j q_j) (eq. 11). Requires the same number m >= 2 of values on every unit.
 */
export function fleissKappa(data: CategoryCounts): FleissKappa {
  const none = (reason: string): FleissKappa => ({ kappa: undefinedBecause(reason), perCategory: [], observed: null, expected: null });
  let m = -1;
  let units = 0;
  for (const row of data.rows) {
    if (row.weight === 0) continue;
    const total = rowTotal(row);
    if (m === -1) m = total;
    else if (total !== m) return none('needs complete data: every unit must have a value from every coder');
    units += row.weight;
  }
  if (units === 0) return none('no units');
  if (m < 2) return none('needs at least two coders');
  const q = data.q;
  const p = new Float64Array(q);
  const disagreement = new Float64Array(q);
  let pbar = 0;
  for (const row of data.rows) {
    if (row.weight === 0) continue;
    let squares = 0;
    for (let j = 0; j < q; j++) {
      const nuj = row.counts[j] ?? 0;
      squares += nuj * nuj;
      p[j] = (p[j] ?? 0) + nuj * row.weight;
      disagreement[j] = (disagreement[j] ?? 0) + nuj * (m - nuj) * row.weight;
    }
    pbar += ((squares - m) / (m * (m - 1))) * row.weight;
  }
  pbar /= units;
  let pe = 0;
  for (let j = 0; j < q; j++) {
    p[j] = (p[j] ?? 0) / (units * m);
    pe += (p[j] ?? 0) ** 2;
  }
  const perCategory: Estimate[] = [];
  for (let j = 0; j < q; j++) {
    const pj = p[j] ?? 0;
    const denominator = units * m * (m - 1) * pj * (1 - pj);
    perCategory.push(
      denominator <= 0
        ? undefinedBecause(pj === 0 ? 'category never used' : 'category used for every value')
        : estimate(1 - (disagreement[j] ?? 0) / denominator),
    );
  }
  const kappa = 1 - pe <= 1e-12 ? undefinedBecause('no variation: every value is the same category') : estimate((pbar - pe) / (1 - pe));
  return { kappa, perCategory, observed: pbar, expected: pe };
}
