import { findCapitalisedNames } from './findCapitalisedNames';
import { findPatternIdentifiers } from './findPatternIdentifiers';
import { FIXED_LABELS, type IdentifierCandidate, type IdentifierKind, NUMBERED_KINDS, normaliseOriginal, numberedLabel } from './identifierKinds';

/** One entry of a study's key: an original and its replacement (stored apart, leads only). */
export interface KeyEntry {
  original: string;
  replacement: string;
  kind: IdentifierKind;
}

/** A candidate as the lead reviews it: with its proposed replacement and whether it is accepted. */
export interface ReviewedCandidate extends IdentifierCandidate {
  replacement: string;
  accept: boolean;
  /** The words around it, for review in context. */
  before: string;
  after: string;
}

const CONTEXT_CHARS = 40;
const SOURCE_RANK = { key: 0, pattern: 1, nlp: 2, heuristic: 3 } as const;

/**
 * Every candidate identifier of a raw transcript (before freezing), non-overlapping, in text
 * order: the study's key first (every earlier decision and the lead's own terms, so replacements
 * stay consistent), then patterns, then names found by NLP (`nlp`, the server's), then the
 * capitalised-word heuristic. Where candidates overlap the better source wins, then the longer.
 */
export function findCandidates(raw: string, key: readonly KeyEntry[], nlp: readonly IdentifierCandidate[], speakerLabels: ReadonlySet<string> = new Set()): IdentifierCandidate[] {
  const all = [...findKeyOccurrences(raw, key), ...findPatternIdentifiers(raw), ...nlp, ...findCapitalisedNames(raw, speakerLabels)].filter(
    (c) => c.end > c.start && !raw.slice(c.start, c.end).includes('\n'),
  );
  all.sort((a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: IdentifierCandidate[] = [];
  for (const c of all) if (!taken.some((t) => c.start < t.end && t.start < c.end)) taken.push(c);
  return taken.sort((a, b) => a.start - b.start);
}

/** Whole-word occurrences of the key's originals, case-insensitive. */
function findKeyOccurrences(raw: string, key: readonly KeyEntry[]): IdentifierCandidate[] {
  const out: IdentifierCandidate[] = [];
  const lower = raw.toLocaleLowerCase();
  for (const e of key) {
    const needle = normaliseOriginal(e.original);
    if (!needle) continue;
    for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + 1)) {
      const end = i + needle.length;
      if (isWordChar(raw[i - 1]) || isWordChar(raw[end])) continue;
      out.push({ start: i, end, text: raw.slice(i, end), kind: e.kind, source: 'key' });
    }
  }
  return out;
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/**
 * Proposes a replacement for each candidate, consistent across the study: an original already in
 * the key keeps its replacement; a new person, place or organisation gets the next free number
 * of its kind ("[Person C]" after A and B); dates, ages and contact details their kind's label.
 * Candidates from the key, patterns and NLP start accepted; the heuristic's start rejected.
 */
export function proposeReplacements(raw: string, candidates: readonly IdentifierCandidate[], key: readonly KeyEntry[]): ReviewedCandidate[] {
  const known = new Map(key.map((e) => [normaliseOriginal(e.original), e.replacement]));
  const used = new Set(key.map((e) => e.replacement));
  const next = (kind: keyof typeof NUMBERED_KINDS) => {
    for (let n = 0; ; n++) {
      const label = numberedLabel(kind, n);
      if (!used.has(label)) return label;
    }
  };
  return candidates.map((c) => {
    const norm = normaliseOriginal(c.text);
    let replacement = known.get(norm);
    if (replacement === undefined) {
      replacement = c.kind in FIXED_LABELS ? FIXED_LABELS[c.kind as keyof typeof FIXED_LABELS] : next(c.kind as keyof typeof NUMBERED_KINDS);
      known.set(norm, replacement);
      used.add(replacement);
    }
    return {
      ...c,
      replacement,
      accept: c.source !== 'heuristic',
      before: raw.slice(Math.max(0, c.start - CONTEXT_CHARS), c.start),
      after: raw.slice(c.end, c.end + CONTEXT_CHARS),
    };
  });
}

export interface Decision {
  start: number;
  end: number;
  text: string;
  replacement: string;
}

/**
 * Applies the accepted decisions to the raw text (before freezing). Each decision must still
 * match the text at its offsets and none may overlap or span a line break; otherwise this throws
 * and nothing is imported. Returns the rewritten text.
 */
export function applyDecisions(raw: string, decisions: readonly Decision[]): string {
  const sorted = [...decisions].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const d of sorted) {
    if (d.start < at) throw new RangeError(`replacements overlap at ${d.start}`);
    if (raw.slice(d.start, d.end) !== d.text) throw new RangeError(`the text at ${d.start}-${d.end} does not match its decision (was the file changed?)`);
    if (d.text.includes('\n') || d.replacement.includes('\n')) throw new RangeError('a replacement may not span a line break');
    out += raw.slice(at, d.start) + d.replacement;
    at = d.end;
  }
  return out + raw.slice(at);
}
