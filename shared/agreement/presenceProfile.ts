import type { CategoryCounts, CountRow } from './categoryCounts';
import { type Coincidences, addUnitCounts, emptyCoincidences } from './coincidences';
import { type ContingencyTable, contingencyTable } from './contingencyTable';

/**
 * Binary presence data in compressed form: how many units show each pattern of (which coders gave
 * a value, which of them marked the theme present). A transcript's lines collapse to a handful of
 * patterns, and profiles add up across transcripts and themes, so pooled reports cost no more than
 * the codings that produced them.
 */
export interface PresenceProfile {
  readonly coders: readonly string[];
  /** key = observed * 2^26 + present (masks over `coders`) -> number of units (or characters). */
  readonly counts: Map<number, number>;
}

const SHIFT = 2 ** 26;

export function emptyProfile(coders: readonly string[]): PresenceProfile {
  return { coders, counts: new Map() };
}

export function addPattern(profile: PresenceProfile, observed: number, present: number, weight: number): void {
  if (weight <= 0) return;
  const key = observed * SHIFT + (present & observed);
  profile.counts.set(key, (profile.counts.get(key) ?? 0) + weight);
}

export function addProfile(target: PresenceProfile, source: PresenceProfile): void {
  for (const [key, w] of source.counts) target.counts.set(key, (target.counts.get(key) ?? 0) + w);
}

export function forEachPattern(profile: PresenceProfile, visit: (observed: number, present: number, weight: number) => void): void {
  for (const [key, w] of profile.counts) {
    const observed = Math.floor(key / SHIFT);
    visit(observed, key - observed * SHIFT, w);
  }
}

export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Category counts [absent, present] per pattern, for Fleiss, Brennan-Prediger and percent agreement. */
export function profileCounts(profile: PresenceProfile): CategoryCounts {
  const rows: CountRow[] = [];
  forEachPattern(profile, (observed, present, weight) => {
    const mu = popcount(observed);
    const k = popcount(present);
    rows.push({ counts: [mu - k, k], weight });
  });
  return { q: 2, rows };
}

export function profileCoincidences(profile: PresenceProfile): Coincidences {
  const co = emptyCoincidences([0, 1]);
  for (const row of profileCounts(profile).rows) addUnitCounts(co, row.counts, row.weight);
  return co;
}

/** 2 x 2 table of coders a and b (index 0 = absent, 1 = present) over units both gave a value. */
export function profilePairTable(profile: PresenceProfile, a: number, b: number): ContingencyTable {
  const cells = [0, 0, 0, 0];
  const both = (1 << a) | (1 << b);
  forEachPattern(profile, (observed, present, weight) => {
    if ((observed & both) !== both) return;
    const i = (present >>> a) & 1;
    const j = (present >>> b) & 1;
    cells[i * 2 + j] = (cells[i * 2 + j] ?? 0) + weight;
  });
  return contingencyTable(2, cells);
}

/** The profile restricted to coders a and b (bits 0 and 1 of the result). */
export function projectProfile(profile: PresenceProfile, a: number, b: number): PresenceProfile {
  const out = emptyProfile([profile.coders[a] ?? '', profile.coders[b] ?? '']);
  forEachPattern(profile, (observed, present, weight) => {
    const o = ((observed >>> a) & 1) | (((observed >>> b) & 1) << 1);
    const p = ((present >>> a) & 1) | (((present >>> b) & 1) << 1);
    if (o !== 0) addPattern(out, o, p, weight);
  });
  return out;
}
