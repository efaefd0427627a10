import { type Kysely, PostgresAdapter } from 'kysely';

// Pseudonymisation keys (issue 18 item 1, docs/privacy.md): original -> replacement, per study.
// Stored apart from the study data: no transcript, document or export refers to this table, it is
// read only through the key's own commands (leads), and it can be exported and deleted on its
// own. `participant_id` is the participant whose import first used the entry (null for the
// lead's own terms), so erasing that participant erases the entries only they brought in.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('pseudonym_keys')
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('original_norm', 'text', (c) => c.notNull())
    .addColumn('original', 'text', (c) => c.notNull())
    .addColumn('replacement', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('pseudonym_keys_pk', ['study_id', 'original_norm'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pseudonym_keys').ifExists().execute();
}
