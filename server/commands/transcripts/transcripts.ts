import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { TRANSCRIPT_PHASES, type TranscriptPhase } from '../../../shared/domain';
import { type FrozenTranscript, MAX_TRANSCRIPT_TEXT_LENGTH, freezeTranscript } from '../../../shared/transcript';
import { conflict, invalid, notFound } from '../../errors';
import { newId } from '../../ids';
import type { Services } from '../../services';
import { CommandLock, lockForTransaction } from '../../store/advisoryLocks';
import { appendAudit } from '../../store/audit';
import { insertWriteIntent } from '../../store/writeIntents';
import { addKeyEntries } from '../../store/pseudonymKeys';
import type { KeyEntry } from '../../../shared/privacy/pseudonymisation';
import { type Participant, findParticipant, findParticipantByPseudonym, insertParticipant } from '../../store/participants';
import type { Study } from '../../store/studies';
import { type TranscriptRow, findTranscript, insertTranscript, listTranscripts, updateTranscriptPhase } from '../../store/transcripts';
import { type Actor, authorizeStudy } from '../access/actor';
import { revealBatch, revealTranscript } from '../reconcile/reveal';
import { revealThemesIn } from '../themes/privateThemes';

export interface AddTranscriptInput {
  participantId: string;
  title: string;
  text: string;
}

/** Freezes the text (shared/transcript) and stores it with its SHA-256; immutable afterwards. */
export async function addTranscript(s: Services, actor: Actor, studyId: string, input: AddTranscriptInput): Promise<TranscriptRow> {
  const { study } = await authorizeStudy(s, actor, studyId, 'transcripts.write');
  if (input.text.length > MAX_TRANSCRIPT_TEXT_LENGTH) throw invalid(`the transcript exceeds ${MAX_TRANSCRIPT_TEXT_LENGTH} characters`);
  const frozen = freezeTranscript(input.text, { lineWidth: study.lineWidth });
  if (frozen.text.trim().length === 0) throw invalid('the transcript is empty');
  return storeFrozenTranscript(s, actor, study, { participant: { id: input.participantId }, title: input.title, frozen, source: { kind: 'text' } });
}

export interface StoreInput {
  /** An existing participant, or a pseudonym to find or create in the same transaction. */
  participant: { id: string } | { pseudonym: string };
  title: string;
  frozen: FrozenTranscript;
  /** Where the text came from, recorded in the audit event. */
  source: { kind: string; fileName?: string };
  /** Replacements applied before freezing: their new key entries are stored, their counts audited. */
  pseudonymisation?: { entries: readonly KeyEntry[]; counts: Record<string, number> };
}

/** Stores an already frozen transcript (typed text or an imported file) and audits the import. */
export async function storeFrozenTranscript(s: Services, actor: Actor, study: Study, input: StoreInput): Promise<TranscriptRow> {
  const now = s.now();
  const frozen = input.frozen;
  return s.db.transaction().execute(async (trx) => {
    let participant: Participant | null;
    if ('id' in input.participant) {
      participant = await findParticipant(trx, input.participant.id);
      if (!participant || participant.studyId !== study.id) throw notFound('participant');
    } else {
      const pseudonym = input.participant.pseudonym.trim();
      participant = await findParticipantByPseudonym(trx, study.id, pseudonym);
      if (!participant) {
        participant = { id: newId(), studyId: study.id, pseudonym, attributes: {}, createdAt: now };
        await insertParticipant(trx, participant);
        await appendAudit(trx, { studyId: study.id, actorId: actor.user.id, action: 'participant.add', target: `participant:${participant.id}`, data: { pseudonym }, at: now });
      }
    }
    const row: TranscriptRow = {
      id: newId(),
      studyId: study.id,
      participantId: participant.id,
      title: input.title,
      text: frozen.text,
      sha256: encodeHexLowerCase(sha256(new TextEncoder().encode(frozen.text))),
      lineWidth: study.lineWidth,
      phase: 'coding',
      createdBy: actor.user.id,
      createdAt: now,
      length: frozen.text.length,
      turns: frozen.turns.map((t) => ({ speaker: t.speaker, start: t.start, end: t.end, ...(t.meta ? { meta: t.meta } : {}) })),
      lines: frozen.lines,
    };
    await insertTranscript(trx, row);
    const pseudo = input.pseudonymisation;
    const newKeyEntries = pseudo ? await addKeyEntries(trx, study.id, pseudo.entries, { userId: actor.user.id, participantId: participant.id, now }) : 0;
    await appendAudit(trx, {
      studyId: study.id,
      actorId: actor.user.id,
      action: 'transcript.import',
      target: `transcript:${row.id}`,
      data: {
        participantId: participant.id,
        title: row.title,
        sha256: row.sha256,
        lines: frozen.lines.length,
        lineWidth: row.lineWidth,
        source: input.source,
        // Counts only, never the originals (docs/privacy.md).
        ...(pseudo ? { pseudonymisation: { replaced: Object.values(pseudo.counts).reduce((a, b) => a + b, 0), byKind: pseudo.counts, newKeyEntries } } : {}),
      },
      at: now,
    });
    return row;
  });
}

export async function getTranscripts(s: Services, actor: Actor, studyId: string) {
  await authorizeStudy(s, actor, studyId, 'study.read');
  return listTranscripts(s.db, studyId);
}

export async function getTranscript(s: Services, actor: Actor, transcriptId: string) {
  const t = await findTranscript(s.db, transcriptId);
  if (!t) throw notFound('transcript');
  const { role } = await authorizeStudy(s, actor, t.studyId, 'study.read').catch((e: unknown) => {
    throw e instanceof Error && 'code' in e && e.code === 'not_found' ? notFound('transcript') : e;
  });
  const { text, turns, lines, ...transcript } = t;
  return { transcript, text, lines, turns, role };
}

const order = (p: TranscriptPhase) => TRANSCRIPT_PHASES.indexOf(p);

/**
 * Moves a transcript one step along coding -> reconciling -> final, or one step back.
 * Every move changes who may read or write its documents, so connections are re-authorised.
 */
/** Moves a transcript one step; a step back (reopening) records the lead's rationale in the audit trail. */
export async function setTranscriptPhase(s: Services, actor: Actor, transcriptId: string, phase: TranscriptPhase, rationale?: string) {
  const t = await findTranscript(s.db, transcriptId);
  if (!t) throw notFound('transcript');
  await authorizeStudy(s, actor, t.studyId, 'transcripts.phase');
  const { text: _t, turns: _u, ...meta } = t;
  if (t.phase === phase) return meta;
  if (Math.abs(order(phase) - order(t.phase)) !== 1) throw conflict(`a transcript moves one step at a time (${t.phase} -> ${phase} is not allowed)`);
  const now = s.now();
  const intentId = newId();
  const themesRevealed = await s.db.transaction().execute(async (trx) => {
    // Every node's commit of this transcript's phase-bound documents shares this lock and checks
    // the phase under it (ydocs/LogWriter.ts PhaseCondition): a write granted for the old phase
    // commits before this change, or is refused after it; never after the reveal read the layers.
    if (s.dialect === 'postgres') await lockForTransaction(trx, CommandLock.phase, transcriptId);
    await updateTranscriptPhase(trx, transcriptId, phase);
    await appendAudit(trx, { studyId: t.studyId, actorId: actor.user.id, action: 'transcript.phase', target: `transcript:${transcriptId}`, data: { from: t.phase, to: phase, ...(rationale ? { rationale } : {}) }, at: now });
    if (!(t.phase === 'coding' && phase === 'reconciling')) return false;
    // The reveal's intent commits with the phase: a crash before the reveal's own commit leaves
    // it for startup to complete (commands/intents/completeWriteIntents.ts).
    await insertWriteIntent(trx, { id: intentId, studyId: t.studyId, kind: 'reveal', target: transcriptId, actorId: actor.user.id, data: {}, createdAt: now });
    // Revealed codings name the coders' private themes: their codebooks are revealed with them.
    return revealThemesIn(trx, t.studyId, actor.user.id, now, 'transcript');
  });
  s.rights.emit({ kind: 'transcript', transcriptId });
  if (themesRevealed) s.rights.emit({ kind: 'study', studyId: t.studyId });
  // Reveal after the phase commit, when the layers are already read-only (docs/reconciliation.md).
  if (t.phase === 'coding' && phase === 'reconciling') await revealTranscript(s, actor, transcriptId, intentId);
  return { ...meta, phase };
}

/**
 * Reveals a batch of transcripts of a study (leads): each one moves coding -> reconciling
 * through setTranscriptPhase, which reveals it after the phase commit (docs/reconciliation.md).
 */
export function revealTranscripts(s: Services, actor: Actor, studyId: string, transcriptIds: readonly string[]) {
  return revealBatch(s, actor, studyId, transcriptIds, (tid) => setTranscriptPhase(s, actor, tid, 'reconciling'));
}
