import { type Kysely, PostgresAdapter } from 'kysely';

// Retention (issue 18 item 4, docs/privacy.md): the date by which the study's data must be erased,
// as the ethics approval states it; null when none was set.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('study_privacy').addColumn('retention_until', pg ? 'bigint' : 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('study_privacy').dropColumn('retention_until').execute();
}
