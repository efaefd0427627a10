import { mergeIntervals } from '../agreement/intervals';
import { themeResolver } from '../agreement/themeResolver';
import type { Interval, Theme, TranscriptInput } from '../agreement/transcript';

export interface AgreedRegion {
  readonly themeId: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The spans where every coder with a layer has the theme (exact hierarchy: a sub-theme coding
 * counts for the sub-theme only, so a parent is never copied on top of its child; merged themes
 * count for their target). These are copied into the consensus at reveal. Together with the
 * disagreement regions (where some but not all coders have the theme) they tile everything any
 * coder coded, so the consensus is complete once every item is resolved.
 */
export function agreedRegions(transcript: TranscriptInput, themes: readonly Theme[]): AgreedRegion[] {
  const resolver = themeResolver(themes, 'exact');
  const coders = [...new Set(transcript.layers.map((l) => l.coder))];
  if (coders.length === 0) return [];
  // themeId -> per coder the codings' intervals, clamped to the text.
  const byTheme = new Map<string, Interval[][]>();
  coders.forEach((coder, ci) => {
    for (const layer of transcript.layers) {
      if (layer.coder !== coder) continue;
      for (const c of layer.codings) {
        const themeId = resolver.resolve(c.themeId)[0];
        if (themeId === undefined) continue;
        const start = Math.max(0, c.start);
        const end = Math.min(transcript.length, c.end);
        if (!(end > start)) continue;
        let perCoder = byTheme.get(themeId);
        if (!perCoder) byTheme.set(themeId, (perCoder = coders.map(() => [])));
        perCoder[ci]?.push({ start, end });
      }
    }
  });
  const out: AgreedRegion[] = [];
  for (const themeId of resolver.themes) {
    const perCoder = byTheme.get(themeId);
    if (!perCoder) continue;
    let common: Interval[] | null = null;
    for (const list of perCoder) common = common === null ? mergeIntervals(list) : intersect(common, mergeIntervals(list));
    for (const iv of common ?? []) out.push({ themeId, start: iv.start, end: iv.end });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.themeId < b.themeId ? -1 : a.themeId > b.themeId ? 1 : 0));
}

/** Intersection of two sorted disjoint interval lists (two pointers); empty pieces are dropped. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}
