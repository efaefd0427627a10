import type { Role } from '../../shared/domain';
import type { Database } from './database';

export interface Invitation {
  id: string;
  studyId: string;
  email: string;
  role: Role;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
  acceptedUserId: string | null;
  /** A pending account (no password) the invitee takes over, or null for a new account. */
  claimUserId: string | null;
}

type Row = {
  id: string;
  study_id: string;
  email: string;
  role: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_user_id: string | null;
  claim_user_id: string | null;
};
const toInvitation = (r: Row): Invitation => ({
  id: r.id,
  studyId: r.study_id,
  email: r.email,
  role: r.role as Role,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  acceptedAt: r.accepted_at,
  acceptedUserId: r.accepted_user_id,
  claimUserId: r.claim_user_id,
});
const cols = ['id', 'study_id', 'email', 'role', 'created_by', 'created_at', 'expires_at', 'accepted_at', 'accepted_user_id', 'claim_user_id'] as const;

export async function insertInvitation(db: Database, inv: Invitation & { tokenHash: string }): Promise<void> {
  await db
    .insertInto('invitations')
    .values({
      id: inv.id,
      study_id: inv.studyId,
      email: inv.email,
      role: inv.role,
      token_hash: inv.tokenHash,
      created_by: inv.createdBy,
      created_at: inv.createdAt,
      expires_at: inv.expiresAt,
      accepted_at: null,
      accepted_user_id: null,
      claim_user_id: inv.claimUserId,
    })
    .execute();
}

export async function findInvitationByTokenHash(db: Database, tokenHash: string): Promise<Invitation | null> {
  const r = await db.selectFrom('invitations').select(cols).where('token_hash', '=', tokenHash).executeTakeFirst();
  return r ? toInvitation(r) : null;
}

export async function listInvitations(db: Database, studyId: string): Promise<Invitation[]> {
  return (await db.selectFrom('invitations').select(cols).where('study_id', '=', studyId).orderBy('created_at', 'desc').execute()).map(toInvitation);
}

/** Marks the invitation used; returns false when it was already used (a race lost). */
export async function markInvitationAccepted(db: Database, id: string, userId: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ accepted_at: now, accepted_user_id: userId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
