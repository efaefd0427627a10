import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOrderKey, keyBetween, keysBetween } from '../../../shared/themes';

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const digitChar = fc.constantFrom(...DIGITS.split(''));
const nonZeroDigit = fc.constantFrom(...DIGITS.slice(1).split(''));
/** Any valid key: base-62 digits ending in a non-zero digit, including long and 0-heavy ones. */
const anyKey = fc
  .tuple(fc.array(fc.oneof(digitChar, fc.constant('0'), fc.constant('z')), { maxLength: 12 }), nonZeroDigit)
  .map(([body, last]) => body.join('') + last);

describe('order keys', () => {
  it('produces a valid key strictly between any two distinct keys', () => {
    fc.assert(
      fc.property(anyKey, anyKey, (x, y) => {
        fc.pre(x !== y);
        const [lo, hi] = x < y ? [x, y] : [y, x];
        const k = keyBetween(lo, hi);
        expect(isOrderKey(k)).toBe(true);
        expect(lo < k && k < hi).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('produces keys below and above any key with an open end', () => {
    fc.assert(
      fc.property(anyKey, (x) => {
        const below = keyBetween(null, x);
        const above = keyBetween(x, null);
        expect(isOrderKey(below) && isOrderKey(above)).toBe(true);
        expect(below < x && x < above).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps inserting between ever-closer neighbours without breaking order', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 200 }), (goLow) => {
        let lo: string | null = null;
        let hi: string | null = null;
        for (const low of goLow) {
          const k = keyBetween(lo, hi);
          expect(lo === null || lo < k).toBe(true);
          expect(hi === null || k < hi).toBe(true);
          if (low) hi = k;
          else lo = k;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('grows keys slowly when always appending', () => {
    const keys = keysBetween(null, null, 1000);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(1000);
    expect(keys.at(-1)!.length).toBeLessThanOrEqual(40);
    expect(keysBetween(null, null, 30).every((k) => k.length === 1)).toBe(true);
  });

  it('rejects reversed, equal and malformed neighbours', () => {
    expect(() => keyBetween('b', 'a')).toThrow(RangeError);
    expect(() => keyBetween('a', 'a')).toThrow(RangeError);
    expect(() => keyBetween('a0', null)).toThrow(RangeError);
    expect(() => keyBetween(null, '')).toThrow(RangeError);
    expect(() => keyBetween('a-b', null)).toThrow(RangeError);
  });

  it('fits a key below the smallest keys', () => {
    expect(keyBetween(null, '1') < '1').toBe(true);
    expect(keyBetween(null, '01') < '01').toBe(true);
    expect(keyBetween(null, '001')).toMatch(/^000/);
  });
});
