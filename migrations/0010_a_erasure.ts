import { type Kysely, PostgresAdapter } from 'kysely';

// Erasure that erases (issue 18 item 2, docs/privacy.md).
//
// audit_events.data_hash: the chain's scheme 2. The hash of an event covers the SHA-256 of its
// canonical data instead of the data itself, so that the data of an event about erased content
// can be replaced by a redaction marker while every hash still verifies (shared/auditChain.ts).
// Events written before this migration keep the null data_hash of scheme 1.
//
// study_privacy: per-study privacy settings (kept out of `studies` so that table stays as the
// design has it): what happens to a departed coder's layers when their account is erased.
//
// erasures: the instance's record of every erasure, kept apart from the studies' trails because
// erasing a whole study erases its trail. It holds who, when, why, what kind and counts, never
// the erased content; `backups` lists the backup files taken before it, which still hold it.
//
// backups: each `concord backup` is recorded, so that an erasure can list the older copies.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = pg ? 'bigint' : 'integer';
  await db.schema.alterTable('audit_events').addColumn('data_hash', 'text').execute();
  await db.schema
    .createTable('study_privacy')
    .addColumn('study_id', 'text', (c) => c.primaryKey().references('studies.id').onDelete('cascade'))
    .addColumn('departed_layers', 'text', (c) => c.notNull().defaultTo('keep')) // 'keep' | 'delete'
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('erasures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('actor_id', 'text') // no foreign key: the actor may be erased later
    .addColumn('kind', 'text', (c) => c.notNull()) // participant | transcript | study | user | history
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('study_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull()) // JSON: counts, consequence, backups
    .execute();
  await db.schema
    .createTable('backups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('bytes', ms, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['backups', 'erasures', 'study_privacy']) await db.schema.dropTable(t).ifExists().execute();
  await db.schema.alterTable('audit_events').dropColumn('data_hash').execute();
}
