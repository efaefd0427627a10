import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Coding,
  type Line,
  type ReliabilityData,
  type Theme,
  type TranscriptInput,
  type ValuedSegment,
  addProfile,
  characterGrid,
  continuumTally,
  intervalGrid,
  krippendorffAlpha,
  matrixReport,
  mergeIntervals,
  presenceProfile,
  profileMeasures,
  tallyMeasures,
  themeResolver,
  transcriptLayers,
  unitizingAlphas,
  unitizingTally,
} from '../../../shared/agreement';

const THEMES: Theme[] = [
  { id: 'root', parentId: null },
  { id: 'a', parentId: 'root' },
  { id: 'b', parentId: 'root' },
  { id: 'a1', parentId: 'a' },
  { id: 'old', parentId: null, mergedInto: 'a' },
];

/** Random small transcripts: 2-4 coders (one may have no layer), codings of random themes. */
const transcript = fc
  .record({
    length: fc.integer({ min: 1, max: 40 }),
    coders: fc.integer({ min: 2, max: 4 }),
    lineBreaks: fc.array(fc.integer({ min: 1, max: 39 }), { maxLength: 6 }),
    raw: fc.array(fc.tuple(fc.nat(3), fc.nat(40), fc.nat(12), fc.constantFrom('a', 'b', 'a1', 'old', 'root', 'ghost')), { maxLength: 14 }),
    missing: fc.boolean(),
  })
  .map(({ length, coders, lineBreaks, raw, missing }): TranscriptInput => {
    const cuts = [...new Set(lineBreaks.filter((b) => b < length))].sort((x, y) => x - y);
    const bounds = [0, ...cuts, length];
    const lines: Line[] = bounds.slice(1).map((end, i) => ({ n: i + 1, start: bounds[i] ?? 0, end }));
    const names = Array.from({ length: coders }, (_, i) => `c${i}`);
    const layers = names
      .filter((_, i) => !(missing && i === coders - 1 && coders > 2))
      .map((coder, i) => ({
        coder,
        codings: raw.filter(([c]) => c % coders === i).map(([, start, len, themeId]): Coding => ({ themeId, start: Math.min(start, length), end: Math.min(start + len, length + 3) })),
      }));
    return { id: 't', length, lines, layers };
  });

/** Per-character presence by brute force: the reference the sweeps must match. */
function bruteForce(t: TranscriptInput, themeId: string, coders: readonly string[], hierarchy: 'exact' | 'rollup'): boolean[][] {
  const resolver = themeResolver(THEMES, hierarchy);
  return coders.map((coder) => {
    const present = new Array<boolean>(t.length).fill(false);
    for (const c of t.layers.find((l) => l.coder === coder)?.codings ?? []) {
      if (!resolver.resolve(c.themeId).includes(themeId)) continue;
      for (let x = Math.max(0, c.start); x < Math.min(t.length, c.end); x++) present[x] = true;
    }
    return present;
  });
}

function matrixOf(t: TranscriptInput, presence: boolean[][], coders: readonly string[], units: readonly { start: number; end: number }[]): ReliabilityData {
  const has = coders.map((c) => t.layers.some((l) => l.coder === c));
  return {
    coders,
    units: units.map((u) => presence.map((p, i) => (has[i] ? (p.slice(u.start, u.end).some(Boolean) ? 1 : 0) : null))),
  };
}

const close = (a: number | null, b: number | null): boolean => (a === null ? b === null : b !== null && Math.abs(a - b) < 1e-9);

describe('coding layers to units', () => {
  const coders = ['c0', 'c1', 'c2', 'c3'];
  it.each(['exact', 'rollup'] as const)('character units equal a brute-force per-character computation (%s)', (hierarchy) => {
    fc.assert(
      fc.property(transcript, fc.constantFrom('a', 'b', 'root'), (t, themeId) => {
        const used = coders.slice(0, Math.max(...t.layers.map((l) => Number(l.coder.slice(1)))) + 1);
        const layers = transcriptLayers(t, themeResolver(THEMES, hierarchy), used);
        const fast = profileMeasures(presenceProfile(layers, themeId, characterGrid(t.length)));
        const chars = Array.from({ length: t.length }, (_, i) => ({ start: i, end: i + 1 }));
        const slow = matrixReport(matrixOf(t, bruteForce(t, themeId, used, hierarchy), used, chars));
        return (
          close(fast.alpha.value, slow.alpha) &&
          close(fast.percentAgreement.value, slow.percentAgreement) &&
          close(fast.fleissKappa.value, slow.fleissKappa) &&
          close(fast.cohenKappa.value, slow.cohenKappa) &&
          (slow.brennanPrediger === null || close(fast.brennanPrediger.value, slow.brennanPrediger))
        );
      }),
      { numRuns: 300 },
    );
  });

  it('line units equal a brute-force per-line computation', () => {
    fc.assert(
      fc.property(transcript, fc.constantFrom('a', 'b', 'root'), (t, themeId) => {
        const used = coders.slice(0, Math.max(...t.layers.map((l) => Number(l.coder.slice(1)))) + 1);
        const layers = transcriptLayers(t, themeResolver(THEMES, 'rollup'), used);
        const fast = profileMeasures(presenceProfile(layers, themeId, intervalGrid(t.lines)));
        const slow = krippendorffAlpha(matrixOf(t, bruteForce(t, themeId, used, 'rollup'), used, t.lines));
        return close(fast.alpha.value, slow.value);
      }),
      { numRuns: 300 },
    );
  });

  it('continuum units equal the unitizing tally of the merged segments', () => {
    fc.assert(
      fc.property(transcript, (t) => {
        const used = t.layers.map((l) => l.coder);
        const layers = transcriptLayers(t, themeResolver(THEMES, 'exact'), used);
        const presence = bruteForce(t, 'a', used, 'exact');
        const segments: ValuedSegment[] = [];
        presence.forEach((p, i) => {
          const runs = mergeIntervals(p.flatMap((on, x) => (on ? [{ start: x, end: x + 1 }] : [])));
          for (const r of runs) segments.push({ coder: used[i] ?? '', start: r.start, end: r.end, value: 'present' });
        });
        const slow = unitizingAlphas(unitizingTally(t.length, used, segments, ['present']));
        const fast = tallyMeasures(continuumTally(layers, 'a'));
        return close(fast.alpha.value, slow.binaryUAlpha.value) && close(fast.unitizing?.uAlpha.value ?? null, slow.uAlpha.value);
      }),
      { numRuns: 200 },
    );
  });

  it('counts a line as coded when any coding overlaps it, and turns skip gaps', () => {
    const lines = [
      { n: 1, start: 0, end: 10 },
      { n: 2, start: 10, end: 20 },
      { n: 3, start: 20, end: 30 },
    ];
    expect(intervalGrid(lines).toUnits([{ start: 9, end: 11 }])).toEqual([{ start: 0, end: 2 }]);
    expect(intervalGrid(lines).toUnits([{ start: 10, end: 20 }])).toEqual([{ start: 1, end: 2 }]);
    const turns = [
      { start: 0, end: 5 },
      { start: 8, end: 12 },
    ];
    expect(intervalGrid(turns).toUnits([{ start: 5, end: 8 }])).toEqual([]);
    expect(intervalGrid(turns).toUnits([{ start: 4, end: 9 }])).toEqual([{ start: 0, end: 2 }]);
  });

  it('treats a coder without a layer as missing, not as "theme absent"', () => {
    const t: TranscriptInput = {
      id: 't',
      length: 10,
      lines: [{ n: 1, start: 0, end: 10 }],
      layers: [
        { coder: 'x', codings: [{ themeId: 'a', start: 0, end: 5 }] },
        { coder: 'y', codings: [{ themeId: 'a', start: 0, end: 5 }] },
      ],
    };
    const layers = transcriptLayers(t, themeResolver(THEMES), ['x', 'y', 'z']);
    const alone = presenceProfile(layers, 'a', characterGrid(10));
    const m = profileMeasures(alone);
    expect(m.alpha.value).toBe(1);
    // z is missing on every unit, so each unit still has the same two coders: Fleiss applies.
    expect(m.fleissKappa.value).toBe(1);
    const other: TranscriptInput = { ...t, id: 'u', layers: [...t.layers, { coder: 'z', codings: [{ themeId: 'a', start: 0, end: 5 }] }] };
    const pooled = presenceProfile(transcriptLayers(other, themeResolver(THEMES), ['x', 'y', 'z']), 'a', characterGrid(10));
    addProfile(pooled, alone);
    const both = profileMeasures(pooled);
    expect(both.alpha.value).toBe(1);
    expect(both.units).toBe(20);
    expect(both.fleissKappa.value).toBeNull();
    expect(both.fleissKappa.reason).toMatch(/complete data/);
  });
});

describe('theme merges and hierarchy', () => {
  it('follows merge chains and sends every member of a merge cycle to the same theme', () => {
    const themes: Theme[] = [
      { id: 'p', parentId: null },
      { id: 'x', parentId: 'p', mergedInto: 'y' },
      { id: 'y', parentId: 'p', mergedInto: 'z' },
      { id: 'z', parentId: 'p' },
      { id: 'c2', parentId: null, mergedInto: 'c1' },
      { id: 'c1', parentId: null, mergedInto: 'c3' },
      { id: 'c3', parentId: null, mergedInto: 'c2' },
    ];
    const r = themeResolver(themes);
    expect(r.resolve('x')).toEqual(['z']);
    expect(r.resolve('c2')).toEqual(['c1']);
    expect(r.resolve('c3')).toEqual(['c1']);
    expect(r.themes).toEqual(['p', 'z', 'c1']);
    expect(themeResolver(themes, 'rollup').resolve('x')).toEqual(['z', 'p']);
  });

  it('stops at a cycle in the parent chain', () => {
    const r = themeResolver(
      [
        { id: 'a', parentId: 'b' },
        { id: 'b', parentId: 'a' },
      ],
      'rollup',
    );
    expect(r.resolve('a')).toEqual(['a', 'b']);
  });

  it('counts a sub-theme coding for its ancestors only in rollup mode', () => {
    const t: TranscriptInput = {
      id: 't',
      length: 20,
      lines: [{ n: 1, start: 0, end: 20 }],
      layers: [
        { coder: 'x', codings: [{ themeId: 'a1', start: 0, end: 5 }] },
        { coder: 'y', codings: [{ themeId: 'a', start: 0, end: 5 }] },
      ],
    };
    const grid = characterGrid(20);
    const exact = profileMeasures(presenceProfile(transcriptLayers(t, themeResolver(THEMES, 'exact'), ['x', 'y']), 'a', grid));
    const rollup = profileMeasures(presenceProfile(transcriptLayers(t, themeResolver(THEMES, 'rollup'), ['x', 'y']), 'a', grid));
    expect(exact.percentAgreement.value).toBeCloseTo(0.75, 12);
    expect(rollup.percentAgreement.value).toBe(1);
    expect(rollup.alpha.value).toBe(1);
  });
});
