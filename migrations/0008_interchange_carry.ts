import type { Kysely } from 'kysely';

// What a REFI-QDA import keeps beyond Concord's model, so that the export gives it back (issue 17
// items 2-3, shared/refi/carried.ts): per study the file's users, cases and project attributes,
// per transcript the source's GUID, creator and selections. JSON, read only by the exporter. The
// per-transcript row goes with its transcript (it holds selection names, which quote the text).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('interchange_projects')
    .addColumn('study_id', 'text', (c) => c.primaryKey().references('studies.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('interchange_sources')
    .addColumn('transcript_id', 'text', (c) => c.primaryKey().references('transcripts.id').onDelete('cascade'))
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interchange_sources_study').on('interchange_sources').column('study_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('interchange_sources').ifExists().execute();
  await db.schema.dropTable('interchange_projects').ifExists().execute();
}
