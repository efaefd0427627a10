/**
 * FNV-1a (Fowler, Noll, Vo; IETF draft-eastlake-fnv) over UTF-16 code units, run twice with
 * different offset bases to give 64 bits as 16 hex digits. Pure and deterministic in browser and
 * Node alike; used for stable keys, not for security.
 */
export function fnv1a(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
