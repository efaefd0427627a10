import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALPHA_LEVELS, type ReliabilityData, type Value, krippendorffAlpha, matrixReport } from '../../../shared/agreement';

const cell = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.constant(null) });

const data = fc.integer({ min: 2, max: 5 }).chain((m) =>
  fc.record({
    coders: fc.constant(Array.from({ length: m }, (_, i) => `c${i}`)),
    units: fc.array(fc.array(cell, { minLength: m, maxLength: m }), { minLength: 1, maxLength: 25 }),
  }),
);

const close = (a: number | null, b: number | null): boolean => (a === null ? b === null : b !== null && Math.abs(a - b) < 1e-9);

/** The coefficients that must not depend on column order, unit order or empty units. */
function coefficients(d: ReliabilityData): (number | null)[] {
  const r = matrixReport(d);
  return [
    ...ALPHA_LEVELS.map((level) => krippendorffAlpha(d, level).value),
    r.percentAgreement,
    r.fleissKappa,
    r.scottPi,
    r.brennanPrediger,
    r.cohenKappa,
    r.n,
  ];
}

const sameCoefficients = (a: ReliabilityData, b: ReliabilityData): boolean => {
  const x = coefficients(a);
  const y = coefficients(b);
  return x.every((v, i) => close(v, y[i] ?? null));
};

describe('agreement coefficients (properties)', () => {
  it('are symmetric in the coders', () => {
    fc.assert(
      fc.property(
        data.chain((d) => fc.tuple(fc.constant(d), fc.shuffledSubarray(d.coders.map((_, i) => i), { minLength: d.coders.length, maxLength: d.coders.length }))),
        ([d, order]) => {
          const permuted: ReliabilityData = { coders: order.map((i) => d.coders[i] ?? ''), units: d.units.map((row) => order.map((i) => row[i] ?? null)) };
          return sameCoefficients(d, permuted);
        },
      ),
    );
  });

  it('give alpha = 1 at every level under perfect agreement with variation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 20 }).filter((xs) => new Set(xs).size > 1),
        (m, truth) => {
          const d: ReliabilityData = { coders: Array.from({ length: m }, (_, i) => `c${i}`), units: truth.map((v) => Array.from({ length: m }, () => v)) };
          return ALPHA_LEVELS.every((level) => krippendorffAlpha(d, level).value === 1);
        },
      ),
    );
  });

  it('are invariant to the order of units', () => {
    fc.assert(
      fc.property(
        data.chain((d) => fc.tuple(fc.constant(d), fc.shuffledSubarray([...d.units], { minLength: d.units.length, maxLength: d.units.length }))),
        ([d, units]) => sameCoefficients(d, { coders: d.coders, units }),
      ),
    );
  });

  it('do not change when an all-missing unit is added', () => {
    fc.assert(
      fc.property(data, fc.nat(), (d, at) => {
        const units: (Value | null)[][] = [...d.units];
        units.splice(at % (units.length + 1), 0, d.coders.map((): Value | null => null));
        const before = matrixReport(d);
        const after = matrixReport({ coders: d.coders, units });
        // Fleiss and Scott need complete data, so an empty unit makes them undefined, by design.
        return (
          ALPHA_LEVELS.every((level) => close(krippendorffAlpha(d, level).value, krippendorffAlpha({ coders: d.coders, units }, level).value)) &&
          close(before.percentAgreement, after.percentAgreement) &&
          close(before.brennanPrediger, after.brennanPrediger) &&
          close(before.cohenKappa, after.cohenKappa) &&
          close(before.n, after.n)
        );
      }),
    );
  });

  it('never produce NaN or infinities', () => {
    fc.assert(
      fc.property(data, (d) => {
        const text = JSON.stringify(matrixReport(d, 'interval'));
        return !/NaN|Infinity/.test(text) && coefficients(d).every((v) => v === null || Number.isFinite(v));
      }),
    );
  });
});
