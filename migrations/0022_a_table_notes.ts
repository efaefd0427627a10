import type { Kysely } from 'kysely';

// Exploratory notes in the table of themes (issue 15 item 5, docs/reconciliation.md): whether the
// table's exports list each coder's exploratory notes beside the evidence whose lines they share.
// `none` (the default) or `beside-evidence`; an export's `notes` parameter overrides it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('studies').addColumn('table_notes', 'text', (c) => c.notNull().defaultTo('none')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('studies').dropColumn('table_notes').execute();
}
