import { type CoderCodings, startOrder } from './coderCodings';
import { MAX_COMPARED_CODERS } from './sweep';
import type { ThemeResolver } from './themeResolver';
import type { CoderLayer, Interval, TranscriptInput } from './transcript';

/** One transcript's codings grouped per theme and coder, ready for any unit kind. */
export interface TranscriptLayers {
  readonly transcript: TranscriptInput;
  /** The study's coders; bit i of a mask is coders[i]. */
  readonly coders: readonly string[];
  /** Mask of the coders who have a layer in this transcript (the others are missing values). */
  readonly observed: number;
  /** themeId -> per coder index, the union of that coder's codings of the theme (sorted, disjoint, non-touching). */
  readonly byTheme: ReadonlyMap<string, readonly (readonly Interval[] | undefined)[]>;
  /** Per coder, every resolved coding (own theme after merges, no rollup), sorted by start. */
  readonly codings: readonly (CoderCodings | undefined)[];
  /** The themes `codings` refer to by index. */
  readonly themeNames: readonly string[];
  /** Longest resolved coding, bounding backward scans in `otherThemeIndices`. */
  readonly longestCoding: number;
}

/** A theme id as the codings of one transcript use it: its own theme and every theme it counts for. */
interface Resolution {
  readonly own: number;
  /** Indices into themeNames: the own theme, and its ancestors in rollup. */
  readonly targets: readonly number[];
}

/**
 * Groups a transcript's codings per theme and coder. Each coder's codings are sorted once by start
 * (a native sort of packed numbers) and then walked in that order, so the union of every theme's
 * codings grows at its end only: no sort per theme and coder, and no intermediate lists.
 */
export function transcriptLayers(transcript: TranscriptInput, resolver: ThemeResolver, coders: readonly string[]): TranscriptLayers {
  if (coders.length > MAX_COMPARED_CODERS) throw new RangeError(`at most ${MAX_COMPARED_CODERS} coders can be compared at once`);
  const index = new Map<string, number>();
  coders.forEach((c, i) => index.set(c, i));
  // A coder may have more than one layer; their codings are taken together.
  const layersOf: (CoderLayer[] | undefined)[] = coders.map(() => undefined);
  let observed = 0;
  for (const layer of transcript.layers) {
    const ci = index.get(layer.coder);
    if (ci === undefined) continue;
    observed |= 1 << ci;
    (layersOf[ci] ??= []).push(layer);
  }

  const themeIndex = new Map<string, number>();
  const themeNames: string[] = [];
  const indexOf = (name: string): number => {
    let i = themeIndex.get(name);
    if (i === undefined) {
      i = themeNames.length;
      themeIndex.set(name, i);
      themeNames.push(name);
    }
    return i;
  };
  const resolutions: Resolution[] = [];
  const resolutionOf = new Map<string, number>();
  const length = transcript.length;
  let longestCoding = 0;

  // Pass 1: clamp and resolve every coding; this discovers the themes.
  const gathered = layersOf.map((layers) => {
    if (!layers) return undefined;
    let total = 0;
    for (const layer of layers) total += layer.codings.length;
    const starts = new Float64Array(total);
    const ends = new Float64Array(total);
    const via = new Int32Array(total);
    let n = 0;
    for (const layer of layers) {
      for (const coding of layer.codings) {
        const start = Math.max(0, coding.start);
        const end = Math.min(length, coding.end);
        if (!(end > start)) continue;
        let r = resolutionOf.get(coding.themeId);
        if (r === undefined) {
          const resolved = resolver.resolve(coding.themeId);
          const first = resolved[0];
          r = -1;
          if (first !== undefined) {
            r = resolutions.length;
            resolutions.push({ own: indexOf(first), targets: resolved.map(indexOf) });
          }
          resolutionOf.set(coding.themeId, r);
        }
        if (r < 0) continue;
        starts[n] = start;
        ends[n] = end;
        via[n] = r;
        n++;
        if (end - start > longestCoding) longestCoding = end - start;
      }
    }
    return { starts: starts.subarray(0, n), ends: ends.subarray(0, n), via: via.subarray(0, n) };
  });

  // Pass 2: per coder, in start order, extend or close each target theme's last stretch.
  const themeCount = themeNames.length;
  const perTheme: (Interval[] | undefined)[][] = themeNames.map(() => coders.map(() => undefined));
  const openStart = new Float64Array(themeCount);
  const openEnd = new Float64Array(themeCount);
  const codings = gathered.map((g, ci): CoderCodings | undefined => {
    if (!g) return undefined;
    const n = g.starts.length;
    const order = startOrder(g.starts);
    const sorted = { starts: new Float64Array(n), ends: new Float64Array(n), themes: new Int32Array(n) };
    const lists: Interval[][] = [];
    for (let t = 0; t < themeCount; t++) {
      const list: Interval[] = [];
      lists.push(list);
      (perTheme[t] as (Interval[] | undefined)[])[ci] = list;
    }
    openEnd.fill(-1);
    for (let i = 0; i < n; i++) {
      const from = order[i] as number;
      const start = g.starts[from] as number;
      const end = g.ends[from] as number;
      const resolution = resolutions[g.via[from] as number] as Resolution;
      sorted.starts[i] = start;
      sorted.ends[i] = end;
      sorted.themes[i] = resolution.own;
      for (let j = 0; j < resolution.targets.length; j++) {
        const t = resolution.targets[j] as number;
        const openedEnd = openEnd[t] as number;
        // Touching stretches merge ([0,5) and [5,9) become [0,9)), as in mergeIntervals.
        if (openedEnd >= 0 && start <= openedEnd) {
          if (end > openedEnd) openEnd[t] = end;
          continue;
        }
        if (openedEnd >= 0) (lists[t] as Interval[]).push({ start: openStart[t] as number, end: openedEnd });
        openStart[t] = start;
        openEnd[t] = end;
      }
    }
    for (let t = 0; t < themeCount; t++) {
      const openedEnd = openEnd[t] as number;
      if (openedEnd >= 0) (lists[t] as Interval[]).push({ start: openStart[t] as number, end: openedEnd });
    }
    return sorted;
  });
  const byTheme = new Map<string, (Interval[] | undefined)[]>();
  themeNames.forEach((name, t) => byTheme.set(name, perTheme[t] as (Interval[] | undefined)[]));
  return { transcript, coders, observed, byTheme, codings, themeNames, longestCoding };
}
