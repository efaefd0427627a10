import { RegionDescriber } from './regionDescriber';

export { QUOTE_LIMIT } from './regionDescriber';
import { SweepRuns, sweepRuns } from './sweep';
import { type ThemeResolver, themeResolver } from './themeResolver';
import type { HierarchyMode, Interval, Theme, TranscriptInput } from './transcript';
import { type TranscriptLayers, themeIntervals, transcriptLayers } from './units';

import type { DisagreementKind } from './disagreementKinds';

export { DISAGREEMENT_KINDS, type DisagreementKind } from './disagreementKinds';

export interface CoderSpans {
  readonly coder: string;
  /** The coder's stretches of the theme that overlap or touch the region. */
  readonly spans: readonly Interval[];
  /** Other themes this coder put on the region (for `category`). */
  readonly otherThemes: readonly string[];
}

export interface DisagreementRegion {
  /** Stable while the codings that produced it do not change. */
  readonly key: string;
  readonly transcriptId: string;
  readonly themeId: string;
  readonly kind: DisagreementKind;
  readonly start: number;
  readonly end: number;
  readonly length: number;
  /** Line numbers of the region's first and last character, and a label like `l. 45-47`. */
  readonly lines: { readonly from: number; readonly to: number; readonly label: string } | null;
  readonly quote?: string;
  readonly coders: readonly CoderSpans[];
}

export interface DisagreementOptions {
  readonly hierarchy?: HierarchyMode;
  readonly coders?: readonly string[];
  readonly themes?: readonly string[];
}

/** Disagreement regions of one transcript for every theme, longest first. */
export function disagreements(transcript: TranscriptInput, themes: readonly Theme[], options: DisagreementOptions = {}): DisagreementRegion[] {
  const resolver = themeResolver(themes, options.hierarchy ?? 'exact');
  const coders = options.coders ? [...options.coders] : transcript.layers.map((l) => l.coder);
  const layers = transcriptLayers(transcript, resolver, coders);
  return rankRegions(layerDisagreements(layers, themeList(resolver, options.themes)));
}

function themeList(resolver: ThemeResolver, requested?: readonly string[]): string[] {
  if (!requested) return [...resolver.themes];
  return [...new Set(requested.map((t) => resolver.resolve(t)[0]).filter((t): t is string => t !== undefined))];
}

export function rankRegions(regions: DisagreementRegion[]): DisagreementRegion[] {
  return regions.sort((a, b) => b.length - a.length || a.start - b.start || (a.themeId < b.themeId ? -1 : a.themeId > b.themeId ? 1 : 0));
}

/** Regions for the given themes over prepared layers (unranked; the study benchmark reuses layers). */
export function layerDisagreements(layers: TranscriptLayers, themeIds: readonly string[]): DisagreementRegion[] {
  const out: DisagreementRegion[] = [];
  const observed = layers.observed;
  const length = layers.transcript.length;
  const describer = new RegionDescriber(layers);
  const runs = new SweepRuns();
  for (const themeId of themeIds) {
    if (!layers.byTheme.has(themeId)) continue;
    const perCoder = themeIntervals(layers, themeId);
    describer.startTheme(themeId, perCoder);
    sweepRuns(perCoder, length, runs);
    // Maximal runs of stretches where some but not all observed coders have the theme; the
    // stretches tile the text, so consecutive differing ones are adjacent.
    let regionStart = -1;
    let regionEnd = -1;
    for (let i = 0; i < runs.count; i++) {
      const mask = runs.masks[i] as number;
      if (mask !== 0 && mask !== observed) {
        if (regionStart < 0) regionStart = runs.starts[i] as number;
        regionEnd = runs.ends[i] as number;
      } else if (regionStart >= 0) {
        out.push(describer.region(regionStart, regionEnd));
        regionStart = -1;
      }
    }
    if (regionStart >= 0) out.push(describer.region(regionStart, regionEnd));
  }
  return out;
}
