import { type ContingencyTable, summarizeTable } from './contingencyTable';
import { type Estimate, estimate, undefinedBecause } from './estimate';

export interface CohenKappa {
  readonly kappa: Estimate;
  /** Large-sample standard error; null when kappa is undefined. */
  readonly se: number | null;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly n: number;
}

/**
 * Cohen (1960), "A coefficient of agreement for nominal scales": p_o = sum_i p_ii (eq. 1),
 * p_e = sum_i p_i. p_.i (eq. 2), kappa = (p_o - p_e) / (1 - p_e) (eq. 3), and the large-sample
 * standard error sqrt(p_o (1 - p_o) / (N (1 - p_e)^2)) (eq. 9).
 */
export function cohenKappa(table: ContingencyTable): CohenKappa {
  const s = summarizeTable(table);
  if (s.total === 0) return { kappa: undefinedBecause('no unit was coded by both coders'), se: null, observed: null, expected: null, n: 0 };
  let pe = 0;
  for (let i = 0; i < table.q; i++) pe += ((s.rows[i] ?? 0) / s.total) * ((s.columns[i] ?? 0) / s.total);
  const po = s.observed;
  if (1 - pe <= 1e-12) {
    return {
      kappa: undefinedBecause('no variation: both coders used a single, identical category, so chance agreement is total'),
      se: null,
      observed: po,
      expected: pe,
      n: s.total,
    };
  }
  const kappa = estimate((po - pe) / (1 - pe));
  const se = Math.sqrt((po * (1 - po)) / (s.total * (1 - pe) ** 2));
  return { kappa, se, observed: po, expected: pe, n: s.total };
}
