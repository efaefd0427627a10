/**
 * A coefficient that may be undefined. Undefined results carry the reason instead of NaN or a
 * made-up 1: a team reading "alpha = 1" on a theme nobody used would draw the wrong conclusion.
 */
export type Estimate =
  | { readonly value: number; readonly reason?: undefined }
  | { readonly value: null; readonly reason: string };

export function estimate(value: number, reasonIfNotFinite = 'the coefficient is numerically undefined'): Estimate {
  return Number.isFinite(value) ? { value } : { value: null, reason: reasonIfNotFinite };
}

export function undefinedBecause(reason: string): Estimate {
  return { value: null, reason };
}
