import type { IdentifierCandidate, IdentifierKind } from './identifierKinds';

/**
 * Identifiers found by their shape, in any language: e-mail addresses, phone numbers, dates,
 * ages and street addresses. Deliberately generous: the lead reviews every candidate, and a
 * missed identifier is worse than a rejected one.
 */
const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|' +
  'Januar|Februar|März|Juni|Juli|Oktober|Dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|' +
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre';
const STREET = 'Street|St\\.|Road|Rd\\.|Avenue|Ave\\.|Lane|Drive|Way|Close|Square|Place|Straße|Strasse|Str\\.|Weg|Gasse|Platz|Allee|rue|avenue|calle|via|straat';
/** German-style compounds: "Hauptstraße 5", "Lindenweg 12a". */
const STREET_SUFFIX = 'straße|strasse|str\\.|weg|gasse|platz|allee|straat|laan';

const PATTERNS: Array<[IdentifierKind, RegExp]> = [
  ['email', /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu],
  // International or national numbers with at least 7 digits, separated by spaces, dots, dashes or brackets.
  ['phone', /(?<![\p{L}\p{N}])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\p{L}\p{N}])/gu],
  ['date', new RegExp(`(?<![\\p{N}])(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2})(?![\\p{N}])`, 'gu')],
  ['date', new RegExp(`(?<![\\p{L}])(?:\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+(?:of\\s+)?(?:${MONTHS})(?:\\s+\\d{4})?|(?:${MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|(?:${MONTHS})\\s+\\d{4})(?![\\p{L}])`, 'giu')],
  ['age', /(?<![\p{L}\p{N}])(?:aged?\s+\d{1,3}|\d{1,3}[\s-]?(?:years?|yrs?)[\s-]old|\d{1,3}[\s-]year[\s-]old|\d{1,3}\s+Jahre\s+alt|\d{1,3}\s+ans)(?![\p{L}])/giu],
  ['address', new RegExp(`(?<![\\p{L}\\p{N}])(?:\\d{1,5}[a-z]?\\s+(?:\\p{Lu}[\\p{L}'-]+\\s+){1,3}(?:${STREET})|\\p{Lu}[\\p{L}-]*(?:${STREET_SUFFIX})\\s+\\d{1,5}[a-z]?)(?![\\p{L}\\p{N}])`, 'gu')],
];

export function findPatternIdentifiers(raw: string): IdentifierCandidate[] {
  const out: IdentifierCandidate[] = [];
  for (const [kind, re] of PATTERNS) {
    re.lastIndex = 0;
    for (const m of raw.matchAll(re)) {
      const text = m[0];
      if (kind === 'phone' && text.replace(/\D/g, '').length < 7) continue;
      out.push({ start: m.index, end: m.index + text.length, text, kind, source: 'pattern' });
    }
  }
  return out;
}
