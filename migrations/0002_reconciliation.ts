import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Each coder's layer as it stood when its transcript entered reconciliation, for auditors
// (issue 6 item 6). The live layer doc keeps changing history in the update log, but finding
// "the state at reveal" there would mean replaying the log to a moment; a copy taken at the
// reveal is simple and cannot drift. One row per reveal: a lead may step back and reveal again.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const bytes = pg ? sql`bytea` : sql`blob`;
  const ms = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('layer_snapshots')
    .addColumn('transcript_id', 'text', (c) => c.notNull().references('transcripts.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('taken_at', ms, (c) => c.notNull())
    .addColumn('taken_by', 'text')
    .addColumn('layer', 'text', (c) => c.notNull()) // JSON: codings, notes, statements as read
    .addColumn('sha256', 'text', (c) => c.notNull()) // of `layer`, cited in the reveal's audit event
    .addColumn('state', bytes, (c) => c.notNull()) // the Yjs state, for a faithful replay
    .addPrimaryKeyConstraint('layer_snapshots_pk', ['transcript_id', 'owner_id', 'taken_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('layer_snapshots').ifExists().execute();
}
