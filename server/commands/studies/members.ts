import type { Role } from '../../../shared/domain';
import { conflict, notFound } from '../../errors';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { countLeads, deleteMember, findRole, insertMember, listMembers, updateMemberRole } from '../../store/members';
import { findUserByEmail } from '../../store/users';
import { type Actor, authorizeStudy } from '../access/actor';

export async function getMembers(s: Services, actor: Actor, studyId: string) {
  await authorizeStudy(s, actor, studyId, 'study.read');
  return listMembers(s.db, studyId);
}

/**
 * Adds an existing account without its consent: no REST route reaches this (issue 14 item 9; by
 * e-mail, people are invited and accept, commands/studies/invitations.ts). Only for code that
 * created the accounts itself in the same breath: the demonstration study (`concord demo`) and
 * the benchmarks.
 */
export async function addMemberDirectly(s: Services, actor: Actor, studyId: string, input: { email: string; role: Role }) {
  await authorizeStudy(s, actor, studyId, 'members.manage');
  const user = await findUserByEmail(s.db, input.email);
  // A pending (imported) account belongs to its import's study: answered as if it did not exist.
  if (!user || user.passwordHash === '') throw notFound('account with that email');
  const now = s.now();
  await s.db.transaction().execute(async (trx) => {
    if (await findRole(trx, studyId, user.id)) throw conflict('already a member of this study');
    await insertMember(trx, { studyId, userId: user.id, role: input.role, now });
    await appendAudit(trx, { studyId, actorId: actor.user.id, action: 'member.add', target: `user:${user.id}`, data: { role: input.role }, at: now });
  });
  s.rights.emit({ kind: 'study', studyId });
  return (await listMembers(s.db, studyId)).find((m) => m.userId === user.id)!;
}

/** A study always keeps at least one lead: demoting or removing the last one is refused. */
export async function changeMemberRole(s: Services, actor: Actor, studyId: string, userId: string, role: Role) {
  await authorizeStudy(s, actor, studyId, 'members.manage');
  const now = s.now();
  await s.db.transaction().execute(async (trx) => {
    const current = await findRole(trx, studyId, userId);
    if (!current) throw notFound('member');
    if (current === role) return;
    if (current === 'lead' && (await countLeads(trx, studyId)) <= 1) throw conflict('a study must keep at least one lead');
    await updateMemberRole(trx, studyId, userId, role);
    await appendAudit(trx, { studyId, actorId: actor.user.id, action: 'member.role', target: `user:${userId}`, data: { from: current, to: role }, at: now });
  });
  s.rights.emit({ kind: 'study', studyId });
  return (await listMembers(s.db, studyId)).find((m) => m.userId === userId)!;
}

export async function removeMember(s: Services, actor: Actor, studyId: string, userId: string) {
  await authorizeStudy(s, actor, studyId, 'members.manage');
  const now = s.now();
  await s.db.transaction().execute(async (trx) => {
    const current = await findRole(trx, studyId, userId);
    if (!current) throw notFound('member');
    if (current === 'lead' && (await countLeads(trx, studyId)) <= 1) throw conflict('a study must keep at least one lead');
    await deleteMember(trx, studyId, userId);
    await appendAudit(trx, { studyId, actorId: actor.user.id, action: 'member.remove', target: `user:${userId}`, data: { role: current }, at: now });
  });
  s.rights.emit({ kind: 'study', studyId });
}
