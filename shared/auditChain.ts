import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { canonicalJson } from './canonicalJson';

/** The fields of an audit event that its hash covers. */
export interface AuditEventBody {
  studyId: string;
  seq: number;
  at: number;
  actorId: string | null;
  action: string;
  target: string;
  data: unknown;
  /**
   * Scheme 2 (docs/audit.md): SHA-256 of the canonical data, which the hash covers instead of
   * the data. Absent on scheme 1 events (written before erasure existed), whose hash covers the
   * data itself.
   */
  dataHash?: string;
}

export interface AuditEvent extends AuditEventBody {
  prevHash: string;
  hash: string;
}

/** The chain's first prevHash. */
export const GENESIS_HASH = '0'.repeat(64);

const hex = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

/** The commitment to an event's data in scheme 2: sha256 of its canonical JSON, hex. */
export function auditDataHash(data: unknown): string {
  return hex(canonicalJson(data));
}

/**
 * hash = sha256(prevHash || canonical event), hex (DESIGN.md section 3). In scheme 2 the
 * canonical event carries `dataHash` in place of `data`, so redacting the data of an event
 * (erasure) leaves its hash and every later one intact.
 */
export function auditHash(prevHash: string, body: AuditEventBody): string {
  const head = { studyId: body.studyId, seq: body.seq, at: body.at, actorId: body.actorId, action: body.action, target: body.target };
  const canonical = body.dataHash === undefined ? canonicalJson({ ...head, data: body.data }) : canonicalJson({ ...head, dataHash: body.dataHash });
  return hex(prevHash + canonical);
}

/** What replaces the data of an event about erased content: when, why (the erasure's id). */
export interface AuditRedaction {
  redacted: { at: number; erasureId: string };
}

export function isRedacted(data: unknown): data is AuditRedaction {
  if (typeof data !== 'object' || data === null || !('redacted' in data)) return false;
  const r = (data as { redacted: unknown }).redacted;
  return typeof r === 'object' && r !== null && 'erasureId' in r && Object.keys(data).length === 1;
}

export type ChainVerdict = { verified: true; redacted: number } | { verified: false; brokenAt: number; reason: string };

/**
 * Verifies a study's events in seq order: contiguous seqs from 1, each prevHash equal to the
 * previous hash, each hash recomputed, and in scheme 2 each unredacted event's data matching its
 * dataHash. Redacted events (scheme 2 only) are counted: their data is gone, their place in the
 * chain is proven. Pure, so an exported trail can be checked offline.
 */
export function verifyChain(events: readonly AuditEvent[]): ChainVerdict {
  let prev = GENESIS_HASH;
  let redacted = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.seq !== i + 1) return { verified: false, brokenAt: e.seq, reason: `expected seq ${i + 1}` };
    if (e.prevHash !== prev) return { verified: false, brokenAt: e.seq, reason: 'prevHash does not match the previous event' };
    if (auditHash(prev, e) !== e.hash) return { verified: false, brokenAt: e.seq, reason: 'hash does not match the event' };
    if (e.dataHash !== undefined) {
      if (isRedacted(e.data)) redacted++;
      else if (auditDataHash(e.data) !== e.dataHash) return { verified: false, brokenAt: e.seq, reason: 'data does not match its dataHash' };
    }
    prev = e.hash;
  }
  return { verified: true, redacted };
}
