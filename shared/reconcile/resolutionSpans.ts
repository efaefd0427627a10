import { mergeIntervals } from '../agreement/intervals';
import type { Interval } from '../agreement/transcript';
import type { DiscussionItem, ResolutionKind } from './discussionSchema';
import { intersect } from './agreedRegions';

export type ResolutionChoice =
  | { kind: 'accept'; coder: string }
  | { kind: 'union' }
  | { kind: 'intersection' }
  | { kind: 'custom'; themeId: string; start: number; end: number }
  | { kind: 'drop' };

export interface ResolutionWrite {
  readonly kind: ResolutionKind;
  readonly themeId: string;
  readonly spans: Interval[];
}

export class ResolutionError extends Error {}

/**
 * What a resolution writes into the consensus for an item. The agreed part around a region is
 * already in the consensus (copied at reveal), so every kind but `custom` works inside the
 * region [start, end) only:
 * - `accept`: the chosen coder's stretches of the theme inside the region (none if that coder
 *   left the theme out there: accepting their version removes it);
 * - `union`: what any coder coded with the theme inside the region, i.e. the whole region;
 * - `intersection`: what every coder coded inside the region; by construction of a region (some
 *   but not all coders have the theme) that is nothing: the decision keeps only the agreed core;
 * - `custom`: the lead's own span and theme, anywhere in the text;
 * - `drop`: nothing.
 */
export function resolutionSpans(item: DiscussionItem, choice: ResolutionChoice): ResolutionWrite {
  const region: Interval[] = [{ start: item.start, end: item.end }];
  const inRegion = (spans: readonly Interval[]) => intersect(mergeIntervals(spans), region);
  switch (choice.kind) {
    case 'accept': {
      const coder = item.coders.find((c) => c.coder === choice.coder);
      if (!coder) throw new ResolutionError(`${choice.coder} has no layer in this disagreement`);
      return { kind: 'accept', themeId: item.themeId, spans: inRegion(coder.spans) };
    }
    case 'union':
      return { kind: 'union', themeId: item.themeId, spans: inRegion(item.coders.flatMap((c) => c.spans)) };
    case 'intersection': {
      let common: Interval[] = region;
      for (const c of item.coders) common = intersect(common, mergeIntervals(c.spans));
      return { kind: 'intersection', themeId: item.themeId, spans: common };
    }
    case 'custom':
      if (!(choice.end > choice.start)) throw new ResolutionError('a custom span must not be empty');
      return { kind: 'custom', themeId: choice.themeId, spans: [{ start: choice.start, end: choice.end }] };
    case 'drop':
      return { kind: 'drop', themeId: item.themeId, spans: [] };
  }
}

/** Consensus coding ids of a resolution: derived from the item and revision, so they are unique. */
export function resolutionCodingIds(key: string, revision: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${key}-r${revision}-${i}`);
}
