import { type Kysely, PostgresAdapter } from 'kysely';

// Proposals to change governed themes (issue 16 item 5, docs/theme-model.md "Proposals"): a coder
// who may not rename, describe, move or retire a theme of the shared codebook proposes it; the
// lead accepts (the server applies it through the governed path) or declines. `change` is the
// JSON of shared/themes/themeChange.ts; the decision is also in the audit trail.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('theme_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('theme_id', 'text', (c) => c.notNull())
    .addColumn('proposer_id', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | accepted | declined
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', ms)
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('theme_proposals_study').on('theme_proposals').columns(['study_id', 'status', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('theme_proposals').ifExists().execute();
}
