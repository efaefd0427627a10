import { FNV_OFFSET, FNV_OFFSET_ALT, fnvHex, fnvInteger, fnvString } from './fnv1a';
import { firstEndingAfter, firstStartingAtOrAfter, touching } from './intervals';
import { sweep } from './sweep';
import { type ThemeResolver, themeResolver } from './themeResolver';
import type { HierarchyMode, Interval, Line, Theme, TranscriptInput } from './transcript';
import { type TranscriptLayers, themeIntervals, transcriptLayers } from './units';

export const DISAGREEMENT_KINDS = ['presence', 'category', 'boundary'] as const;
/**
 * `presence`: some coders have no coding at all there; `category`: a coder without the theme coded
 * the span with another theme; `boundary`: every coder has the theme there, with different extents.
 */
export type DisagreementKind = (typeof DISAGREEMENT_KINDS)[number];

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

const NONE: readonly string[] = Object.freeze([]);
const NO_SPANS: readonly Interval[] = Object.freeze([]);

/** Quotes are for orientation; a limit keeps a report of a whole study bounded. */
export const QUOTE_LIMIT = 300;

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
  const { transcript } = layers;
  // A coder with nothing on a region gets one shared, frozen entry: a study-wide pass creates
  // hundreds of thousands of regions, and most coders are silent on most of them.
  const silent = layers.coders.map((coder): CoderSpans => Object.freeze({ coder, spans: NO_SPANS, otherThemes: NONE }));
  for (const themeId of themeIds) {
    if (!layers.byTheme.has(themeId)) continue;
    const perCoder = themeIntervals(layers, themeId);
    // Maximal runs of stretches where some but not all observed coders have the theme.
    let regionStart = -1;
    let regionEnd = -1;
    const flush = (): void => {
      if (regionStart >= 0) out.push(describe(layers, themeId, perCoder, regionStart, regionEnd, silent));
      regionStart = -1;
    };
    sweep(perCoder, transcript.length, (start, end, mask) => {
      const differs = mask !== 0 && mask !== observed;
      if (!differs) {
        flush();
        return;
      }
      if (regionStart < 0) regionStart = start;
      regionEnd = end;
    });
    flush();
  }
  return out;
}

function describe(
  layers: TranscriptLayers,
  themeId: string,
  perCoder: readonly (readonly Interval[] | undefined)[],
  start: number,
  end: number,
  silent: readonly CoderSpans[],
): DisagreementRegion {
  const coders: CoderSpans[] = [];
  let withTheme = 0;
  let withOther = false;
  let observedCount = 0;
  for (let i = 0; i < perCoder.length; i++) {
    const list = perCoder[i];
    if (!list) continue;
    observedCount++;
    const spans = touching(list, start, end);
    const coder = layers.coders[i] ?? '';
    if (spans.length > 0) {
      withTheme++;
      coders.push({ coder, spans, otherThemes: NONE });
      continue;
    }
    const otherThemes = otherThemesOn(layers, i, themeId, start, end);
    if (otherThemes.length > 0) withOther = true;
    coders.push(otherThemes.length > 0 ? { coder, spans, otherThemes } : (silent[i] as CoderSpans));
  }
  const kind: DisagreementKind = withTheme === observedCount ? 'boundary' : withOther ? 'category' : 'presence';
  const transcriptId = layers.transcript.id;
  // Key: transcript, theme, kind, span and every coder's spans and other themes, hashed field by
  // field (the FNV state is a pair of numbers, so nothing is allocated until the hex string).
  let h1 = fnvString(fnvString(fnvString(FNV_OFFSET, transcriptId), themeId), kind);
  let h2 = fnvString(fnvString(fnvString(FNV_OFFSET_ALT, transcriptId), themeId), kind);
  h1 = fnvInteger(fnvInteger(h1, start), end);
  h2 = fnvInteger(fnvInteger(h2, start), end);
  for (const c of coders) {
    h1 = fnvString(h1, c.coder);
    h2 = fnvString(h2, c.coder);
    for (const s of c.spans) {
      h1 = fnvInteger(fnvInteger(h1, s.start), s.end);
      h2 = fnvInteger(fnvInteger(h2, s.start), s.end);
    }
    for (const t of c.otherThemes) {
      h1 = fnvString(h1, t);
      h2 = fnvString(h2, t);
    }
    h1 = fnvString(h1, '');
    h2 = fnvString(h2, '');
  }
  const key = fnvHex(h1, h2);
  const text = layers.transcript.text;
  const quote = text === undefined ? undefined : text.length === 0 ? '' : clip(text.slice(start, end));
  return {
    key,
    transcriptId,
    themeId,
    kind,
    start,
    end,
    length: end - start,
    lines: lineRange(layers.transcript.lines, start, end),
    ...(quote !== undefined ? { quote } : {}),
    coders,
  };
}

function clip(text: string): string {
  return text.length <= QUOTE_LIMIT ? text : `${text.slice(0, QUOTE_LIMIT - 1)}…`;
}

/** The themes (other than `themeId`) of coder i's codings overlapping [start, end). */
function otherThemesOn(layers: TranscriptLayers, coder: number, themeId: string, start: number, end: number): readonly string[] {
  const list = layers.codings[coder];
  if (!list || list.length === 0) return NONE;
  let found: string[] | null = null;
  // Codings are sorted by start; one that overlaps must start within longestCoding before `end`.
  for (let i = firstStartingAtOrAfter(list, end) - 1; i >= 0; i--) {
    const c = list[i];
    if (!c || c.start <= start - layers.longestCoding) break;
    if (c.end > start && c.themeId !== themeId && !found?.includes(c.themeId)) (found ??= []).push(c.themeId);
  }
  return found ? found.sort() : NONE;
}

function lineRange(lines: readonly Line[], start: number, end: number): DisagreementRegion['lines'] {
  if (lines.length === 0) return null;
  const first = lines[Math.min(firstEndingAfter(lines, start), lines.length - 1)];
  const last = lines[Math.min(firstEndingAfter(lines, end - 1), lines.length - 1)];
  if (!first || !last) return null;
  return { from: first.n, to: last.n, label: first.n === last.n ? `l. ${first.n}` : `l. ${first.n}-${last.n}` };
}
