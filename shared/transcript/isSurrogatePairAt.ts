/** True when `text[i]` and `text[i + 1]` form one astral code point (an emoji, say). */
export function isSurrogatePairAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}
