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

/** Character codes of the hex digits. */
const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** The two lanes as 16 lowercase hex digits, built as one flat string (no padding or concatenation). */
export function fnvHex(lane1: number, lane2: number): string {
  const a = lane1 >>> 0;
  const b = lane2 >>> 0;
  return String.fromCharCode(
    digit(a, 28), digit(a, 24), digit(a, 20), digit(a, 16), digit(a, 12), digit(a, 8), digit(a, 4), digit(a, 0),
    digit(b, 28), digit(b, 24), digit(b, 20), digit(b, 16), digit(b, 12), digit(b, 8), digit(b, 4), digit(b, 0),
  );
}

function digit(x: number, shift: number): number {
  return HEX[(x >>> shift) & 15] as number;
}

export function fnv1a(text: string): string {
  return fnvHex(fnvString(FNV_OFFSET, text), fnvString(FNV_OFFSET_ALT, text));
}

/**
 * Both lanes folded in one pass, as `fnvString` and `fnvInteger` do lane by lane (same results).
 * Mutable on purpose: the disagreement keys of a study fold millions of fields, and the two
 * independent multiply chains of one loop overlap in the CPU.
 */
export class FnvPair {
  lane1 = FNV_OFFSET;
  lane2 = FNV_OFFSET_ALT;

  set(lane1: number, lane2: number): this {
    this.lane1 = lane1;
    this.lane2 = lane2;
    return this;
  }

  string(text: string): this {
    let x = this.lane1;
    let y = this.lane2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      x = Math.imul(x ^ c, PRIME);
      y = Math.imul(y ^ c, PRIME);
    }
    this.lane1 = Math.imul(x ^ 0x1f, PRIME);
    this.lane2 = Math.imul(y ^ 0x1f, PRIME);
    return this;
  }

  integer(n: number): this {
    // For n below 2^32 (every text offset) the high word is 0; skip the float division.
    const low = n <= 0xffffffff ? n : n % 4294967296;
    const high = n <= 0xffffffff ? 0 : (n - low) / 4294967296;
    const u0 = low & 0xffff;
    const u1 = low >>> 16;
    const u2 = high & 0xffff;
    const u3 = (high >>> 16) & 0xffff;
    let x = Math.imul(this.lane1 ^ u0, PRIME);
    let y = Math.imul(this.lane2 ^ u0, PRIME);
    x = Math.imul(x ^ u1, PRIME);
    y = Math.imul(y ^ u1, PRIME);
    x = Math.imul(x ^ u2, PRIME);
    y = Math.imul(y ^ u2, PRIME);
    x = Math.imul(x ^ u3, PRIME);
    y = Math.imul(y ^ u3, PRIME);
    this.lane1 = Math.imul(x ^ 0x1e, PRIME);
    this.lane2 = Math.imul(y ^ 0x1e, PRIME);
    return this;
  }

  hex(): string {
    return fnvHex(this.lane1, this.lane2);
  }
}
