import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** Random identifier: 80 bits, base32 lowercase (16 characters), URL- and doc-name-safe. */
export function newId(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** A secret token (sessions, invitations): 160 bits, base32 lowercase. */
export function newToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}
