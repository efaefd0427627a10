/**
 * FNV-1a (Fowler, Noll, Vo; IETF draft-eastlake-fnv) on 16-bit units, run as two 32-bit lanes
 * with different offset bases to give 16 hex digits. Pure and deterministic in browser and Node
 * alike; used for stable keys, not for security. The functions thread the state through plain
 * numbers, so a key over many fields allocates nothing until `fnvHex` (a study-wide disagreement
 * pass builds ~400,000 keys).
 */
export const FNV_OFFSET = 0x811c9dc5;
/** Second lane's offset basis (the high word of the 64-bit FNV offset basis). */
export const FNV_OFFSET_ALT = 0xcbf29ce4;
const PRIME = 0x01000193;

/** Folds a string's UTF-16 code units and a 0x1f terminator into the state. */
export function fnvString(h: number, text: string): number {
  let x = h;
  for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), PRIME);
  return Math.imul(x ^ 0x1f, PRIME);
}

/** Folds a non-negative integer below 2^53 (as four 16-bit units) and a 0x1e terminator into the state. */
export function fnvInteger(h: number, n: number): number {
  const low = n % 4294967296;
  const high = (n - low) / 4294967296;
  let x = Math.imul(h ^ (low & 0xffff), PRIME);
  x = Math.imul(x ^ (low >>> 16), PRIME);
  x = Math.imul(x ^ (high & 0xffff), PRIME);
  x = Math.imul(x ^ ((high >>> 16) & 0xffff), PRIME);
  return Math.imul(x ^ 0x1e, PRIME);
}

export function fnvHex(lane1: number, lane2: number): string {
  return (lane1 >>> 0).toString(16).padStart(8, '0') + (lane2 >>> 0).toString(16).padStart(8, '0');
}

export function fnv1a(text: string): string {
  return fnvHex(fnvString(FNV_OFFSET, text), fnvString(FNV_OFFSET_ALT, text));
}
