/**
 * How alike two theme names are, for the codebook reconciliation's suggestions: the Dice
 * coefficient of their normalised word sets, 2|A ∩ B| / (|A| + |B|), from 0 (no word in common)
 * to 1 (the same words). Normalising: lower case, accents dropped, punctuation as a separator,
 * a few function words left out, a plural `s` dropped; so "Shame in rupture" and "Ruptures,
 * shame" are 1 and "Shame at work" and "Shame" are 2/3.
 */
export function nameSimilarity(a: string, b: string): number {
  return diceOfTokens(nameTokens(a), nameTokens(b));
}

const FUNCTION_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'is', 'of', 'on', 'or', 'the', 'to', 'with']);

/** The normalised word set of a name (see nameSimilarity). */
export function nameTokens(name: string): Set<string> {
  const words = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !FUNCTION_WORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  return new Set(words);
}

export function diceOfTokens(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return (2 * common) / (a.size + b.size);
}
