import type { Services } from '../../services';
import { findUserById } from '../../store/users';
import { type WriteIntent, deleteWriteIntent, findWriteIntent, listWriteIntents } from '../../store/writeIntents';
import { completeCodebookIntent } from '../codebookReconcile/decide';
import { completeDecideIntent } from '../reconcile/decision';
import { reconcileWrite } from '../reconcile/lock';
import { revealTranscript } from '../reconcile/reveal';
import { completeGovernIntent } from '../themes/governance';

/**
 * Completes the multi-step writes a crash interrupted (issue 14 item 6), run by the server before
 * it listens. A reveal whose phase change committed is run again: every step of a reveal is safe
 * to repeat, and its snapshots, audit event and the intent's deletion commit together, so it is
 * recorded exactly once. A governance step is audited if the codebook shows it, else forgotten.
 * A decision taken from a disagreement (rename, redefine, split) is written to its end and
 * audited; a merge or retirement from one is listed on its item if the codebook shows it. A
 * decision on coders' private themes (map, merge, promote, exclude) is written to its end and audited.
 * On PostgreSQL each completion takes the lock the live write holds, then reads the intent
 * again: a step still running on another node is left to it.
 */
export async function completeWriteIntents(s: Services): Promise<Array<{ intent: WriteIntent; outcome: string }>> {
  const done = [];
  for (const intent of await listWriteIntents(s.db)) {
    try {
      done.push({ intent, outcome: await complete[intent.kind](s, intent) });
    } catch (error) {
      s.log.error('intent.completion_failed', { id: intent.id, kind: intent.kind, target: intent.target, error: String(error) });
    }
  }
  for (const d of done) s.log.info('intent.completed', { id: d.intent.id, kind: d.intent.kind, target: d.intent.target, outcome: d.outcome });
  return done;
}

const complete: Record<WriteIntent['kind'], (s: Services, intent: WriteIntent) => Promise<string>> = {
  reveal: completeReveal,
  govern: completeGovernIntent,
  decide: completeDecideIntent,
  codebook: completeCodebookIntent,
};

async function completeReveal(s: Services, intent: WriteIntent): Promise<string> {
  // Waits for a live reveal of this transcript (its lock), then checks the intent is still there.
  const pending = await reconcileWrite(s, intent.target, (db) => findWriteIntent(db, intent.id), []);
  if (!pending) return 'gone';
  const user = await findUserById(s.db, intent.actorId);
  if (!user) {
    await deleteWriteIntent(s.db, intent.id);
    return 'rolled back';
  }
  await revealTranscript(s, { user, sessionId: null }, intent.target, intent.id);
  return 'completed';
}
