import { BLANK } from './whitespace';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Vertical tab and form feed come out of word processors as manual line and page breaks;
// NEL, LS and PS are Unicode line terminators a browser would render as breaks. Treating them all
// as `\n` keeps the numbered lines identical to what a reader sees.
const LINE_BREAK = /\r\n|[\r\v\f\u0085\u2028\u2029]/g;
// Remaining C0/C1 controls are invisible and unsearchable; a NUL would also break some stores.
// U+FEFF goes too, wherever it is: as a BOM it is encoding noise, inside text it is a deprecated
// word joiner, and keeping one that ends up first in the text would make the next freeze differ.
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFEFF]/g;
const TRAILING_BLANKS = new RegExp(`${BLANK}+$`, 'gm');
const EDGE_BLANK_LINES = /^\n+|\n+$/g;

/**
 * The character-level half of freezing (wrapping is the other half). Idempotent:
 * `normalizeText(normalizeText(s)) === normalizeText(s)`.
 *
 * - every U+FEFF (BOM) is dropped; lone surrogates become U+FFFD (they cannot be stored as UTF-8, and
 *   a store that silently replaced them would change the text under its hash);
 * - every line terminator becomes `\n`; other control characters are removed; each tab becomes
 *   one space (tabs in transcripts separate a speaker label from speech; expanding to tab stops
 *   would spend line width on layout);
 * - NFC, after the removals, so a mark freed by a removed control composes now, not next time;
 * - blanks at the end of each line are trimmed, and blank lines at the start and end of the text
 *   are removed (blank lines inside are kept: they are numbered lines like any other).
 */
export function normalizeText(raw: string): string {
  let s = raw.replace(LONE_SURROGATE, '\uFFFD');
  s = s.replace(LINE_BREAK, '\n');
  s = s.replace(CONTROL, '');
  s = s.replace(/\t/g, ' ');
  s = s.normalize('NFC');
  s = s.replace(TRAILING_BLANKS, '');
  return s.replace(EDGE_BLANK_LINES, '');
}
