import { type Kysely, PostgresAdapter } from 'kysely';

// Recorded intents of multi-step writes (issue 14 item 6, docs/reconciliation.md): a write that
// spans the database and real-time documents (a reveal, a theme governance step) records its
// intent in the same transaction as its first database change; its last transaction deletes the
// row. A row left behind by a crash is completed (or rolled back) when the server next starts.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('write_intents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // reveal | govern
    .addColumn('target', 'text', (c) => c.notNull()) // a transcript or theme id
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull()) // JSON: what completion needs
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('write_intents').ifExists().execute();
}
