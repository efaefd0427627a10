import { type Kysely, PostgresAdapter } from 'kysely';

// Independent analysis (issue 15, docs/theme-model.md): in blind mode, and in open mode when a
// study turns on `independent_themes`, each coder's new themes live in a private codebook
// document until the lead reveals the themes. `themes_revealed_at` records that reveal (null
// before); it is study-wide and never goes back, because what has been seen cannot be unseen.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = pg ? 'bigint' : 'integer';
  await db.schema.alterTable('studies').addColumn('independent_themes', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('studies').addColumn('themes_revealed_at', ms).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('studies').dropColumn('themes_revealed_at').execute();
  await db.schema.alterTable('studies').dropColumn('independent_themes').execute();
}
