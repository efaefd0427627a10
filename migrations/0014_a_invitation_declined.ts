import { type Kysely, PostgresAdapter } from 'kysely';

// Invitations an existing account accepts or declines from its own list (issue 14 item 9): when
// the invitee declined, so the study's leads see it and the invitation cannot be used afterwards.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('invitations').addColumn('declined_at', pg ? 'bigint' : 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invitations').dropColumn('declined_at').execute();
}
