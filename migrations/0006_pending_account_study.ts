import { type Kysely, sql } from 'kysely';

// A pending account (created by a project import for a coder of another tool) belongs to the
// study whose import created it: only an invitation of that study, by one of its leads, may hand
// it over (issue 14 item 1). Accounts pending before this migration get the study of their
// earliest membership, which is the import's (it adds the membership in the same transaction).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('pending_study_id', 'text').execute();
  await sql`update users set pending_study_id = (
      select m.study_id from members m where m.user_id = users.id order by m.created_at, m.study_id limit 1
    ) where password_hash = ''`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('pending_study_id').execute();
}
