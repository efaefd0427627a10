/**
 * Maps offsets in a source text as another tool stored it onto the text Concord froze from it.
 * Concord now keeps the text as received (shared/transcript/receiveText.ts): only line ends,
 * a BOM, NUL and lone surrogates differ. The walk below also covers texts frozen the way Concord
 * did before (normalizeText + wrapText), which the tests keep exercising.
 *
 * Freezing (shared/transcript normalizeText + wrapText) only ever: drops characters (BOM,
 * controls, trailing blanks, blank lines at the edges), turns whitespace into other whitespace
 * (CRLF and other line terminators into `\n`, tabs into spaces, a run of blanks into the `\n` of
 * a wrap), replaces lone surrogates with U+FFFD, and composes characters (NFC). So the two texts
 * are aligned by one forward walk: whitespace runs against whitespace runs, equal characters
 * against each other, and a short raw segment against its NFC form. No search, no diff: linear
 * in the text, and a position either maps exactly or is reported as unmappable.
 */
const UNMAPPED = -1;

function isWhitespace(c: string): boolean {
  return c !== '\uFEFF' && (/\s/.test(c) || c === '\u0085');
}

/** Characters normalizeText removes outright (other than whitespace). */
function isRemoved(c: string): boolean {
  return /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFEFF]/.test(c);
}

function isLoneSurrogate(raw: string, i: number): boolean {
  const c = raw.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = raw.charCodeAt(i + 1);
    return !(d >= 0xdc00 && d <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const b = raw.charCodeAt(i - 1);
    return !(b >= 0xd800 && b <= 0xdbff);
  }
  return false;
}

/** Longest raw segment tried against its composed form: a base letter and a few marks. */
const MAX_SEGMENT = 16;

/**
 * For every raw offset 0..raw.length, the frozen offset it corresponds to, or -1 once the walk
 * lost the alignment (text that was not frozen from this raw text).
 */
export function alignText(raw: string, frozen: string): Int32Array {
  const map = new Int32Array(raw.length + 1).fill(UNMAPPED);
  let i = 0;
  let j = 0;
  while (i < raw.length) {
    const c = raw[i] ?? '';
    if (isWhitespace(c)) {
      let i2 = i;
      while (i2 < raw.length && (isWhitespace(raw[i2] ?? '') || isRemoved(raw[i2] ?? ''))) i2++;
      let j2 = j;
      while (j2 < frozen.length && isWhitespace(frozen[j2] ?? '')) j2++;
      for (let k = i; k < i2; k++) map[k] = Math.min(j + (k - i), j2);
      i = i2;
      j = j2;
    } else if (isRemoved(c)) {
      map[i++] = j;
    } else if (c === frozen[j] || (isLoneSurrogate(raw, i) && frozen[j] === '\uFFFD')) {
      map[i++] = j++;
    } else {
      const k = composedSegmentEnd(raw, i, frozen, j);
      if (k === null) return map;
      const composed = raw.slice(i, k).normalize('NFC');
      for (let x = i; x < k; x++) map[x] = j;
      i = k;
      j += composed.length;
    }
  }
  map[raw.length] = j;
  return map;
}

/** The end of the shortest raw segment from `i` whose NFC form is what the frozen text has at `j`. */
function composedSegmentEnd(raw: string, i: number, frozen: string, j: number): number | null {
  for (let k = i + 1; k <= Math.min(raw.length, i + MAX_SEGMENT); k++) {
    const composed = raw.slice(i, k).normalize('NFC');
    // A following combining mark could still compose with the segment: take it in too.
    if (k < raw.length && /^\p{M}/u.test(raw.slice(k, k + 2))) continue;
    if (composed.length > 0 && frozen.startsWith(composed, j)) return k;
  }
  return null;
}

const squash = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFEFF]/g, '')
    .replace(/[\s\u0085]+/g, ' ')
    .trim();

/**
 * The frozen span of a raw `[start, end)`, or null when it cannot be mapped: outside the aligned
 * part, nothing but whitespace, or (a check on the walk itself) when its text differs from the
 * raw text other than in whitespace and composition. The span is not trimmed (but a start between
 * CR and LF takes in the whole line end): since transcripts
 * keep their text as received, a selection's ends map to the same characters the tool counted,
 * and its positions come back unchanged on export (issue 17 item 1).
 */
export function mapSpan(map: Int32Array, raw: string, frozen: string, start: number, end: number): { start: number; end: number } | null {
  // A start between the CR and the LF of a line end (NVivo writes some) takes in the whole line
  // end, as an end there already does: the half line end the tool selected is the `\n` Concord
  // keeps, so the selection covers the same text up to the CR.
  const s = (raw[start - 1] === '\r' && raw[start] === '\n' ? map[start - 1] : map[start]) ?? UNMAPPED;
  const e = map[end] ?? UNMAPPED;
  if (s === UNMAPPED || e === UNMAPPED || e <= s) return null;
  if (frozen.slice(s, e).trim() === '') return null;
  // Lone surrogates became U+FFFD when frozen: replace them on the raw side too before comparing.
  const rawText = raw.slice(start, end).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  if (squash(rawText) !== squash(frozen.slice(s, e))) return null;
  return { start: s, end: e };
}
