import { otherThemeIndices } from './coderCodings';
import type { CoderSpans, DisagreementKind, DisagreementRegion } from './disagreements';
import { FNV_OFFSET, FNV_OFFSET_ALT, FnvPair, fnvString } from './fnv1a';
import { firstEndingAfter } from './intervals';
import { popcount } from './presenceProfile';
import type { Interval } from './transcript';
import type { TranscriptLayers } from './transcriptLayers';

/** Quotes are for orientation; a limit keeps a report of a whole study bounded. */
export const QUOTE_LIMIT = 300;

const NONE: readonly string[] = Object.freeze([]);
const NO_SPANS: readonly Interval[] = Object.freeze([]);

/**
 * Builds the regions of one transcript, theme by theme, in increasing position. A study-wide pass
 * creates hundreds of thousands of regions, so everything that does not differ from one region to
 * the next is made once here: the entry of a coder silent on a region, the one-theme `otherThemes`
 * lists, line ranges, the key's hash state up to the theme. Regions of a theme come in
 * order, so each coder's spans are found by a cursor that only moves forward.
 */
export class RegionDescriber {
  private readonly layers: TranscriptLayers;
  private readonly silent: readonly CoderSpans[];
  /** Rank of each of `layers.themeNames` in string order (otherThemes are listed sorted). */
  private readonly rank: Int32Array;
  private readonly themeIndex = new Map<string, number>();
  private readonly singletons: (readonly string[] | undefined)[] = [];
  private readonly lineRanges = new Map<number, NonNullable<DisagreementRegion['lines']>>();
  private readonly found: Int32Array;
  private readonly cursors: Int32Array;
  /** Coders with a layer in the transcript: every region lists each of them once. */
  private readonly observedCount: number;
  private themeId = '';
  private ownIndex = -1;
  private perCoder: readonly (readonly Interval[] | undefined)[] = [];
  /** Hash state after transcript and theme, the start of every key of the theme. */
  private h1 = 0;
  private h2 = 0;
  private readonly hash = new FnvPair();

  constructor(layers: TranscriptLayers) {
    this.layers = layers;
    this.silent = layers.coders.map((coder): CoderSpans => Object.freeze({ coder, spans: NO_SPANS, otherThemes: NONE }));
    const names = layers.themeNames;
    names.forEach((name, i) => this.themeIndex.set(name, i));
    this.rank = new Int32Array(names.length);
    [...names.keys()].sort((a, b) => compare(names[a] ?? '', names[b] ?? '')).forEach((i, r) => {
      this.rank[i] = r;
    });
    this.found = new Int32Array(names.length);
    this.cursors = new Int32Array(layers.coders.length);
    this.observedCount = popcount(layers.observed);
  }

  /** Prepares for the regions of `themeId`, given each coder's stretches of it. */
  startTheme(themeId: string, perCoder: readonly (readonly Interval[] | undefined)[]): void {
    this.themeId = themeId;
    this.ownIndex = this.themeIndex.get(themeId) ?? -1;
    this.perCoder = perCoder;
    this.cursors.fill(0);
    const id = this.layers.transcript.id;
    this.h1 = fnvString(fnvString(FNV_OFFSET, id), themeId);
    this.h2 = fnvString(fnvString(FNV_OFFSET_ALT, id), themeId);
  }

  /** The region [start, end) of the current theme; regions must come in increasing position. */
  region(start: number, end: number): DisagreementRegion {
    const { layers, perCoder } = this;
    // Sized up front: an empty array grows to 16 slots on its first push.
    const coders = new Array<CoderSpans>(this.observedCount);
    let withTheme = 0;
    let withOther = false;
    let at = 0;
    for (let i = 0; i < perCoder.length; i++) {
      const list = perCoder[i];
      if (!list) continue;
      const spans = this.touching(i, list, start, end);
      const coder = layers.coders[i] ?? '';
      if (spans.length > 0) {
        withTheme++;
        coders[at++] = { coder, spans, otherThemes: NONE };
        continue;
      }
      const otherThemes = this.otherThemes(i, start, end);
      if (otherThemes.length > 0) {
        withOther = true;
        coders[at++] = { coder, spans, otherThemes };
      } else coders[at++] = this.silent[i] as CoderSpans;
    }
    const kind: DisagreementKind = withTheme === at ? 'boundary' : withOther ? 'category' : 'presence';
    const key = this.key(kind, start, end, coders);
    const transcript = layers.transcript;
    const lines = this.lineRange(start, end);
    const text = transcript.text;
    if (text === undefined) return { key, transcriptId: transcript.id, themeId: this.themeId, kind, start, end, length: end - start, lines, coders };
    const quote = text.length === 0 ? '' : clip(text.slice(start, end));
    return { key, transcriptId: transcript.id, themeId: this.themeId, kind, start, end, length: end - start, lines, quote, coders };
  }

  /**
   * The intervals of coder i's sorted disjoint list that overlap or touch the closed range
   * [start, end]: a contiguous block, whose first member never lies before the previous region's.
   */
  private touching(i: number, list: readonly Interval[], start: number, end: number): readonly Interval[] {
    let lo = this.cursors[i] as number;
    while (lo < list.length && (list[lo] as Interval).end < start) lo++;
    this.cursors[i] = lo;
    let hi = lo;
    while (hi < list.length && (list[hi] as Interval).start <= end) hi++;
    return hi > lo ? list.slice(lo, hi) : NO_SPANS;
  }

  /** The themes other than the current one of coder i's codings overlapping [start, end), sorted. */
  private otherThemes(i: number, start: number, end: number): readonly string[] {
    const codings = this.layers.codings[i];
    if (!codings) return NONE;
    const found = this.found;
    const n = otherThemeIndices(codings, this.ownIndex, start, end, this.layers.longestCoding, found);
    if (n === 0) return NONE;
    const names = this.layers.themeNames;
    if (n === 1) {
      const t = found[0] as number;
      return (this.singletons[t] ??= Object.freeze([names[t] ?? '']));
    }
    // Insertion sort by rank: n is the handful of themes one coder put on one region.
    for (let a = 1; a < n; a++) {
      const t = found[a] as number;
      let b = a - 1;
      while (b >= 0 && (this.rank[found[b] as number] as number) > (this.rank[t] as number)) {
        found[b + 1] = found[b] as number;
        b--;
      }
      found[b + 1] = t;
    }
    const out = new Array<string>(n);
    for (let a = 0; a < n; a++) out[a] = names[found[a] as number] ?? '';
    return out;
  }

  /**
   * Key: transcript, theme, kind, span and every coder's spans and other themes, hashed field by
   * field; the FNV state is a pair of numbers, so nothing is allocated until the hex string.
   */
  private key(kind: DisagreementKind, start: number, end: number, coders: readonly CoderSpans[]): string {
    const h = this.hash.set(this.h1, this.h2).string(kind).integer(start).integer(end);
    // Indexed loops: for-of over the shared frozen lists is not inlined and allocates per step.
    for (let i = 0; i < coders.length; i++) {
      const c = coders[i] as CoderSpans;
      h.string(c.coder);
      for (let j = 0; j < c.spans.length; j++) {
        const s = c.spans[j] as Interval;
        h.integer(s.start).integer(s.end);
      }
      for (let j = 0; j < c.otherThemes.length; j++) h.string(c.otherThemes[j] as string);
      h.string('');
    }
    return h.hex();
  }

  private lineRange(start: number, end: number): DisagreementRegion['lines'] {
    const lines = this.layers.transcript.lines;
    if (lines.length === 0) return null;
    const a = Math.min(firstEndingAfter(lines, start), lines.length - 1);
    const b = Math.min(firstEndingAfter(lines, end - 1), lines.length - 1);
    const first = lines[a];
    const last = lines[b];
    if (!first || !last) return null;
    // Regions of different themes often cover the same lines: one frozen range object each.
    const key = a * lines.length + b;
    let range = this.lineRanges.get(key);
    if (range === undefined) {
      range = Object.freeze({ from: first.n, to: last.n, label: first.n === last.n ? `l. ${first.n}` : `l. ${first.n}-${last.n}` });
      this.lineRanges.set(key, range);
    }
    return range;
  }
}

/** Code-unit order, as Array.prototype.sort orders strings by default. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clip(text: string): string {
  return text.length <= QUOTE_LIMIT ? text : `${text.slice(0, QUOTE_LIMIT - 1)}…`;
}
