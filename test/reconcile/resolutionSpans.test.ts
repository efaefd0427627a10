import { describe, expect, it } from 'vitest';
import { type TranscriptInput, disagreements } from '../../shared/agreement';
import { type DiscussionItem, ResolutionError, agreedRegions, resolutionSpans } from '../../shared/reconcile';

const themes = [{ id: 'a', parentId: null }, { id: 'b', parentId: null }, { id: 'a1', parentId: 'a' }];
const input = (layers: TranscriptInput['layers']): TranscriptInput => ({ id: 't', length: 100, lines: [{ n: 1, start: 0, end: 100 }], layers });

function item(region: ReturnType<typeof disagreements>[number]): DiscussionItem {
  return { ...region, quote: '', lines: null, coders: region.coders.map((c) => ({ coder: c.coder, spans: [...c.spans], otherThemes: [...c.otherThemes] })), status: 'open', createdAt: 0, history: [], decisions: [] };
}

describe('agreed regions', () => {
  it('are the spans where every coder has the theme, sub-themes kept apart', () => {
    const t = input([
      { coder: 'x', codings: [{ themeId: 'a', start: 10, end: 40 }, { themeId: 'a1', start: 50, end: 60 }] },
      { coder: 'y', codings: [{ themeId: 'a', start: 20, end: 45 }, { themeId: 'a1', start: 50, end: 60 }, { themeId: 'b', start: 0, end: 5 }] },
    ]);
    expect(agreedRegions(t, themes)).toEqual([
      { themeId: 'a', start: 20, end: 40 },
      { themeId: 'a1', start: 50, end: 60 },
    ]);
  });

  it('with the disagreement regions, tile everything any coder coded', () => {
    const t = input([
      { coder: 'x', codings: [{ themeId: 'a', start: 10, end: 40 }] },
      { coder: 'y', codings: [{ themeId: 'a', start: 20, end: 45 }] },
      { coder: 'z', codings: [{ themeId: 'a', start: 15, end: 30 }] },
    ]);
    const pieces = [...agreedRegions(t, themes), ...disagreements(t, themes).map((r) => ({ themeId: r.themeId, start: r.start, end: r.end }))].sort((p, q) => p.start - q.start);
    // Agreed where all three have it [20, 30); x and z start earlier, x and y end later.
    expect(pieces.map((p) => [p.start, p.end])).toEqual([[10, 20], [20, 30], [30, 45]]);
    // Coverage: union of the pieces is [10, 45) with no overlap.
    let at = 10;
    for (const p of pieces) {
      expect(p.start).toBe(at);
      at = p.end;
    }
    expect(at).toBe(45);
  });
});

describe('resolution spans', () => {
  // x codes [10, 40), y codes [20, 45): agreed [20, 40); regions [10, 20) and [40, 45).
  const t = input([
    { coder: 'x', codings: [{ themeId: 'a', start: 10, end: 40 }] },
    { coder: 'y', codings: [{ themeId: 'a', start: 20, end: 45 }] },
  ]);
  const [left, right] = disagreements(t, themes).sort((p, q) => p.start - q.start).map(item);

  it('accept keeps the chosen coder\'s part of the region', () => {
    expect(resolutionSpans(left!, { kind: 'accept', coder: 'x' }).spans).toEqual([{ start: 10, end: 20 }]);
    expect(resolutionSpans(left!, { kind: 'accept', coder: 'y' }).spans).toEqual([]);
    expect(resolutionSpans(right!, { kind: 'accept', coder: 'y' }).spans).toEqual([{ start: 40, end: 45 }]);
  });

  it('union covers the region, intersection and drop add nothing, custom writes its own span', () => {
    expect(resolutionSpans(left!, { kind: 'union' }).spans).toEqual([{ start: 10, end: 20 }]);
    expect(resolutionSpans(left!, { kind: 'intersection' }).spans).toEqual([]);
    expect(resolutionSpans(left!, { kind: 'drop' }).spans).toEqual([]);
    expect(resolutionSpans(left!, { kind: 'custom', themeId: 'b', start: 12, end: 18 })).toEqual({ kind: 'custom', themeId: 'b', spans: [{ start: 12, end: 18 }] });
  });

  it('refuses a coder who is not part of the item', () => {
    expect(() => resolutionSpans(left!, { kind: 'accept', coder: 'nobody' })).toThrow(ResolutionError);
  });
});
