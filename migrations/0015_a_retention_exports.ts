import { type Kysely, PostgresAdapter } from 'kysely';

// Export then erase at the end of retention (issue 18 item 4, docs/privacy.md): each final export
// a lead took, as its SHA-256 and size (never its content), with the state of the study it
// captured (the audit trail's last event, the last document update). A study is erased this way
// only when the lead returns the export's hash and nothing changed since.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('retention_exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', ms, (c) => c.notNull())
    .addColumn('audit_seq', ms, (c) => c.notNull())
    .addColumn('doc_update_id', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('retention_exports_study').on('retention_exports').column('study_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('retention_exports').ifExists().execute();
}
