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
}

export interface AuditEvent extends AuditEventBody {
  prevHash: string;
  hash: string;
}

/** The chain's first prevHash. */
export const GENESIS_HASH = '0'.repeat(64);

/** hash = sha256(prevHash || canonical event), hex (DESIGN.md section 3). */
export function auditHash(prevHash: string, body: AuditEventBody): string {
  const canonical = canonicalJson({
    studyId: body.studyId,
    seq: body.seq,
    at: body.at,
    actorId: body.actorId,
    action: body.action,
    target: body.target,
    data: body.data,
  });
  return encodeHexLowerCase(sha256(new TextEncoder().encode(prevHash + canonical)));
}

export type ChainVerdict = { verified: true } | { verified: false; brokenAt: number; reason: string };

/**
 * Verifies a study's events in seq order: contiguous seqs from 1, each prevHash equal to the
 * previous hash, each hash recomputed. Pure, so an exported trail can be checked offline.
 */
export function verifyChain(events: readonly AuditEvent[]): ChainVerdict {
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.seq !== i + 1) return { verified: false, brokenAt: e.seq, reason: `expected seq ${i + 1}` };
    if (e.prevHash !== prev) return { verified: false, brokenAt: e.seq, reason: 'prevHash does not match the previous event' };
    if (auditHash(prev, e) !== e.hash) return { verified: false, brokenAt: e.seq, reason: 'hash does not match the event' };
    prev = e.hash;
  }
  return { verified: true };
}
