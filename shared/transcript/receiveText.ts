const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text of a transcript as it is stored: what was received, after decoding, with exactly one
 * normalisation, of line ends (issue 17 item 1; docs/interchange.md, "Transcript text"):
 *
 * - CRLF and a lone CR become `\n` (the one normalisation: the line map, the browser and every
 *   other tool's offsets then agree on what a line break is);
 * - what decoding must settle anyway: a leading U+FEFF is the byte-order mark of the encoding,
 *   not text, and goes; a lone surrogate (not a Unicode character, cannot be stored as UTF-8) and
 *   NUL (which no database text column stores) become U+FFFD, one unit for one, so no offset
 *   after them moves.
 *
 * Nothing else changes: no trimming, no tab expansion, no Unicode normalisation, no wrapping.
 * Line numbers are a view over this text (lineMap), so a quote's offsets in Concord are the
 * offsets another tool counted on the same text.
 */
export function receiveText(raw: string): string {
  const s = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return s.replace(LONE_SURROGATE, '\uFFFD').replace(/\u0000/g, '\uFFFD').replace(/\r\n?/g, '\n');
}
