/** An anchor of the demo content that the frozen transcript does not contain exactly once. */
export class AnchorError extends Error {}

export interface Span {
  start: number;
  end: number;
}

/**
 * The `[start, end)` offsets of `quote` in a frozen transcript. Wrapping replaces the single space
 * at each break with `\n` (shared/transcript/wrapText.ts), so reading every `\n` as a space gives
 * a string of the same length in which the single-spaced quote can be found, and its indices are
 * offsets of the frozen text. A quote must occur exactly once: silently taking the first of two
 * would put a coding on a passage its author did not mean.
 */
export function locateQuote(frozenText: string, quote: string, where: string): Span {
  const flat = frozenText.replace(/\n/g, ' ');
  const start = flat.indexOf(quote);
  if (start < 0) throw new AnchorError(`${where}: quote not found in the transcript: "${quote}"`);
  if (flat.indexOf(quote, start + 1) >= 0) throw new AnchorError(`${where}: quote occurs more than once: "${quote}"`);
  return { start, end: start + quote.length };
}
