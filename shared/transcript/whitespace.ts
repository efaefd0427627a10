/**
 * "Blank" is every character JavaScript's `\s` matches except `\n`. Normalisation has already
 * turned the other line terminators (`\r`, `\v`, `\f`, U+2028, U+2029) into `\n`, so what is left
 * is horizontal: space, NBSP, the U+2000 family, U+3000 and friends. Trimming and wrapping must
 * agree on this one definition, otherwise a line could end in a blank after a wrap and the next
 * freeze would trim it, breaking idempotence.
 */
export const BLANK = '[^\\S\\n]';

export function isBlank(ch: string): boolean {
  return ch !== '\n' && /^\s$/.test(ch);
}
