import type { Database } from './database';

/** One read recorded in the access log (migrations/0010_c): ids only, never content. */
export interface AccessEntry {
  studyId: string;
  at: number;
  userId: string;
  what: 'transcript' | 'layer' | 'consensus' | 'discussion' | 'codebook' | 'privateCodebook' | 'journal' | 'codebookMap' | 'writeup' | 'export';
  target: string;
  door: AccessDoor;
}

/** The door a read came through: REST, the collaboration socket, or the command line. */
export type AccessDoor = 'rest' | 'collab' | 'cli';

export async function recordAccess(db: Database, e: AccessEntry): Promise<void> {
  await db.insertInto('access_log').values({ study_id: e.studyId, at: e.at, user_id: e.userId, what: e.what, target: e.target, door: e.door }).execute();
}

/** A study's reads, oldest first, at most `limit`. */
export async function listAccess(db: Database, studyId: string, limit: number): Promise<AccessEntry[]> {
  const rows = await db.selectFrom('access_log').selectAll().where('study_id', '=', studyId).orderBy('at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ studyId: r.study_id, at: Number(r.at), userId: r.user_id, what: r.what as AccessEntry['what'], target: r.target, door: r.door as AccessEntry['door'] }));
}

/** Deletes reads older than `before` (the retention period); returns how many. */
export async function sweepAccess(db: Database, before: number): Promise<number> {
  return Number((await db.deleteFrom('access_log').where('at', '<', before).executeTakeFirst()).numDeletedRows);
}
