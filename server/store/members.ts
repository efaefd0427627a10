import type { Role } from '../../shared/domain';
import type { Database } from './database';

export interface Member {
  studyId: string;
  userId: string;
  role: Role;
  name: string;
  email: string;
  createdAt: number;
  /** An account created by a project import that nobody has taken over yet (it cannot sign in). */
  pending: boolean;
}

export async function findRole(db: Database, studyId: string, userId: string): Promise<Role | null> {
  const r = await db.selectFrom('members').select('role').where('study_id', '=', studyId).where('user_id', '=', userId).executeTakeFirst();
  return (r?.role as Role | undefined) ?? null;
}

export async function listMembers(db: Database, studyId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select(['members.study_id', 'members.user_id', 'members.role', 'members.created_at', 'users.name', 'users.email', 'users.password_hash'])
    .where('members.study_id', '=', studyId)
    .orderBy('members.created_at')
    .execute();
  return rows.map((r) => ({ studyId: r.study_id, userId: r.user_id, role: r.role as Role, name: r.name, email: r.email, createdAt: r.created_at, pending: r.password_hash === '' }));
}

export async function insertMember(db: Database, m: { studyId: string; userId: string; role: Role; now: number }): Promise<void> {
  await db.insertInto('members').values({ study_id: m.studyId, user_id: m.userId, role: m.role, created_at: m.now }).execute();
}

export async function updateMemberRole(db: Database, studyId: string, userId: string, role: Role): Promise<void> {
  await db.updateTable('members').set({ role }).where('study_id', '=', studyId).where('user_id', '=', userId).execute();
}

export async function deleteMember(db: Database, studyId: string, userId: string): Promise<void> {
  await db.deleteFrom('members').where('study_id', '=', studyId).where('user_id', '=', userId).execute();
}

export async function countLeads(db: Database, studyId: string): Promise<number> {
  const r = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('study_id', '=', studyId)
    .where('role', '=', 'lead')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
