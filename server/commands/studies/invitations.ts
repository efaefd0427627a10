import type { Role } from '../../../shared/domain';
import { AppError, conflict, forbidden, notFound } from '../../errors';
import { hashPassword } from '../../auth/passwords';
import { createSession, sessionIdOf } from '../../auth/sessions';
import { newId, newToken } from '../../ids';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { findInvitationByTokenHash, insertInvitation, listInvitations, markInvitationAccepted } from '../../store/invitations';
import { findRole, insertMember, listMembers, updateMemberRole } from '../../store/members';
import { findStudy } from '../../store/studies';
import { activatePendingUser, findPendingStudyId, findUserByEmail, findUserById, insertUser, normaliseEmail } from '../../store/users';
import { type Actor, authorizeStudy } from '../access/actor';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Creates a one-time invitation; only the token's hash is stored, the link is shown once. This is
 * the only way to add someone by e-mail (issue 14 item 9): the answer is the same whether an
 * account has that address or not, and nobody joins a study without accepting. An account with
 * that address also finds the invitation in its own list (myInvitations.ts).
 */
export async function createInvitation(s: Services, actor: Actor, studyId: string, input: { email: string; role: Role; claimUserId?: string }) {
  const { role } = await authorizeStudy(s, actor, studyId, 'invitations.manage');
  if (input.claimUserId) await requireClaimable(s, role, studyId, input.claimUserId);
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
    claimUserId: input.claimUserId ?? null,
    declinedAt: null,
  };
  await s.db.transaction().execute(async (trx) => {
    await insertInvitation(trx, { ...invitation, tokenHash: sessionIdOf(token) });
    await appendAudit(trx, { studyId, actorId: actor.user.id, action: 'invitation.create', target: `invitation:${invitation.id}`, data: { email: invitation.email, role: invitation.role, ...(invitation.claimUserId ? { claimUserId: invitation.claimUserId } : {}) }, at: now });
  });
  return { invitation, token, path: `/invite/${token}` };
}

/**
 * Handing over a pending account gives its holder that account's layers and name, so only the
 * study whose import created it may do it, through one of its leads (not an instance admin who
 * is no member, not a lead of a study the account was merely added to): issue 14 item 1.
 */
async function requireClaimable(s: Services, role: Role | null, studyId: string, userId: string): Promise<void> {
  const member = (await listMembers(s.db, studyId)).find((m) => m.userId === userId);
  if (!member) throw notFound('member to hand over');
  if (!member.pending) throw conflict('only a pending (imported) account can be handed over');
  if ((await findPendingStudyId(s.db, userId)) !== studyId) throw notFound('member to hand over');
  if (role !== 'lead') throw forbidden('only a lead of the study that imported an account can hand it over');
}

export async function getInvitations(s: Services, actor: Actor, studyId: string) {
  await authorizeStudy(s, actor, studyId, 'invitations.manage');
  return listInvitations(s.db, studyId);
}

async function usableInvitation(s: Services, token: string) {
  const inv = /^[a-z2-7]{32}$/.test(token) ? await findInvitationByTokenHash(s.db, sessionIdOf(token)) : null;
  if (!inv) throw notFound('invitation');
  if (inv.acceptedAt !== null) throw new AppError('conflict', 'this invitation has been used already');
  if (inv.declinedAt !== null) throw new AppError('conflict', 'this invitation has been declined');
  if (s.now() >= inv.expiresAt) throw new AppError('conflict', 'this invitation has expired; ask for a new one');
  return inv;
}

/** What the invitation page shows before the invitee accepts. */
export async function previewInvitation(s: Services, token: string) {
  const inv = await usableInvitation(s, token);
  const study = await findStudy(s.db, inv.studyId);
  return { email: inv.email, role: inv.role, studyTitle: study?.title ?? '', expiresAt: inv.expiresAt };
}

/**
 * Accepting creates the invitee's account and membership, once. An invitation that hands over a
 * pending account (from a project import) makes the invitee that account instead, so the layers
 * imported for that coder become theirs.
 */
export async function acceptInvitation(s: Services, token: string, input: { name: string; password: string }) {
  const inv = await usableInvitation(s, token);
  const existing = await findUserByEmail(s.db, inv.email);
  // The one answer that depends on an account existing, and only for whoever holds the link (no
  // server can create an account for an address without telling the creator it was free): it
  // names no one, adds no one, and the account's owner accepts from their own list instead.
  if (existing && existing.id !== inv.claimUserId) throw conflict('an account with this e-mail exists: sign in and accept the invitation from your list');
  const passwordHash = await hashPassword(input.password);
  const now = s.now();
  const user = await s.db.transaction().execute(async (trx) => {
    let u;
    if (inv.claimUserId) {
      if (!(await activatePendingUser(trx, inv.claimUserId, inv.studyId, { email: inv.email, name: input.name, passwordHash }))) {
        throw new AppError('conflict', 'this account has been taken over already, or is not this study\'s to hand over');
      }
      u = (await findUserById(trx, inv.claimUserId))!;
      // Recorded in the trail of the study whose import created the account (the only one that
      // can hand it over): who holds it now, and which lead's invitation gave it to them.
      await appendAudit(trx, { studyId: inv.studyId, actorId: u.id, action: 'account.claim', target: `user:${u.id}`, data: { email: inv.email, invitation: inv.id, invitedBy: inv.createdBy }, at: now });
    } else {
      u = await insertUser(trx, { id: newId(), email: inv.email, name: input.name, passwordHash, isAdmin: false, now });
    }
    if (!(await markInvitationAccepted(trx, inv.id, u.id, now))) throw new AppError('conflict', 'this invitation has been used already');
    const role = await findRole(trx, inv.studyId, u.id);
    if (!role) await insertMember(trx, { studyId: inv.studyId, userId: u.id, role: inv.role, now });
    else if (role !== inv.role) await updateMemberRole(trx, inv.studyId, u.id, inv.role);
    await appendAudit(trx, { studyId: inv.studyId, actorId: u.id, action: 'invitation.accept', target: `invitation:${inv.id}`, data: { userId: u.id, role: inv.role, ...(inv.claimUserId ? { tookOver: inv.claimUserId } : {}) }, at: now });
    return u;
  });
  s.rights.emit({ kind: 'study', studyId: inv.studyId });
  const { token: sessionToken, session } = await createSession(s.db, user.id, now);
  return { user, token: sessionToken, expiresAt: session.expiresAt, studyId: inv.studyId };
}
