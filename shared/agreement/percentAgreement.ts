import { type CategoryCounts, rowTotal } from './categoryCounts';
import { type Estimate, estimate, undefinedBecause } from './estimate';

/**
 * Share of units (with two or more values) on which all coders agree. No correction for chance:
 * over character units it counts uncoded text as agreement and inflates (AGREEMENT.md).
 */
export function percentAgreement(data: CategoryCounts): Estimate {
  let units = 0;
  let agreed = 0;
  for (const row of data.rows) {
    const mu = rowTotal(row);
    if (mu < 2 || row.weight === 0) continue;
    units += row.weight;
    for (let j = 0; j < row.counts.length; j++) {
      if ((row.counts[j] ?? 0) === mu) {
        agreed += row.weight;
        break;
      }
    }
  }
  if (units === 0) return undefinedBecause('no unit has two or more values');
  return estimate(agreed / units);
}
