/**
 * Code-point position of every UTF-16 offset 0..text.length of `text`, built in one pass so that
 * converting all selections of a long transcript stays linear (shared/transcript's
 * codePointOffset walks from the start on every call). An offset inside a surrogate pair maps to
 * the pair's start, as codePointOffset does.
 */
export function codePointIndex(text: string): Int32Array {
  const out = new Int32Array(text.length + 1);
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    out[i] = count;
    const c = text.charCodeAt(i);
    const d = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
      out[i + 1] = count;
      i++;
    }
    count++;
  }
  out[text.length] = count;
  return out;
}
