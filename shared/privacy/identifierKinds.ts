/**
 * Kinds of identifier the pseudonymisation preview looks for (docs/privacy.md), and the label a
 * replacement of each kind gets. Person, place and organisation replacements are numbered per
 * study ("[Person A]", "[Place 1]"); the lead may rename them ("[Therapist A]", "[City 1]").
 * Dates, ages and contact details are replaced by their kind alone.
 */
export const IDENTIFIER_KINDS = ['person', 'place', 'organisation', 'date', 'age', 'phone', 'email', 'address', 'term', 'name'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** Where a candidate came from: the study's key (earlier decisions and the lead's terms), NLP, a pattern, or the capitalised-word heuristic. */
export type CandidateSource = 'key' | 'nlp' | 'pattern' | 'heuristic';

export interface IdentifierCandidate {
  start: number;
  end: number;
  /** The original text, `raw.slice(start, end)`. */
  text: string;
  kind: IdentifierKind;
  source: CandidateSource;
}

export const NUMBERED_KINDS = { person: 'Person', place: 'Place', organisation: 'Organisation', name: 'Name', term: 'Term' } as const;
export const FIXED_LABELS = { date: '[date]', age: '[age]', phone: '[phone]', email: '[email]', address: '[address]' } as const;

/** The n-th (0-based) label of a numbered kind: persons by letter (A..Z, AA..), others by number. */
export function numberedLabel(kind: keyof typeof NUMBERED_KINDS, n: number): string {
  if (kind === 'person') return `[${NUMBERED_KINDS.person} ${letters(n)}]`;
  return `[${NUMBERED_KINDS[kind]} ${n + 1}]`;
}

function letters(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(65 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

/** How originals are compared for consistency across a study: NFC, trimmed, inner spaces collapsed, case-folded. */
export function normaliseOriginal(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}
