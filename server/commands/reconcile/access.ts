import { accessContext, decideAccess } from '../../../shared/access';
import { conflict, notFound } from '../../errors';
import type { Services } from '../../services';
import { type TranscriptRow, findTranscript } from '../../store/transcripts';
import type { StudyAction } from '../../auth/policy';
import { type Actor, type StudyAccess, authorizeStudy } from '../access/actor';

export interface ReconcileContext extends StudyAccess {
  transcript: TranscriptRow;
}

/**
 * Loads a transcript for a reconciliation command. A transcript in a study the caller cannot see
 * answers 404, like the study itself; too few rights answer 403 (authorizeStudy).
 */
export async function reconcileContext(s: Services, actor: Actor, transcriptId: string, action: StudyAction): Promise<ReconcileContext> {
  const transcript = await findTranscript(s.db, transcriptId);
  if (!transcript) throw notFound('transcript');
  const access = await authorizeStudy(s, actor, transcript.studyId, action).catch((e: unknown) => {
    throw e instanceof Error && 'code' in e && e.code === 'not_found' ? notFound('transcript') : e;
  });
  return { ...access, transcript };
}

/** Writes happen only while reconciling: before, nothing is revealed; once final, nothing changes. */
export function requireReconciling(ctx: ReconcileContext): void {
  const phase = ctx.transcript.phase;
  if (phase === 'final') throw conflict('the transcript is final: its reconciliation is read-only');
  if (phase !== 'reconciling') throw conflict('the transcript is not in reconciliation yet');
}

/**
 * May the caller read the discussion? The document rule (shared/access.ts) decides for members:
 * auditors always, everyone else once the transcript left coding. A non-member admin, who acts as
 * a lead for governance over REST, reads it once it is revealed, as a lead would.
 */
export function canReadDiscussion(ctx: ReconcileContext, userId: string): boolean {
  if (ctx.acting === 'admin') return ctx.transcript.phase !== 'coding';
  const access = decideAccess({ kind: 'discussion', transcriptId: ctx.transcript.id }, accessContext(ctx.study, userId, ctx.role, ctx.transcript.phase));
  return access !== 'none';
}
