import { describe, expect, it } from 'vitest';
import {
  cohenKappa,
  contingencyTable,
  fleissKappa,
  krippendorffAlpha,
  matrixReport,
  scottPi,
  tableFromData,
  unitizingAlphas,
  unitizingTally,
  brennanPrediger,
} from '../../../shared/agreement';
import { E1, E2, E3, E3_TABLE, E4, E5, E5_LENGTH } from './examples';

describe('E1: Krippendorff (2011), 4 coders x 12 units with missing values', () => {
  it.each([
    ['nominal', 0.743421],
    ['ordinal', 0.815388],
    ['interval', 0.849107],
    ['ratio', 0.797403],
  ] as const)('reproduces alpha %s = %f to 1e-6', (level, expected) => {
    const alpha = krippendorffAlpha(E1, level);
    expect(alpha.value).not.toBeNull();
    expect(Math.abs((alpha.value ?? 0) - expected)).toBeLessThan(1e-6);
  });

  it('counts n = 40 pairable values, dropping the single-valued unit 12', () => {
    expect(matrixReport(E1).n).toBeCloseTo(40, 12);
  });

  it('reports Cohen, Scott and Fleiss as null with reasons (4 coders, missing data)', () => {
    const r = matrixReport(E1);
    expect(r.cohenKappa).toBeNull();
    expect(r.reasons.cohenKappa).toMatch(/exactly 2 coders/);
    expect(r.fleissKappa).toBeNull();
    expect(r.reasons.fleissKappa).toMatch(/complete data/);
    expect(r.scottPi).toBeNull();
    expect(r.reasons.scottPi).toMatch(/complete data/);
  });
});

describe('E2: Krippendorff (2019) 12.3.4.4, 2 coders x 12 units', () => {
  it('reproduces alpha, Cohen and Scott', () => {
    expect(krippendorffAlpha(E2, 'nominal').value).toBeCloseTo(0.759162, 6);
    const table = tableFromData(E2, 0, 1);
    const k = cohenKappa(table);
    expect(k.kappa.value).toBeCloseTo(0.75, 6);
    expect(k.observed).toBeCloseTo(10 / 12, 12);
    expect(k.expected).toBeCloseTo(1 / 3, 12);
    expect(scottPi(table).value).toBeCloseTo(0.748691, 6);
  });

  it('gets Scott pi = Fleiss kappa for two coders (AGREEMENT.md)', () => {
    const r = matrixReport(E2);
    expect(r.fleissKappa).toBeCloseTo(0.748691, 6);
    expect(r.scottPi).toBeCloseTo(0.748691, 6);
  });
});

describe('E3: Cohen (1960) table 2', () => {
  it('reproduces kappa, its standard error, p_o and p_e', () => {
    const k = cohenKappa(contingencyTable(3, E3_TABLE.flat()));
    expect(k.kappa.value).toBeCloseTo(0.491525, 6);
    expect(k.se).toBeCloseTo(0.054922, 6);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.41, 12);
  });

  it('reproduces Brennan-Prediger 0.55 and agrees via the data matrix', () => {
    const r = matrixReport(E3);
    expect(r.brennanPrediger).toBeCloseTo(0.55, 12);
    expect(r.cohenKappa).toBeCloseTo(0.491525, 6);
    expect(r.cohenKappaSE).toBeCloseTo(0.054922, 6);
    expect(r.percentAgreement).toBeCloseTo(0.7, 12);
  });
});

describe('E4: 2x2, 50 proposals', () => {
  it('reproduces p_o 0.70, p_e 0.50, kappa 0.40', () => {
    const k = cohenKappa(tableFromData(E4, 0, 1));
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa.value).toBeCloseTo(0.4, 12);
    expect(matrixReport(E4).holsti).toBeCloseTo(0.7, 12);
  });
});

describe('E5: unitizing family, L = 20', () => {
  const result = unitizingAlphas(unitizingTally(E5_LENGTH, ['Alex', 'Paul', 'Susan'], E5));
  it('reproduces u-alpha, |u-alpha, cu-alpha and coverage to 3 decimals', () => {
    expect(result.uAlpha.value).toBeCloseTo(0.474, 3);
    expect(result.binaryUAlpha.value).toBeCloseTo(0.433, 3);
    expect(result.cuAlpha.value).toBeCloseTo(0.779, 3);
    expect(result.coverage).toBeCloseTo(23 / 60, 12);
  });
  it('reproduces the per-value (k)u-alphas', () => {
    expect(result.perValue['1']?.value).toBeCloseTo(0.769, 3);
    expect(result.perValue['2']?.value).toBeCloseTo(0.787, 3);
  });
});

describe('undefined results', () => {
  it('returns null with a reason, never NaN or 1, when there is no variation', () => {
    const same = { coders: ['a', 'b'], units: [[1, 1], [1, 1], [1, 1]] };
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      const a = krippendorffAlpha(same, level);
      expect(a.value).toBeNull();
      expect(a.reason).toMatch(/no variation/);
    }
    const r = matrixReport(same);
    expect(r.cohenKappa).toBeNull();
    expect(r.fleissKappa).toBeNull();
    expect(r.brennanPrediger).toBeNull();
    expect(Object.keys(r.reasons)).toEqual(expect.arrayContaining(['alpha', 'cohenKappa', 'fleissKappa', 'scottPi', 'brennanPrediger']));
    expect(JSON.stringify(r)).not.toMatch(/NaN/);
  });

  it('returns null when no unit has two values', () => {
    expect(krippendorffAlpha({ coders: ['a', 'b'], units: [[1, null], [null, 2]] }).reason).toMatch(/two or more values/);
  });

  it('computes per-category Fleiss kappas and marks an unused category undefined', () => {
    const f = fleissKappa({ q: 3, rows: [{ counts: [2, 0, 0], weight: 1 }, { counts: [1, 1, 0], weight: 1 }, { counts: [0, 2, 0], weight: 2 }] });
    expect(f.perCategory).toHaveLength(3);
    expect(f.perCategory[2]?.value).toBeNull();
    expect(f.perCategory[0]?.value).not.toBeNull();
    expect(brennanPrediger({ q: 2, rows: [{ counts: [2, 0], weight: 3 }, { counts: [1, 1], weight: 1 }] }).value).toBeCloseTo(0.5, 12);
  });
});
