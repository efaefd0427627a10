import { AppError, notFound } from '../../errors';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { type Invitation, findInvitationById, listOpenInvitationsFor, markInvitationAccepted, markInvitationDeclined } from '../../store/invitations';
import { findRole, insertMember, updateMemberRole } from '../../store/members';
import { normaliseEmail } from '../../store/users';
import type { Actor } from '../access/actor';

/**
 * Invitations addressed to the signed-in account's own e-mail (issue 14 item 9): a study gains an
 * existing account only when its owner accepts here. Whether an invitation is the caller's is
 * decided in `addressedTo` alone; any other invitation, used, declined, expired or a hand-over of
 * an imported account (accepted by its link only) is answered 404, so ids reveal nothing.
 */
function addressedTo(actor: Actor, inv: Invitation | null, now: number): Invitation {
  if (!inv || inv.email !== normaliseEmail(actor.user.email) || inv.claimUserId !== null) throw notFound('invitation');
  if (inv.acceptedAt !== null || inv.declinedAt !== null || now >= inv.expiresAt) throw notFound('invitation');
  return inv;
}

export async function getMyInvitations(s: Services, actor: Actor) {
  return listOpenInvitationsFor(s.db, normaliseEmail(actor.user.email), s.now());
}

/** Joins the study with the invitation's role (or takes that role if already a member); audited. */
export async function acceptMyInvitation(s: Services, actor: Actor, invitationId: string) {
  const now = s.now();
  const inv = addressedTo(actor, await findInvitationById(s.db, invitationId), now);
  const userId = actor.user.id;
  await s.db.transaction().execute(async (trx) => {
    if (!(await markInvitationAccepted(trx, inv.id, userId, now))) throw new AppError('conflict', 'this invitation has been used or declined already');
    const role = await findRole(trx, inv.studyId, userId);
    if (!role) await insertMember(trx, { studyId: inv.studyId, userId, role: inv.role, now });
    else if (role !== inv.role) await updateMemberRole(trx, inv.studyId, userId, inv.role);
    await appendAudit(trx, { studyId: inv.studyId, actorId: userId, action: 'invitation.accept', target: `invitation:${inv.id}`, data: { userId, role: inv.role, ...(role ? { from: role } : {}) }, at: now });
  });
  s.rights.emit({ kind: 'study', studyId: inv.studyId });
  return { studyId: inv.studyId, role: inv.role };
}

export async function declineMyInvitation(s: Services, actor: Actor, invitationId: string): Promise<void> {
  const now = s.now();
  const inv = addressedTo(actor, await findInvitationById(s.db, invitationId), now);
  await s.db.transaction().execute(async (trx) => {
    if (!(await markInvitationDeclined(trx, inv.id, now))) throw new AppError('conflict', 'this invitation has been used or declined already');
    await appendAudit(trx, { studyId: inv.studyId, actorId: actor.user.id, action: 'invitation.decline', target: `invitation:${inv.id}`, data: { userId: actor.user.id, role: inv.role }, at: now });
  });
}
