import { firstEndingAfter, firstStartingAtOrAfter } from './intervals';
import { type PresenceProfile, addPattern, emptyProfile } from './presenceProfile';
import { SweepRuns, sweepRuns } from './sweep';
import type { Interval, TranscriptInput, UnitKind } from './transcript';
import type { TranscriptLayers } from './transcriptLayers';
import { type ContinuumPiece, type UnitizingTally, addPartitions, emptyTally } from './unitizingAlpha';

export { type TranscriptLayers, transcriptLayers } from './transcriptLayers';

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

/** Presence of a theme per unit for every coder of the transcript, as a compressed profile (`runs`: scratch space to reuse). */
export function presenceProfile(layers: TranscriptLayers, themeId: string, grid: UnitGrid, runs: SweepRuns = new SweepRuns()): PresenceProfile {
  const perCoder = themeIntervals(layers, themeId).map((list) => (list ? grid.toUnits(list) : undefined));
  const profile = emptyProfile(layers.coders);
  sweepRuns(perCoder, grid.count, runs);
  for (let i = 0; i < runs.count; i++) addPattern(profile, layers.observed, runs.masks[i] as number, (runs.ends[i] as number) - (runs.starts[i] as number));
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
