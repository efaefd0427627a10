import type { Database } from './database';

export interface User {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  createdAt: number;
}

type Row = { id: string; email: string; name: string; is_admin: number; created_at: number };
const toUser = (r: Row): User => ({ id: r.id, email: r.email, name: r.name, isAdmin: r.is_admin === 1, createdAt: r.created_at });
const cols = ['id', 'email', 'name', 'is_admin', 'created_at'] as const;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function countUsers(db: Database): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertUser(
  db: Database,
  u: { id: string; email: string; name: string; passwordHash: string; isAdmin: boolean; now: number; pendingStudyId?: string },
): Promise<User> {
  await db
    .insertInto('users')
    .values({ id: u.id, email: normaliseEmail(u.email), name: u.name, password_hash: u.passwordHash, is_admin: u.isAdmin ? 1 : 0, created_at: u.now, pending_study_id: u.pendingStudyId ?? null })
    .execute();
  return { id: u.id, email: normaliseEmail(u.email), name: u.name, isAdmin: u.isAdmin, createdAt: u.now };
}

export async function findUserById(db: Database, id: string): Promise<User | null> {
  const r = await db.selectFrom('users').select(cols).where('id', '=', id).executeTakeFirst();
  return r ? toUser(r) : null;
}

export async function findUserByEmail(db: Database, email: string): Promise<(User & { passwordHash: string }) | null> {
  const r = await db.selectFrom('users').select([...cols, 'password_hash']).where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return r ? { ...toUser(r), passwordHash: r.password_hash } : null;
}

export async function findPasswordHash(db: Database, id: string): Promise<string | null> {
  const r = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
  return r?.password_hash ?? null;
}

export async function updatePasswordHash(db: Database, id: string, hash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
}

export async function usersByIds(db: Database, ids: string[]): Promise<User[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('users').select(cols).where('id', 'in', ids).execute()).map(toUser);
}

/** The study whose import created a pending account; null when the account is not pending. */
export async function findPendingStudyId(db: Database, id: string): Promise<string | null> {
  const r = await db.selectFrom('users').select(['password_hash', 'pending_study_id']).where('id', '=', id).executeTakeFirst();
  return r && r.password_hash === '' ? r.pending_study_id : null;
}

/**
 * Turns a pending account (created by a project import, no password) into a real one, only
 * through an invitation of the study that import created it in. Returns false when the account
 * is not pending any more (a race lost, or never pending) or belongs to another study.
 */
export async function activatePendingUser(db: Database, id: string, studyId: string, u: { email: string; name: string; passwordHash: string }): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ email: normaliseEmail(u.email), name: u.name, password_hash: u.passwordHash, pending_study_id: null })
    .where('id', '=', id)
    .where('password_hash', '=', '')
    .where('pending_study_id', '=', studyId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
