import { describe, expect, it } from 'vitest';
import { type Theme, type TranscriptInput, agreementReport, alphaBand, kappaBand, prevalenceWarning } from '../../../shared/agreement';

const THEMES: Theme[] = [
  { id: 'a', parentId: null },
  { id: 'b', parentId: null },
];

function lines(count: number, width: number): TranscriptInput['lines'] {
  return Array.from({ length: count }, (_, i) => ({ n: i + 1, start: i * width, end: (i + 1) * width }));
}

const t1: TranscriptInput = {
  id: 't1',
  length: 100,
  lines: lines(10, 10),
  turns: [
    { speaker: 'I', start: 0, end: 50 },
    { speaker: 'P', start: 50, end: 100 },
  ],
  layers: [
    { coder: 'x', codings: [{ themeId: 'a', start: 0, end: 30 }, { themeId: 'b', start: 60, end: 65 }] },
    { coder: 'y', codings: [{ themeId: 'a', start: 0, end: 20 }] },
    { coder: 'z', codings: [{ themeId: 'a', start: 5, end: 30 }, { themeId: 'b', start: 60, end: 70 }] },
  ],
};
const t2: TranscriptInput = { ...t1, id: 't2', layers: t1.layers.slice(0, 2) };

describe('agreement report', () => {
  it('reports per theme, transcript, coder pair, cell and overall, pooling coincidences', () => {
    const r = agreementReport({ transcripts: [t1, t2], themes: THEMES }, { unit: 'line' });
    expect(r.coders).toEqual(['x', 'y', 'z']);
    expect(r.themes.map((t) => t.themeId)).toEqual(['a', 'b']);
    expect(r.transcripts.map((t) => t.transcriptId)).toEqual(['t1', 't2']);
    expect(r.pairs.map((p) => p.coders)).toEqual([
      ['x', 'y'],
      ['x', 'z'],
      ['y', 'z'],
    ]);
    expect(r.cells).toHaveLength(4);
    // Units: 2 transcripts x 10 lines x 2 themes.
    expect(r.overall.units).toBe(40);
    expect(r.pairs[0]?.cohenKappa.value).not.toBeNull();
    expect(r.overall.cohenKappa.value).toBeNull();
    // z is missing in t2, so Fleiss needs complete data and is undefined when pooled.
    expect(r.overall.fleissKappa.reason).toMatch(/complete data/);
    const themeA = r.themes[0];
    expect(themeA?.prevalence).toBeCloseTo((3 + 2 + 3 + 3 + 2) / 50, 12);
    expect(themeA?.bands.alpha).toBe(alphaBand(themeA?.alpha.value ?? null));
  });

  it('supports turn and character units and the continuum', () => {
    const study = { transcripts: [t1], themes: THEMES };
    expect(agreementReport(study, { unit: 'turn' }).overall.units).toBe(4);
    expect(agreementReport(study, { unit: 'character' }).overall.units).toBe(200);
    const continuum = agreementReport(study, { unit: 'continuum' });
    expect(continuum.themes[0]?.alpha.value).not.toBeNull();
    expect(continuum.themes[0]?.unitizing?.uAlpha.value).toBeCloseTo(continuum.themes[0]?.alpha.value ?? NaN, 12);
    expect(continuum.pairs).toHaveLength(3);
    expect(continuum.overall.cohenKappa.value).toBeNull();
  });

  it('adds a seeded bootstrap interval that is reproducible from the seed', () => {
    const options = { unit: 'character' as const, bootstrap: { replicates: 200, seed: 7 } };
    const one = agreementReport({ transcripts: [t1], themes: THEMES }, options);
    const two = agreementReport({ transcripts: [t1], themes: THEMES }, options);
    expect(one.overall.ci).toEqual(two.overall.ci);
    expect(one.overall.ci?.seed).toBe(7);
    const { lower, upper } = one.overall.ci ?? { lower: null, upper: null };
    expect(lower).not.toBeNull();
    expect(lower ?? 0).toBeLessThanOrEqual(one.overall.alpha.value ?? 0);
    expect(upper ?? 0).toBeGreaterThanOrEqual(one.overall.alpha.value ?? 0);
  });
});

describe('interpretation', () => {
  it('uses Krippendorff bands for alpha and Landis & Koch for kappa', () => {
    expect([0.85, 0.8, 0.7, 0.5, null].map(alphaBand)).toEqual(['reliable', 'reliable', 'tentative', 'unreliable', null]);
    expect([-0.1, 0.1, 0.3, 0.5, 0.7, 0.9].map(kappaBand)).toEqual(['poor', 'slight', 'fair', 'moderate', 'substantial', 'almost perfect']);
  });

  it('warns when a rare theme makes kappa and percent agreement diverge', () => {
    expect(prevalenceWarning(0.03, 0.96, 0.3)).toMatch(/rare/);
    expect(prevalenceWarning(0.4, 0.96, 0.3)).toBeNull();
    expect(prevalenceWarning(0.03, 0.96, 0.9)).toBeNull();
  });
});
