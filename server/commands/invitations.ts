import type { Role } from '../../shared/domain';
import { AppError, conflict, notFound } from '../errors';
import { hashPassword } from '../auth/passwords';
import { createSession, sessionIdOf } from '../auth/sessions';
import { newId, newToken } from '../ids';
import type { Services } from '../services';
import { appendAudit } from '../store/audit';
import { findInvitationByTokenHash, insertInvitation, listInvitations, markInvitationAccepted } from '../store/invitations';
import { insertMember } from '../store/members';
import { findStudy } from '../store/studies';
import { findUserByEmail, insertUser, normaliseEmail } from '../store/users';
import { type Actor, authorizeStudy } from './actor';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Creates a one-time invitation; only the token's hash is stored, the link is shown once. */
export async function createInvitation(s: Services, actor: Actor, studyId: string, input: { email: string; role: Role }) {
  await authorizeStudy(s, actor, studyId, 'invitations.manage');
  const now = s.now();
  const token = newToken();
  const invitation = {
    id: newId(),
    studyId,
    email: normaliseEmail(input.email),
    role: input.role,
    createdBy: actor.user.id,
    createdAt: now,
    expiresAt: now + INVITATION_TTL_MS,
    acceptedAt: null,
    acceptedUserId: null,
  };
  await s.db.transaction().execute(async (trx) => {
    await insertInvitation(trx, { ...invitation, tokenHash: sessionIdOf(token) });
    await appendAudit(trx, { studyId, actorId: actor.user.id, action: 'invitation.create', target: `invitation:${invitation.id}`, data: { email: invitation.email, role: invitation.role }, at: now });
  });
  return { invitation, token, path: `/invite/${token}` };
}

export async function getInvitations(s: Services, actor: Actor, studyId: string) {
  await authorizeStudy(s, actor, studyId, 'invitations.manage');
  return listInvitations(s.db, studyId);
}

async function usableInvitation(s: Services, token: string) {
  const inv = /^[a-z2-7]{32}$/.test(token) ? await findInvitationByTokenHash(s.db, sessionIdOf(token)) : null;
  if (!inv) throw notFound('invitation');
  if (inv.acceptedAt !== null) throw new AppError('conflict', 'this invitation has been used already');
  if (s.now() >= inv.expiresAt) throw new AppError('conflict', 'this invitation has expired; ask for a new one');
  return inv;
}

/** What the invitation page shows before the invitee accepts. */
export async function previewInvitation(s: Services, token: string) {
  const inv = await usableInvitation(s, token);
  const study = await findStudy(s.db, inv.studyId);
  return { email: inv.email, role: inv.role, studyTitle: study?.title ?? '', expiresAt: inv.expiresAt };
}

/** Accepting creates the invitee's account and membership, once. */
export async function acceptInvitation(s: Services, token: string, input: { name: string; password: string }) {
  const inv = await usableInvitation(s, token);
  if (await findUserByEmail(s.db, inv.email)) throw conflict('an account with this email exists; a lead can add it to the study directly');
  const passwordHash = await hashPassword(input.password);
  const now = s.now();
  const user = await s.db.transaction().execute(async (trx) => {
    const u = await insertUser(trx, { id: newId(), email: inv.email, name: input.name, passwordHash, isAdmin: false, now });
    if (!(await markInvitationAccepted(trx, inv.id, u.id, now))) throw new AppError('conflict', 'this invitation has been used already');
    await insertMember(trx, { studyId: inv.studyId, userId: u.id, role: inv.role, now });
    await appendAudit(trx, { studyId: inv.studyId, actorId: u.id, action: 'invitation.accept', target: `invitation:${inv.id}`, data: { userId: u.id, role: inv.role }, at: now });
    return u;
  });
  const { token: sessionToken, session } = await createSession(s.db, user.id, now);
  return { user, token: sessionToken, expiresAt: session.expiresAt, studyId: inv.studyId };
}
