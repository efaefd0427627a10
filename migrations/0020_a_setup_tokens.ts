import { type Kysely, PostgresAdapter } from 'kysely';

// One-time setup tokens for the first account (issue 14 item 14, docs/deploy.md): while no account
// exists, POST /api/auth/setup needs one. The server adds one at start (printed on its console),
// `concord setup-token` replaces them all; creating the first account deletes them. Only the
// SHA-256 of a token is stored, so a copy of the database does not hand out the instance.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey()) // SHA-256 of the token, hex
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('setup_tokens').ifExists().execute();
}
