import { describe, expect, it } from 'vitest';
import { type AuditEvent, GENESIS_HASH, auditDataHash, auditHash, verifyChain } from '../../shared/auditChain';

/** A scheme 2 chain of events built the way store/audit.ts appends them. */
function chain(datas: unknown[]): AuditEvent[] {
  const out: AuditEvent[] = [];
  let prev = GENESIS_HASH;
  datas.forEach((data, i) => {
    const body = { studyId: 's1', seq: i + 1, at: 1000 + i, actorId: 'u1', action: 'participant.add', target: `participant:p${i}`, data, dataHash: auditDataHash(data) };
    const hash = auditHash(prev, body);
    out.push({ ...body, prevHash: prev, hash });
    prev = hash;
  });
  return out;
}

const redaction = { redacted: { at: 5000, erasureId: 'e1' } };

describe('audit chain redaction (scheme 2)', () => {
  it('still verifies after an event’s data is replaced by a redaction marker, and counts it', () => {
    const events = chain([{ pseudonym: 'Anna' }, { pseudonym: 'Ben' }, { pseudonym: 'Cleo' }]);
    events[1] = { ...events[1]!, data: redaction };
    expect(verifyChain(events)).toEqual({ verified: true, redacted: 1 });
  });

  it('breaks when the data of an unredacted event is edited', () => {
    const events = chain([{ pseudonym: 'Anna' }, { pseudonym: 'Ben' }]);
    events[1] = { ...events[1]!, data: { pseudonym: 'Bert' } };
    expect(verifyChain(events)).toEqual({ verified: false, brokenAt: 2, reason: 'data does not match its dataHash' });
  });

  it('breaks when a redacted event’s covered fields are edited', () => {
    const events = chain([{ pseudonym: 'Anna' }, { pseudonym: 'Ben' }]);
    events[0] = { ...events[0]!, data: redaction, target: 'participant:other' };
    expect(verifyChain(events)).toMatchObject({ verified: false, brokenAt: 1 });
  });

  it('breaks when a dataHash is swapped for the hash of other data', () => {
    const events = chain([{ pseudonym: 'Anna' }]);
    events[0] = { ...events[0]!, data: { pseudonym: 'Zoe' }, dataHash: auditDataHash({ pseudonym: 'Zoe' }) };
    expect(verifyChain(events)).toMatchObject({ verified: false, brokenAt: 1, reason: 'hash does not match the event' });
  });

  it('verifies scheme 1 events (no dataHash) as before', () => {
    const body = { studyId: 's1', seq: 1, at: 1, actorId: null, action: 'study.create', target: 'study:s1', data: { title: 'T' } };
    const e = { ...body, prevHash: GENESIS_HASH, hash: auditHash(GENESIS_HASH, body) };
    expect(verifyChain([e])).toEqual({ verified: true, redacted: 0 });
    expect(verifyChain([{ ...e, data: redaction }])).toMatchObject({ verified: false, reason: 'hash does not match the event' });
  });
});
