/**
 * Fractional ordering keys: base-62 digit strings read as fractions in [0, 1), so that a key
 * strictly between any two keys always exists and inserting or moving a theme rewrites only that
 * theme's key (no renumbering of siblings, hence no conflicting writes between clients).
 *
 * Digits are `0-9A-Za-z`, which is ASCII order, so plain `<` on strings compares keys. Invariant:
 * a key is non-empty and never ends in `0`. Without it "a" and "a0" would be the same fraction
 * but different strings, and no key would fit below a key such as "0".
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

/** Longest key accepted from a document; a guard against a client growing keys without bound. */
export const MAX_ORDER_KEY_LENGTH = 200;

const KEY_PATTERN = /^[0-9A-Za-z]*[1-9A-Za-z]$/;

export function isOrderKey(value: string): boolean {
  return value.length <= MAX_ORDER_KEY_LENGTH && KEY_PATTERN.test(value);
}

function digitValue(ch: string | undefined): number {
  return ch === undefined ? 0 : DIGITS.indexOf(ch);
}

function digit(value: number): string {
  const ch = DIGITS[value];
  if (ch === undefined) throw new RangeError(`no base-62 digit ${value}`);
  return ch;
}

/**
 * A key strictly between `lower` and `upper`; `null` stands for the open end (0 below, 1 above).
 * Throws a RangeError unless `lower < upper`: callers pick neighbours from a sorted list, so equal
 * or reversed neighbours are a caller bug, not user input.
 */
export function keyBetween(lower: string | null, upper: string | null): string {
  if (lower !== null && !isOrderKey(lower)) throw new RangeError(`not an order key: ${lower}`);
  if (upper !== null && !isOrderKey(upper)) throw new RangeError(`not an order key: ${upper}`);
  if (lower !== null && upper !== null && !(lower < upper)) {
    throw new RangeError(`order keys out of order: ${lower} >= ${upper}`);
  }
  if (lower === null && upper === null) return digit(MIDDLE);
  // Appending and prepending are the common cases (a new theme goes last), so they step by one
  // digit instead of halving the gap: about 30 inserts per extra character instead of 6.
  if (upper === null) return after(lower ?? '');
  if (lower === null) return before(upper);
  return midpoint(lower, upper);
}

const MIDDLE = Math.floor(BASE / 2);

/** A short key above the valid key `a`. */
function after(a: string): string {
  const first = digitValue(a[0]);
  if (first < BASE - 1) return digit(first + 1);
  return digit(first) + (a.length > 1 ? after(a.slice(1)) : digit(MIDDLE));
}

/** A short key below the valid key `b`; never ends in 0 since `b` does not. */
function before(b: string): string {
  const first = digitValue(b[0]);
  if (first > 1) return digit(first - 1);
  if (first === 1) return b.length > 1 ? '1' : '0' + digit(MIDDLE);
  return '0' + before(b.slice(1));
}

/**
 * `a` < `b` as fractions, `a` possibly empty (zero), `b` null for one. Walks the common prefix
 * (a missing digit of `a` reads as 0), then either finds room between the first differing digits
 * or, when they are adjacent, keeps `a`'s digit and recurses with an open upper end.
 */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while (n < b.length && (a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const low = digitValue(a[0]);
  const high = b === null ? BASE : digitValue(b[0]);
  if (high - low > 1) return digit(Math.floor((low + high) / 2));
  // Adjacent first digits. If `b` has more digits, its first digit alone is below `b` and above
  // `a` (and is not 0, since it exceeds `low`).
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return digit(low) + midpoint(a.slice(1), null);
}

/** `count` increasing keys strictly between `lower` and `upper`, for placing several at once. */
export function keysBetween(lower: string | null, upper: string | null, count: number): string[] {
  const keys: string[] = [];
  let at = lower;
  for (let i = 0; i < count; i++) {
    at = keyBetween(at, upper);
    keys.push(at);
  }
  return keys;
}
