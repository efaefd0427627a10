import type { Role } from '../../../shared/domain';
import { type StudyAction, actingRole, allowed } from '../../auth/policy';
import { AppError, forbidden, notFound } from '../../errors';
import type { Services } from '../../services';
import { findRole } from '../../store/members';
import { type Study, findStudy } from '../../store/studies';
import type { User } from '../../store/users';

/** The authenticated caller of a command. */
export interface Actor {
  user: User;
  sessionId: string | null;
}

export interface StudyAccess {
  study: Study;
  role: Role | null;
  acting: Role | 'admin';
}

/**
 * Loads a study for an action. A study the caller cannot see at all answers 404, so
 * non-members cannot even learn that it exists; a visible study with too few rights answers 403.
 */
export async function authorizeStudy(s: Services, actor: Actor, studyId: string, action: StudyAction): Promise<StudyAccess> {
  const study = await findStudy(s.db, studyId);
  if (!study) throw notFound('study');
  const role = await findRole(s.db, studyId, actor.user.id);
  const acting = actingRole(role, actor.user.isAdmin);
  if (acting === null) throw notFound('study');
  if (!allowed(action, acting)) throw forbidden(`your role (${acting}) may not ${action.replace('.', ' ')}`);
  return { study, role, acting };
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('unauthenticated', 'sign in first');
  return actor;
}
