import { docName } from '../../../shared/docNames';
import { AppError, notFound } from '../../errors';
import type { Services } from '../../services';
import { deleteParticipant, deleteStudyRows, deleteTranscripts, transcriptIdsOfParticipant, transcriptIdsOfStudy } from '../../store/erasureRows';
import { findParticipant } from '../../store/participants';
import { deleteKeyEntriesOf } from '../../store/pseudonymKeys';
import type { Study } from '../../store/studies';
import { findTranscriptPhase } from '../../store/transcripts';
import { type Actor, authorizeStudy } from '../access/actor';
import { type ErasureReport, runErasure } from './runErasure';

export interface EraseRequest {
  reason: string;
  /** Required when the erasure changes a finalised analysis (the answer lists the consequences). */
  confirm?: boolean;
}

/** The documents of a transcript: every layer, the consensus and the discussion. */
const transcriptDocs = (tid: string) => `transcripts/${tid}/`;

/**
 * Erases a participant (issue 18 item 2): their transcripts with every layer, note, statement,
 * discussion item and consensus coding on them, the reveal copies, and the participant. Leads only.
 */
export async function eraseParticipant(s: Services, actor: Actor, participantId: string, req: EraseRequest): Promise<ErasureReport> {
  const p = await findParticipant(s.db, participantId);
  if (!p) throw notFound('participant');
  const { study } = await authorizeStudy(s, actor, p.studyId, 'privacy.erase');
  const tids = await transcriptIdsOfParticipant(s.db, p.id);
  const consequences = await finalConsequences(s, study, tids, req);
  return runErasure(s, actor, {
    kind: 'participant',
    target: `participant:${p.id}`,
    reason: req.reason,
    chains: [study.id],
    studyId: study.id,
    docPrefixes: tids.map(transcriptDocs),
    ids: [p.id, ...tids],
    values: [],
    deleteRows: async (trx) => ({ ...(await deleteTranscripts(trx, tids)), participants: await deleteParticipant(trx, p.id), pseudonymKeyEntries: await deleteKeyEntriesOf(trx, p.id) }),
    rights: tids.map((transcriptId) => ({ kind: 'transcript', transcriptId })),
    consequences,
  });
}

/** Erases one transcript with every document on it. Leads only. */
export async function eraseTranscript(s: Services, actor: Actor, transcriptId: string, req: EraseRequest): Promise<ErasureReport> {
  const t = await findTranscriptPhase(s.db, transcriptId);
  if (!t) throw notFound('transcript');
  const { study } = await authorizeStudy(s, actor, t.studyId, 'privacy.erase');
  const consequences = await finalConsequences(s, study, [transcriptId], req);
  return runErasure(s, actor, {
    kind: 'transcript',
    target: `transcript:${transcriptId}`,
    reason: req.reason,
    chains: [study.id],
    studyId: study.id,
    docPrefixes: [transcriptDocs(transcriptId)],
    ids: [transcriptId],
    values: [],
    deleteRows: async (trx) => deleteTranscripts(trx, [transcriptId]),
    rights: [{ kind: 'transcript', transcriptId }],
    consequences,
  });
}

/**
 * Erases a whole study: transcripts, participants, documents, members, invitations and its audit
 * trail. What remains is the instance's erasure record (who, when, why, counts). Leads only.
 */
export async function eraseStudy(s: Services, actor: Actor, studyId: string, req: EraseRequest): Promise<ErasureReport> {
  const { study } = await authorizeStudy(s, actor, studyId, 'privacy.erase');
  const transcripts = await transcriptIdsOfStudy(s.db, studyId);
  const tids = transcripts.map((t) => t.id);
  const consequences = await finalConsequences(s, study, tids, req);
  return runErasure(s, actor, {
    kind: 'study',
    target: `study:${study.id}`,
    reason: req.reason,
    chains: [],
    studyId: study.id,
    docPrefixes: [...tids.map(transcriptDocs), docName({ kind: 'codebook', studyId })],
    ids: [],
    values: [],
    deleteRows: async (trx) => ({ ...(await deleteTranscripts(trx, tids)), ...(await deleteStudyRows(trx, studyId)) }),
    rights: [{ kind: 'study', studyId }, ...tids.map((transcriptId) => ({ kind: 'transcript' as const, transcriptId }))],
    consequences,
  });
}

/**
 * What an erasure does to a finalised analysis: a final transcript's consensus codings leave the
 * table of themes (its quotes, line references and recurrence counts change); a final codebook's
 * table loses the participant. Without `confirm` such an erasure is refused with the list.
 */
async function finalConsequences(s: Services, study: Study, tids: readonly string[], req: EraseRequest): Promise<string[]> {
  const out: string[] = [];
  for (const tid of tids) {
    const t = await findTranscriptPhase(s.db, tid);
    if (t?.phase === 'final') out.push(`transcript ${tid} is final: its consensus codings, quotes and line references leave the table of themes, and recurrence across participants is recounted without it`);
  }
  if (study.codebookPhase === 'final' && tids.length > 0) out.push('the codebook is final: the finalised table of themes changes and should be re-exported');
  if (out.length > 0 && req.confirm !== true) {
    throw new AppError('confirmation_required', 'this erasure changes a finalised analysis; repeat it with confirm: true to accept the consequences', { consequences: out });
  }
  return out;
}
