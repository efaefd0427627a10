import type { Kysely } from 'kysely';

// An invitation may hand over a pending account (created by a project import for a coder of
// another tool): the invitee then becomes that account, and its layers become theirs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invitations').addColumn('claim_user_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invitations').dropColumn('claim_user_id').execute();
}
