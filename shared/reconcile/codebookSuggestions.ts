import type { ThemeTree } from '../themes';
import type { Line } from '../transcript';
import { citeLines } from './citeLines';
import { diceOfTokens, nameTokens } from './nameSimilarity';

/** One coder's codings of one transcript, as the suggestions read them. */
export interface CodedTranscript {
  readonly text: string;
  readonly lines: readonly Line[];
  readonly layers: ReadonlyArray<{ readonly coder: string; readonly codings: ReadonlyArray<{ readonly themeId: string; readonly start: number; readonly end: number }> }>;
}

/**
 * Which lines each theme coded, over every transcript and coder, with a coding counted for the
 * theme `resolve` names; a line counts once per theme, however many codings touch it. Kept as
 * one list of themes per line (compressed rows of interned theme numbers), because the overlap
 * of every pair of themes is counted line by line. The codebook reconciliation reads it twice: as
 * the coders coded (a private theme's own lines) and as the themes count now (a shared theme with
 * the lines of the themes mapped onto it).
 */
export interface CodedLines {
  /** Distinct lines the theme coded (0 for a theme without codings). */
  readonly size: (themeId: string) => number;
  /** The interned number of a theme (undefined without codings). */
  readonly numberOf: ReadonlyMap<string, number>;
  /** Line `l`'s themes are `themes[lineStart[l]]` up to `themes[lineStart[l + 1]]` (exclusive). */
  readonly lineStart: Int32Array;
  readonly themes: Int32Array;
}

export function codedLines(transcripts: readonly CodedTranscript[], ...resolves: ReadonlyArray<(themeId: string) => string>): CodedLines[] {
  // One pass over the codings: the lines each touches, against its theme as stored.
  const raw = new Map<string, number>();
  const base: number[] = [];
  let total = 0;
  for (const t of transcripts) {
    base.push(total);
    total += t.lines.length + 1;
  }
  let lineOf = new Int32Array(4096);
  let themeOf = new Int32Array(4096);
  let n = 0;
  transcripts.forEach((t, ti) => {
    for (const layer of t.layers) {
      for (const c of layer.codings) {
        if (!(c.start < c.end && c.end <= t.text.length)) continue;
        const { first, last } = citeLines(t.text, t.lines, c.start, c.end);
        let th = raw.get(c.themeId);
        if (th === undefined) raw.set(c.themeId, (th = raw.size));
        for (let line = first; line <= last; line++) {
          if (n === lineOf.length) {
            lineOf = grow(lineOf);
            themeOf = grow(themeOf);
          }
          lineOf[n] = base[ti]! + line;
          themeOf[n++] = th;
        }
      }
    }
  });
  // Rows by line (a counting sort), shared by every reading.
  const rowStart = new Int32Array(total + 1);
  for (let i = 0; i < n; i++) rowStart[lineOf[i]! + 1]!++;
  for (let l = 0; l < total; l++) rowStart[l + 1]! += rowStart[l]!;
  const fill = rowStart.slice(0, total);
  const byLine = new Int32Array(n);
  for (let i = 0; i < n; i++) byLine[fill[lineOf[i]!]!++] = themeOf[i]!;
  return resolves.map((resolve) => readAs(raw, rowStart, byLine, resolve));
}

/** The rows with each stored theme read as the theme `resolve` names, without repeats in a row. */
function readAs(raw: ReadonlyMap<string, number>, rowStart: Int32Array, byLine: Int32Array, resolve: (themeId: string) => string): CodedLines {
  const numberOf = new Map<string, number>();
  const as = new Int32Array(raw.size);
  for (const [id, th] of raw) {
    const target = resolve(id);
    let k = numberOf.get(target);
    if (k === undefined) numberOf.set(target, (k = numberOf.size));
    as[th] = k;
  }
  const total = rowStart.length - 1;
  const seenOn = new Int32Array(numberOf.size).fill(-1);
  const sizes = new Int32Array(numberOf.size);
  const lineStart = new Int32Array(total + 1);
  const themes = new Int32Array(byLine.length);
  let w = 0;
  for (let l = 0; l < total; l++) {
    lineStart[l] = w;
    for (let k = rowStart[l]!; k < rowStart[l + 1]!; k++) {
      const th = as[byLine[k]!]!;
      if (seenOn[th] === l) continue;
      seenOn[th] = l;
      sizes[th]!++;
      themes[w++] = th;
    }
  }
  lineStart[total] = w;
  return { size: (id) => sizes[numberOf.get(id) ?? -1] ?? 0, numberOf, lineStart, themes };
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export interface MatchSuggestion {
  readonly themeId: string;
  /** Dice coefficient of the names' normalised words (nameSimilarity), 0..1. */
  readonly nameSimilarity: number;
  /** Lines both coded, out of the lines either coded; `jaccard` = shared / union (0 when union is 0). */
  readonly overlap: { readonly shared: number; readonly union: number; readonly jaccard: number };
  /** The rank: the mean of the name similarity and the Jaccard index. */
  readonly score: number;
}

/**
 * Suggested matches for each private theme in `subjects`: every live theme of the current tree
 * that is not the subject's owner's (a shared theme, another coder's undecided private theme),
 * ranked by `score`, best first, the `limit` best with a score above 0. `own` holds the lines each
 * private theme coded as coded; `current` the lines each theme counts now (the same transcripts).
 */
export function suggestMatches(tree: ThemeTree, subjects: readonly string[], own: CodedLines, current: CodedLines, limit = 3): Map<string, MatchSuggestion[]> {
  const candidates = tree.themes.filter((t) => t.status !== 'retired');
  const shared = sharedLineCounts(own, current, subjects, candidates.map((t) => t.id));
  const candidateTokens = candidates.map((c) => nameTokens(c.label));
  const candidateLines = candidates.map((c) => current.size(c.id));
  const out = new Map<string, MatchSuggestion[]>();
  subjects.forEach((subjectId, si) => {
    const subject = tree.byId.get(subjectId);
    const tokens = nameTokens(subject?.label ?? '');
    const mine = own.size(subjectId);
    const best: MatchSuggestion[] = [];
    candidates.forEach((c, ci) => {
      if (c.id === subjectId || (subject && c.owner !== null && c.owner === subject.owner)) return;
      const both = shared[si * candidates.length + ci]!;
      const union = mine + candidateLines[ci]! - both;
      const jaccard = union === 0 ? 0 : both / union;
      const name = diceOfTokens(tokens, candidateTokens[ci]!);
      const score = (name + jaccard) / 2;
      if (score <= 0) return;
      const m: MatchSuggestion = { themeId: c.id, nameSimilarity: name, overlap: { shared: both, union, jaccard }, score };
      if (best.length === limit && !before(m, best[limit - 1]!)) return;
      let at = best.length;
      while (at > 0 && before(m, best[at - 1]!)) at--;
      best.splice(at, 0, m);
      if (best.length > limit) best.pop();
    });
    out.set(subjectId, best);
  });
  return out;
}

/** Rank order: score, then shared lines, then theme id. */
const before = (a: MatchSuggestion, b: MatchSuggestion): boolean =>
  a.score !== b.score ? a.score > b.score : a.overlap.shared !== b.overlap.shared ? a.overlap.shared > b.overlap.shared : a.themeId < b.themeId;

/** Lines coded by both a subject (as coded) and a candidate (as it counts now), per pair (`subject * candidates + candidate`), line by line. */
function sharedLineCounts(own: CodedLines, current: CodedLines, subjects: readonly string[], candidates: readonly string[]): Int32Array {
  const width = candidates.length;
  const subjectOf = new Int32Array(own.numberOf.size).fill(-1);
  subjects.forEach((id, i) => {
    const th = own.numberOf.get(id);
    if (th !== undefined) subjectOf[th] = i;
  });
  const candidateOf = new Int32Array(current.numberOf.size).fill(-1);
  candidates.forEach((id, i) => {
    const th = current.numberOf.get(id);
    if (th !== undefined) candidateOf[th] = i;
  });
  const counts = new Int32Array(subjects.length * width);
  const lines = own.lineStart.length - 1;
  for (let l = 0; l < lines; l++) {
    for (let a = own.lineStart[l]!; a < own.lineStart[l + 1]!; a++) {
      const si = subjectOf[own.themes[a]!]!;
      if (si < 0) continue;
      for (let b = current.lineStart[l]!; b < current.lineStart[l + 1]!; b++) {
        const ci = candidateOf[current.themes[b]!]!;
        if (ci >= 0) counts[si * width + ci]!++;
      }
    }
  }
  return counts;
}
