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
  /** When the invitee declined it from their list (migrations/0014_a); it can no longer be used. */
  declinedAt: number | null;
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
  declined_at: number | null;
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
  declinedAt: r.declined_at === null ? null : Number(r.declined_at),
});
const cols = ['id', 'study_id', 'email', 'role', 'created_by', 'created_at', 'expires_at', 'accepted_at', 'accepted_user_id', 'claim_user_id', 'declined_at'] as const;

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
      declined_at: null,
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
    .where('declined_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks the invitation declined; returns false when it was already used or declined. */
export async function markInvitationDeclined(db: Database, id: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ declined_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('declined_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findInvitationById(db: Database, id: string): Promise<Invitation | null> {
  const r = await db.selectFrom('invitations').select(cols).where('id', '=', id).executeTakeFirst();
  return r ? toInvitation(r) : null;
}

/** An open invitation as its invitee sees it in their list. */
export interface OpenInvitation {
  id: string;
  studyId: string;
  studyTitle: string;
  role: Role;
  invitedBy: string;
  expiresAt: number;
}

/**
 * Open invitations addressed to `email` (normalised): neither used nor declined nor expired, and
 * not the hand-over of an imported account (that one is accepted by its link only).
 */
export async function listOpenInvitationsFor(db: Database, email: string, now: number): Promise<OpenInvitation[]> {
  const rows = await db
    .selectFrom('invitations as i')
    .innerJoin('studies as s', 's.id', 'i.study_id')
    .innerJoin('users as u', 'u.id', 'i.created_by')
    .select(['i.id', 'i.study_id', 's.title', 'i.role', 'u.name', 'i.expires_at'])
    .where('i.email', '=', email)
    .where('i.accepted_at', 'is', null)
    .where('i.declined_at', 'is', null)
    .where('i.claim_user_id', 'is', null)
    .where('i.expires_at', '>', now)
    .orderBy('i.created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, studyId: r.study_id, studyTitle: r.title, role: r.role as Role, invitedBy: r.name, expiresAt: Number(r.expires_at) }));
}
