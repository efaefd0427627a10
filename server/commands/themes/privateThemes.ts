import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import type { Database } from '../../store/database';
import { markThemesRevealed } from '../../store/studies';
import { type Actor, authorizeStudy } from '../access/actor';

/**
 * Reveals the coders' private codebooks (docs/theme-model.md, "Private codebooks") inside the
 * caller's transaction: records the time once and audits it. The caller emits the `study` rights
 * event after its commit when this answers true, so open connections on private codebooks are
 * re-decided (other members now read them).
 */
export async function revealThemesIn(trx: Database, studyId: string, actorId: string, at: number, reason: 'explicit' | 'transcript'): Promise<boolean> {
  const revealed = await markThemesRevealed(trx, studyId, at);
  if (revealed) await appendAudit(trx, { studyId, actorId, action: 'themes.reveal', target: `study:${studyId}`, data: { reason }, at });
  return revealed;
}

/**
 * `POST /api/studies/:sid/themes/reveal`: the lead reveals every coder's private themes, e.g. to
 * reconcile the codebooks before the codings. Revealing again changes nothing (answers
 * `revealed: false`); the first reveal's time stands.
 */
export async function revealThemes(s: Services, actor: Actor, studyId: string): Promise<{ revealed: boolean; themesRevealedAt: number }> {
  await authorizeStudy(s, actor, studyId, 'codebook.govern');
  const now = s.now();
  const revealed = await s.db.transaction().execute((trx) => revealThemesIn(trx, studyId, actor.user.id, now, 'explicit'));
  if (revealed) s.rights.emit({ kind: 'study', studyId });
  const { study } = await authorizeStudy(s, actor, studyId, 'study.read');
  return { revealed, themesRevealedAt: study.themesRevealedAt ?? now };
}
