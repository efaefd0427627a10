import type { IdentifierCandidate, IdentifierKind } from '../../../shared/privacy/identifierKinds';

type Nlp = typeof import('compromise').default;
let loading: Promise<Nlp> | null = null;

/** compromise is loaded with the first preview, not at start (it is a large module). */
function loadNlp(): Promise<Nlp> {
  loading ??= import('compromise').then((m) => m.default);
  return loading;
}

interface Match {
  text: string;
  offset?: { start: number; length: number };
}

/**
 * People, places and organisations in English text, found by `compromise` (a maintained,
 * rule-based NLP library that runs offline). Other languages rely on the capitalised-word
 * heuristic, the patterns and the lead's own terms (shared/privacy).
 */
export async function findNamesWithNlp(raw: string): Promise<IdentifierCandidate[]> {
  const nlp = await loadNlp();
  const doc = nlp(raw);
  const out: IdentifierCandidate[] = [];
  const add = (matches: Match[], kind: IdentifierKind) => {
    for (const m of matches) {
      const text = m.text.replace(/[\s.,;:!?'\u2019"\u201D)]+$/u, '').replace(/^[\s"\u201C(]+/u, '');
      if (!text) continue;
      // Offsets are checked against the text; a mismatch is searched near where it was reported.
      let start = m.offset?.start ?? -1;
      if (raw.slice(start, start + text.length) !== text) start = raw.indexOf(text, Math.max(0, start - 20));
      if (start < 0) continue;
      out.push({ start, end: start + text.length, text, kind, source: 'nlp' });
    }
  };
  add(doc.people().json({ offset: true }) as Match[], 'person');
  add(doc.places().json({ offset: true }) as Match[], 'place');
  add(doc.organizations().json({ offset: true }) as Match[], 'organisation');
  return out;
}
