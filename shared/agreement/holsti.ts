import { type Estimate, estimate, undefinedBecause } from './estimate';

/**
 * Holsti (1969), "Content analysis for the social sciences and humanities": C.R. = 2M / (N1 + N2),
 * M coding decisions on which two coders agree, N1 and N2 the decisions each made. No chance correction.
 */
export function holsti(agreements: number, decisions1: number, decisions2: number): Estimate {
  const total = decisions1 + decisions2;
  if (total === 0) return undefinedBecause('neither coder made a coding decision');
  return estimate((2 * agreements) / total);
}
