/**
 * The text of a span as a one-line quotation. Wrapping replaced spaces with `\n`, so turning each
 * whitespace run back into one space restores the sentence as spoken.
 */
export function quoteOf(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/\s+/g, ' ').trim();
}
