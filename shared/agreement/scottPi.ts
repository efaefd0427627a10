import { type ContingencyTable, summarizeTable } from './contingencyTable';
import { type Estimate, estimate, undefinedBecause } from './estimate';

/**
 * Scott (1955), "Reliability of content analysis: the case of nominal scale coding": like Cohen's
 * kappa, but chance agreement uses the pooled distribution of both coders,
 * p_e = sum_j ((p_j. + p_.j) / 2)^2. For m > 2 coders on complete data use fleissKappa, which
 * Fleiss (1971) introduced as the generalisation of pi.
 */
export function scottPi(table: ContingencyTable): Estimate {
  const s = summarizeTable(table);
  if (s.total === 0) return undefinedBecause('no unit was coded by both coders');
  let pe = 0;
  for (let j = 0; j < table.q; j++) pe += (((s.rows[j] ?? 0) + (s.columns[j] ?? 0)) / (2 * s.total)) ** 2;
  if (1 - pe <= 1e-12) return undefinedBecause('no variation: every value is the same category');
  return estimate((s.observed - pe) / (1 - pe));
}
