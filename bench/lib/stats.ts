/** Nearest-rank percentile (p in 0..100) rounded to 0.01; null for no samples. */
export function pct(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const sorted = Float64Array.from(xs).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round2(sorted[rank]!);
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

/** Median of the numbers present (rounds that produced no figure are skipped). */
export function median(xs: ReadonlyArray<number | null | undefined>): number | null {
  const ys = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (ys.length === 0) return null;
  const mid = Math.floor(ys.length / 2);
  return round2(ys.length % 2 ? ys[mid]! : (ys[mid - 1]! + ys[mid]!) / 2);
}

const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
export { sum };
