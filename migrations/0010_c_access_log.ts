import { type Kysely, PostgresAdapter } from 'kysely';

// The access log (issue 18 item 3, docs/privacy.md): every read of a transcript, a coder's layer,
// the consensus, the discussion or an export: who, what, when, through which door (rest, collab,
// cli). Leads and auditors read and export it; rows older than the retention period are swept.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('access_log')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('what', 'text', (c) => c.notNull()) // transcript | layer | consensus | discussion | export
    .addColumn('target', 'text', (c) => c.notNull()) // ids only
    .addColumn('door', 'text', (c) => c.notNull()) // rest | collab | cli
    .execute();
  await db.schema.createIndex('access_log_study_at').on('access_log').columns(['study_id', 'at']).execute();
  await db.schema.createIndex('access_log_at').on('access_log').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('access_log').ifExists().execute();
}
