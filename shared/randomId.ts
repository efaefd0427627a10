const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * A random 80-bit id (16 base32 characters) for records created in the browser or the server.
 * Uses `crypto.getRandomValues`, which browsers provide on plain-http origins too (unlike
 * `crypto.randomUUID`, which exists only in secure contexts, e.g. not on a LAN address).
 */
export function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}
