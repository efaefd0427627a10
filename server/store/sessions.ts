import type { Database } from './database';

export interface SessionRow {
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export async function insertSession(db: Database, s: SessionRow): Promise<void> {
  await db.insertInto('sessions').values({ id: s.id, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
}

export async function findSession(db: Database, id: string): Promise<SessionRow | null> {
  const r = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at } : null;
}

export async function extendSession(db: Database, id: string, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Database, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Removes every session of a user except `keep` (password change keeps the current one). */
export async function deleteUserSessions(db: Database, userId: string, keep?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id', '!=', keep);
  await q.execute();
}
