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

/** The lines a theme coded, as keys `transcript index * LINE_STRIDE + line number`. */
export type LineSets = ReadonlyMap<string, ReadonlySet<number>>;
const LINE_STRIDE = 10_000_000;

/**
 * Which lines each theme coded, over every transcript and coder, with a coding counted for the
 * theme `resolve` names (a line a coding touches counts once per theme, however many codings
 * touch it). The codebook reconciliation reads it twice: as the coders coded (the private theme's
 * own lines) and as the themes count now (a shared theme with the lines of the themes mapped
 * onto it).
 */
export function codedLines(transcripts: readonly CodedTranscript[], resolve: (themeId: string) => string): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  transcripts.forEach((t, ti) => {
    for (const layer of t.layers) {
      for (const c of layer.codings) {
        if (!(c.start < c.end && c.end <= t.text.length)) continue;
        const { first, last } = citeLines(t.text, t.lines, c.start, c.end);
        const id = resolve(c.themeId);
        let set = out.get(id);
        if (!set) out.set(id, (set = new Set()));
        for (let n = first; n <= last; n++) set.add(ti * LINE_STRIDE + n);
      }
    }
  });
  return out;
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
 * private theme coded as coded; `current` the lines each theme counts now.
 */
export function suggestMatches(tree: ThemeTree, subjects: readonly string[], own: LineSets, current: LineSets, limit = 3): Map<string, MatchSuggestion[]> {
  const candidates = tree.themes.filter((t) => t.status !== 'retired');
  const candidateIndex = new Map(candidates.map((t, i) => [t.id, i]));
  const subjectIndex = new Map(subjects.map((id, i) => [id, i]));
  const shared = sharedLineCounts(own, current, subjectIndex, candidateIndex, candidates.length);
  const tokens = new Map<string, Set<string>>();
  const tokensOf = (id: string) => {
    let t = tokens.get(id);
    if (!t) tokens.set(id, (t = nameTokens(tree.byId.get(id)?.label ?? '')));
    return t;
  };
  const out = new Map<string, MatchSuggestion[]>();
  subjects.forEach((subjectId, si) => {
    const subject = tree.byId.get(subjectId);
    const mine = own.get(subjectId)?.size ?? 0;
    const list: MatchSuggestion[] = [];
    candidates.forEach((c, ci) => {
      if (c.id === subjectId || (subject && c.owner !== null && c.owner === subject.owner)) return;
      const both = shared.get(si * candidates.length + ci) ?? 0;
      const union = mine + (current.get(c.id)?.size ?? 0) - both;
      const jaccard = union === 0 ? 0 : both / union;
      const name = diceOfTokens(tokensOf(subjectId), tokensOf(c.id));
      const score = (name + jaccard) / 2;
      if (score > 0) list.push({ themeId: c.id, nameSimilarity: name, overlap: { shared: both, union, jaccard }, score });
    });
    list.sort((a, b) => b.score - a.score || b.overlap.shared - a.overlap.shared || (a.themeId < b.themeId ? -1 : 1));
    out.set(subjectId, list.slice(0, limit));
  });
  return out;
}

/** Lines coded by both a subject (as coded) and a candidate (as it counts now), per pair, through an index by line. */
function sharedLineCounts(own: LineSets, current: LineSets, subjects: ReadonlyMap<string, number>, candidates: ReadonlyMap<string, number>, width: number): Map<number, number> {
  const byLine = new Map<number, { subjects: number[]; candidates: number[] }>();
  const at = (line: number) => {
    let entry = byLine.get(line);
    if (!entry) byLine.set(line, (entry = { subjects: [], candidates: [] }));
    return entry;
  };
  for (const [id, si] of subjects) for (const line of own.get(id) ?? []) at(line).subjects.push(si);
  for (const [id, ci] of candidates) for (const line of current.get(id) ?? []) at(line).candidates.push(ci);
  const counts = new Map<number, number>();
  for (const { subjects: ss, candidates: cs } of byLine.values()) {
    if (ss.length === 0 || cs.length === 0) continue;
    for (const si of ss) for (const ci of cs) counts.set(si * width + ci, (counts.get(si * width + ci) ?? 0) + 1);
  }
  return counts;
}
