import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Theme, type TranscriptInput, disagreements } from '../../../shared/agreement';

const THEMES: Theme[] = [
  { id: 'body', parentId: null },
  { id: 'fatigue', parentId: 'body' },
  { id: 'vigilance', parentId: null },
];

const text = 'line one is here\nline two goes on\nline three ends\n';
const lines = [
  { n: 45, start: 0, end: 17 },
  { n: 46, start: 17, end: 34 },
  { n: 47, start: 34, end: 50 },
];

function transcript(a: TranscriptInput['layers'][number]['codings'], b: TranscriptInput['layers'][number]['codings']): TranscriptInput {
  return { id: 'T1', length: text.length, text, lines, layers: [{ coder: 'ann', codings: a }, { coder: 'ben', codings: b }] };
}

describe('disagreement regions', () => {
  it('classifies presence, category and boundary regions, longest first, with lines and quote', () => {
    const t = transcript(
      [
        { themeId: 'body', start: 0, end: 10 },
        { themeId: 'vigilance', start: 20, end: 30 },
        { themeId: 'body', start: 36, end: 48 },
      ],
      [
        { themeId: 'body', start: 0, end: 14 },
        { themeId: 'fatigue', start: 20, end: 30 },
      ],
    );
    const regions = disagreements(t, THEMES);
    const summary = regions.map((r) => [r.themeId, r.kind, r.start, r.end]);
    expect(summary).toEqual([
      ['body', 'presence', 36, 48],
      ['fatigue', 'category', 20, 30],
      ['vigilance', 'category', 20, 30],
      ['body', 'boundary', 10, 14],
    ]);
    const boundary = regions[3];
    expect(boundary?.coders.map((c) => c.spans)).toEqual([[{ start: 0, end: 10 }], [{ start: 0, end: 14 }]]);
    expect(boundary?.lines?.label).toBe('l. 45');
    expect(boundary?.quote).toBe(text.slice(10, 14));
    expect(regions[1]?.coders[0]?.otherThemes).toEqual(['vigilance']);
    expect(regions[1]?.lines?.label).toBe('l. 46');
    expect(new Set(regions.map((r) => r.key)).size).toBe(regions.length);
  });

  it('reports a region spanning lines with a range label', () => {
    const regions = disagreements(transcript([{ themeId: 'body', start: 10, end: 40 }], []), THEMES);
    expect(regions).toHaveLength(1);
    expect(regions[0]?.lines).toEqual({ from: 45, to: 47, label: 'l. 45-47' });
    expect(regions[0]?.kind).toBe('presence');
  });

  it('counts sub-theme codings for the parent in rollup mode', () => {
    const t = transcript([{ themeId: 'body', start: 0, end: 10 }], [{ themeId: 'fatigue', start: 0, end: 10 }]);
    expect(disagreements(t, THEMES, { hierarchy: 'rollup', themes: ['body'] })).toEqual([]);
    expect(disagreements(t, THEMES, { themes: ['body'] }).map((r) => r.kind)).toEqual(['category']);
  });

  it('keeps keys stable while codings do not change and changes them when they do', () => {
    const codings = [{ themeId: 'body', start: 0, end: 10 }];
    const one = disagreements(transcript(codings, [{ themeId: 'body', start: 0, end: 12 }]), THEMES);
    const again = disagreements(transcript([...codings], [{ themeId: 'body', start: 0, end: 12 }, { themeId: 'vigilance', start: 45, end: 46 }]), THEMES, {
      themes: ['body'],
    });
    const moved = disagreements(transcript(codings, [{ themeId: 'body', start: 0, end: 13 }]), THEMES);
    expect(again[0]?.key).toBe(one[0]?.key);
    expect(moved[0]?.key).not.toBe(one[0]?.key);
  });

  it('covers exactly the characters where coders differ (brute force)', () => {
    const coding = fc.record({ themeId: fc.constantFrom('body', 'fatigue', 'vigilance'), start: fc.nat(49), end: fc.nat(60) });
    fc.assert(
      fc.property(fc.array(coding, { maxLength: 6 }), fc.array(coding, { maxLength: 6 }), (a, b) => {
        const t = transcript(a, b);
        const regions = disagreements(t, THEMES);
        for (const theme of THEMES) {
          const cover = (cs: typeof a): boolean[] => {
            const out = new Array<boolean>(text.length).fill(false);
            for (const c of cs) if (c.themeId === theme.id) for (let x = c.start; x < Math.min(c.end, text.length); x++) out[x] = true;
            return out;
          };
          const pa = cover(a);
          const pb = cover(b);
          const mine = regions.filter((r) => r.themeId === theme.id);
          for (let x = 0; x < text.length; x++) {
            const inRegion = mine.some((r) => r.start <= x && x < r.end);
            if (inRegion !== (pa[x] !== pb[x])) return false;
          }
          // Maximal: no two regions of a theme touch.
          const sorted = [...mine].sort((p, q) => p.start - q.start);
          for (let i = 1; i < sorted.length; i++) if ((sorted[i - 1]?.end ?? 0) >= (sorted[i]?.start ?? 0)) return false;
        }
        return regions.every((r, i) => i === 0 || (regions[i - 1]?.length ?? 0) >= r.length);
      }),
      { numRuns: 300 },
    );
  });

  it('lists each coder\'s spans, other themes and the kind as a per-character reference does (brute force)', () => {
    const coding = fc.record({ themeId: fc.constantFrom('body', 'fatigue', 'vigilance', 'ghost'), start: fc.nat(52), end: fc.nat(56) });
    const layer = fc.array(coding, { maxLength: 7 });
    fc.assert(
      fc.property(layer, layer, layer, fc.boolean(), fc.boolean(), (a, b, c, rollup, missing) => {
        const layers = [
          { coder: 'ann', codings: a },
          { coder: 'ben', codings: b },
          { coder: 'cy', codings: c },
        ];
        const t: TranscriptInput = { id: 'T1', length: text.length, text, lines, layers };
        // 'dee' has no layer: a missing coder, never listed.
        const coders = missing ? ['ann', 'dee', 'ben', 'cy'] : ['ann', 'ben', 'cy'];
        const regions = disagreements(t, THEMES, { hierarchy: rollup ? 'rollup' : 'exact', coders });
        const known = new Set(THEMES.map((x) => x.id));
        const counts = (own: string, theme: string): boolean => own === theme || (rollup && own === 'fatigue' && theme === 'body');
        for (const r of regions) {
          const listed = r.coders.map((entry) => entry.coder);
          if (listed.join() !== 'ann,ben,cy') return false;
          let withTheme = 0;
          let withOther = false;
          for (const entry of r.coders) {
            const own = layers.find((l) => l.coder === entry.coder)?.codings ?? [];
            const clamped = own.map((x) => ({ ...x, end: Math.min(x.end, text.length) })).filter((x) => x.end > x.start && known.has(x.themeId));
            // Per-character coverage of the region's theme, then its maximal runs.
            const on = Array.from({ length: text.length }, (_, i) => clamped.some((x) => counts(x.themeId, r.themeId) && x.start <= i && i < x.end));
            const runs: { start: number; end: number }[] = [];
            on.forEach((v, i) => {
              if (!v) return;
              const last = runs[runs.length - 1];
              if (last && last.end === i) last.end = i + 1;
              else runs.push({ start: i, end: i + 1 });
            });
            const spans = runs.filter((run) => run.end >= r.start && run.start <= r.end);
            if (JSON.stringify(entry.spans) !== JSON.stringify(spans)) return false;
            const others = spans.length > 0 ? [] : [...new Set(clamped.filter((x) => x.start < r.end && x.end > r.start && x.themeId !== r.themeId).map((x) => x.themeId))].sort();
            if (JSON.stringify(entry.otherThemes) !== JSON.stringify(others)) return false;
            if (spans.length > 0) withTheme++;
            if (others.length > 0) withOther = true;
          }
          const kind = withTheme === r.coders.length ? 'boundary' : withOther ? 'category' : 'presence';
          if (r.kind !== kind || r.quote !== text.slice(r.start, r.end) || r.length !== r.end - r.start) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
