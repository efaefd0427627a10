import { sha256 } from '@oslojs/crypto/sha2';

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** The GUID in canonical form (lowercase, no braces), or null when `s` is not a GUID as Project.xsd's GUIDType allows. */
export function normalizeGuid(s: string): string | null {
  const m = GUID.exec(s.trim());
  return m?.[1] ? m[1].toLowerCase() : null;
}

/**
 * A stable GUID for a Concord record. Ids that are GUIDs already (themes imported from another
 * tool keep theirs) are used as they are, so a codebook keeps its GUIDs across export and import.
 * Other ids are hashed with their kind into an RFC 9562 version-8 ("custom") UUID: exporting the
 * same study twice gives the same GUIDs, so two exports can be compared with diff.
 */
export function guidFor(kind: string, id: string): string {
  const own = normalizeGuid(id);
  if (own) return own;
  const h = sha256(new TextEncoder().encode(`concord:${kind}:${id}`));
  const hex = Array.from(h.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
