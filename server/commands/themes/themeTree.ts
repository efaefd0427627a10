import { type CodebookChange, decideCodebookChange } from '../../../shared/access';
import { conflict, forbidden } from '../../errors';
import type { Services } from '../../services';
import { type Actor, type StudyAccess, authorizeStudy } from '../access/actor';
import { loadThemeTree, viewerOf } from '../layers/studyLayers';

/** The study's theme tree as every client reads it (the read rule applied). */
export async function getThemeTree(s: Services, actor: Actor, studyId: string) {
  const access = await authorizeStudy(s, actor, studyId, 'study.read');
  return loadThemeTree(s, studyId, viewerOf(access, actor.user.id));
}

/**
 * A change of the codebook through REST, decided by the function that decides the same change
 * over the socket (shared/access.ts decideCodebookChange), so the two doors cannot disagree.
 */
export async function authorizeCodebookChange(s: Services, actor: Actor, studyId: string, change: CodebookChange): Promise<StudyAccess> {
  const access = await authorizeStudy(s, actor, studyId, 'study.read');
  const verdict = decideCodebookChange(change, { role: access.acting, codebookPhase: access.study.codebookPhase });
  if (verdict === 'role') throw forbidden(`your role (${access.acting}) may not make this codebook change (${change})`);
  if (verdict === 'phase') throw conflict(`the codebook is ${access.study.codebookPhase}; reopen it before changing themes`);
  return access;
}
