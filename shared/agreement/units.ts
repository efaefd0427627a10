import { mergeIntervals, firstEndingAfter, firstStartingAtOrAfter } from './intervals';
import { type PresenceProfile, addPattern, emptyProfile } from './presenceProfile';
import { MAX_COMPARED_CODERS, sweep } from './sweep';
import type { ThemeResolver } from './themeResolver';
import type { Coding, Interval, TranscriptInput, UnitKind } from './transcript';
import { type ContinuumPiece, type UnitizingTally, addPartitions, emptyTally } from './unitizingAlpha';

/** A coding after merges and rollup, clamped to the text. */
export interface ResolvedCoding extends Interval {
  readonly themeId: string;
}

/** One transcript's codings grouped per theme and coder, ready for any unit kind. */
export interface TranscriptLayers {
  readonly transcript: TranscriptInput;
  /** The study's coders; bit i of a mask is coders[i]. */
  readonly coders: readonly string[];
  /** Mask of the coders who have a layer in this transcript (the others are missing values). */
  readonly observed: number;
  /** themeId -> per coder index, the union of that coder's codings of the theme (sorted, disjoint). */
  readonly byTheme: ReadonlyMap<string, readonly (readonly Interval[] | undefined)[]>;
  /** Per coder, every resolved coding (own theme after merges, no rollup) sorted by start. */
  readonly codings: readonly (readonly ResolvedCoding[] | undefined)[];
  /** Longest resolved coding, bounding backward scans in `codingsOverlapping`. */
  readonly longestCoding: number;
}

export function transcriptLayers(transcript: TranscriptInput, resolver: ThemeResolver, coders: readonly string[]): TranscriptLayers {
  if (coders.length > MAX_COMPARED_CODERS) throw new RangeError(`at most ${MAX_COMPARED_CODERS} coders can be compared at once`);
  const index = new Map<string, number>();
  coders.forEach((c, i) => index.set(c, i));
  const buckets = new Map<string, Interval[][]>();
  const codings: (ResolvedCoding[] | undefined)[] = coders.map(() => undefined);
  let observed = 0;
  let longestCoding = 0;
  for (const layer of transcript.layers) {
    const ci = index.get(layer.coder);
    if (ci === undefined) continue;
    observed |= 1 << ci;
    const own: ResolvedCoding[] = codings[ci] ?? [];
    codings[ci] = own;
    for (const coding of layer.codings) {
      const clamped = clamp(coding, transcript.length);
      if (!clamped) continue;
      const themes = resolver.resolve(coding.themeId);
      const first = themes[0];
      if (first === undefined) continue;
      own.push({ start: clamped.start, end: clamped.end, themeId: first });
      longestCoding = Math.max(longestCoding, clamped.end - clamped.start);
      for (const t of themes) {
        let perCoder = buckets.get(t);
        if (!perCoder) {
          perCoder = coders.map(() => []);
          buckets.set(t, perCoder);
        }
        (perCoder[ci] as Interval[]).push(clamped);
      }
    }
    own.sort((a, b) => a.start - b.start || a.end - b.end);
  }
  const byTheme = new Map<string, (Interval[] | undefined)[]>();
  for (const [t, perCoder] of buckets) byTheme.set(t, perCoder.map((list, i) => ((observed >>> i) & 1 ? mergeIntervals(list) : undefined)));
  return { transcript, coders, observed, byTheme, codings, longestCoding };
}

function clamp(c: Coding, length: number): Interval | null {
  const start = Math.max(0, c.start);
  const end = Math.min(length, c.end);
  return end > start ? { start, end } : null;
}

/** Per coder, the theme's intervals; coders with a layer but no coding of the theme get []. */
export function themeIntervals(layers: TranscriptLayers, themeId: string): (readonly Interval[] | undefined)[] {
  const perCoder = layers.byTheme.get(themeId);
  return layers.coders.map((_, i) => ((layers.observed >>> i) & 1 ? perCoder?.[i] ?? [] : undefined));
}

/** Maps text intervals to unit-index intervals; `count` units in all. */
export interface UnitGrid {
  readonly count: number;
  readonly toUnits: (intervals: readonly Interval[]) => Interval[];
}

/**
 * Line and turn units: a unit counts as coded when any coding overlaps it. Units are sorted and
 * disjoint (lines tile the text; turns may leave gaps, and a coding inside a gap touches no turn).
 */
export function intervalGrid(units: readonly Interval[]): UnitGrid {
  const sorted = isSorted(units) ? units : [...units].sort((a, b) => a.start - b.start);
  return {
    count: sorted.length,
    toUnits: (intervals) => {
      // Input is sorted and disjoint, so the unit ranges come out sorted: merge them in one pass.
      const out: { start: number; end: number }[] = [];
      for (const iv of intervals) {
        const first = firstEndingAfter(sorted, iv.start);
        const last = firstStartingAtOrAfter(sorted, iv.end) - 1;
        if (first > last) continue;
        const previous = out[out.length - 1];
        if (previous && first <= previous.end) previous.end = Math.max(previous.end, last + 1);
        else out.push({ start: first, end: last + 1 });
      }
      return out;
    },
  };
}

function isSorted(units: readonly Interval[]): boolean {
  for (let i = 1; i < units.length; i++) if ((units[i] as Interval).start < (units[i - 1] as Interval).start) return false;
  return true;
}

/** Character units (NVivo parity): the identity grid; run lengths, never per-character arrays. */
export function characterGrid(length: number): UnitGrid {
  return { count: length, toUnits: (intervals) => [...intervals] };
}

export function unitGrid(transcript: TranscriptInput, kind: Exclude<UnitKind, 'continuum'>): UnitGrid {
  if (kind === 'character') return characterGrid(transcript.length);
  if (kind === 'line') return intervalGrid(transcript.lines);
  return intervalGrid(transcript.turns ?? []);
}

/** Presence of a theme per unit for every coder of the transcript, as a compressed profile. */
export function presenceProfile(layers: TranscriptLayers, themeId: string, grid: UnitGrid): PresenceProfile {
  const perCoder = themeIntervals(layers, themeId).map((list) => (list ? grid.toUnits(list) : undefined));
  const profile = emptyProfile(layers.coders);
  sweep(perCoder, grid.count, (start, end, mask) => addPattern(profile, layers.observed, mask, end - start));
  return profile;
}

/**
 * The theme on the continuum (unitizing): each coder's union of the theme's codings is one valued
 * segment per stretch; the rest is gap. Only coders with a layer take part.
 */
export function continuumTally(layers: TranscriptLayers, themeId: string, into: UnitizingTally = emptyTally(['present'])): UnitizingTally {
  const length = layers.transcript.length;
  const parts = themeIntervals(layers, themeId)
    .filter((list): list is readonly Interval[] => list !== undefined)
    .map((list) => continuumPieces(list, length));
  addPartitions(into, parts, length);
  return into;
}

/** A coder's partition of [0, length): the theme's stretches (index 1) and the gaps (index 0). */
export function continuumPieces(list: readonly Interval[], length: number): ContinuumPiece[] {
  const pieces: ContinuumPiece[] = [];
  let at = 0;
  for (const iv of list) {
    if (iv.start > at) pieces.push({ start: at, end: iv.start, index: 0 });
    pieces.push({ start: iv.start, end: iv.end, index: 1 });
    at = iv.end;
  }
  if (at < length) pieces.push({ start: at, end: length, index: 0 });
  return pieces;
}
