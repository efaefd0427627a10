import { describe, expect, it } from 'vitest';
import { type CategoryCounts, bootstrapAlpha, mulberry32 } from '../../../shared/agreement';
import { binomial } from '../../../shared/agreement/binomial';

describe('binomial variates', () => {
  it.each([
    [8, 0.3, 'inversion'],
    [60, 0.1, 'inversion'],
    [400, 0.25, 'rejection'],
    [6_000_000, 0.1, 'rejection'],
    [1000, 0.97, 'rejection, mirrored'],
  ])('has the binomial mean and variance for n = %i, p = %f (%s)', (n, p) => {
    const random = mulberry32(11);
    const draws = 20_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < draws; i++) {
      const k = binomial(n, p, random);
      expect(Number.isInteger(k) && k >= 0 && k <= n).toBe(true);
      sum += k;
      squares += k * k;
    }
    const mean = sum / draws;
    const variance = squares / draws - mean * mean;
    const sd = Math.sqrt(n * p * (1 - p));
    // Five standard errors of the mean; the sample variance within 5 %.
    expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(draws));
    expect(variance / (sd * sd)).toBeGreaterThan(0.95);
    expect(variance / (sd * sd)).toBeLessThan(1.05);
  });

  it('returns the bounds for p = 0 and p = 1', () => {
    const random = mulberry32(1);
    expect(binomial(50, 0, random)).toBe(0);
    expect(binomial(50, 1, random)).toBe(50);
    expect(binomial(0, 0.5, random)).toBe(0);
  });
});

describe('bootstrap interval', () => {
  // Binary data of three coders as a compressed profile: [absent, present] counts and how many units.
  const patterns: [number, number, number][] = [
    [3, 0, 1800],
    [0, 3, 420],
    [2, 1, 160],
    [1, 2, 120],
  ];
  const compressed: CategoryCounts = { q: 2, rows: patterns.map(([a, p, weight]) => ({ counts: [a, p], weight })) };
  const oneByOne: CategoryCounts = { q: 2, rows: patterns.flatMap(([a, p, weight]) => Array.from({ length: weight }, () => ({ counts: [a, p], weight: 1 }))) };

  it('gives a compressed profile the interval of its units drawn one by one', () => {
    const options = { replicates: 2000, seed: 3 };
    const fast = bootstrapAlpha([0, 1], compressed, 'nominal', options);
    const slow = bootstrapAlpha([0, 1], oneByOne, 'nominal', options);
    // Different random streams for the same distribution: the bounds agree to Monte Carlo error.
    expect(fast.lower).not.toBeNull();
    expect(Math.abs((fast.lower ?? 0) - (slow.lower ?? 0))).toBeLessThan(0.01);
    expect(Math.abs((fast.upper ?? 0) - (slow.upper ?? 0))).toBeLessThan(0.01);
  });

  it('keeps the seeded unit-by-unit interval of data with one row per unit', () => {
    const units: CategoryCounts = {
      q: 3,
      rows: [[2, 0, 0], [1, 1, 0], [0, 2, 1], [0, 0, 3], [1, 1, 1], [3, 0, 0], [0, 3, 0], [1, 0, 2]].map((counts) => ({ counts, weight: 1 })),
    };
    // Values produced by the implementation before the multinomial path existed.
    expect(bootstrapAlpha([0, 1, 2], units, 'nominal', { replicates: 500, seed: 42 })).toEqual({
      confidence: 0.95,
      replicates: 500,
      seed: 42,
      lower: -0.10276315789473689,
      upper: 0.798845108695652,
      undefinedReplicates: 0,
    });
  });

  it('resamples millions of units by pattern', () => {
    const huge: CategoryCounts = { q: 2, rows: patterns.map(([a, p, weight]) => ({ counts: [a, p], weight: weight * 2500 })) };
    const ci = bootstrapAlpha([0, 1], huge, 'nominal', { replicates: 1000, seed: 5 });
    const small = bootstrapAlpha([0, 1], compressed, 'nominal', { replicates: 1000, seed: 5 });
    // 2,500 times the units: the interval narrows by about sqrt(2500) = 50.
    const ratio = ((small.upper ?? 0) - (small.lower ?? 0)) / ((ci.upper ?? 0) - (ci.lower ?? 1));
    expect(ratio).toBeGreaterThan(40);
    expect(ratio).toBeLessThan(60);
  });
});
