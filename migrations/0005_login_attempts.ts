import { type Kysely, PostgresAdapter } from 'kysely';

// Login attempts counted across every node on one PostgreSQL (server/auth/loginLimiter.ts).
// Without them each node kept its own counters, so an attacker spreading password guesses over
// N nodes got N times the limit. One row per (kind, key): the key's current fixed window, which
// starts at its first attempt like the in-memory limiter's, so the table holds only the keys seen
// in the last window (plus what the sweep has not reached yet). `key` is the SHA-256 of the email
// or address, never the plain value. Created on SQLite too, so both dialects keep one schema, but
// only PostgreSQL deployments write to it (one SQLite process counts in memory).
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('login_attempts')
    .addColumn('kind', 'text', (c) => c.notNull()) // 'account' | 'ip'
    .addColumn('key', 'text', (c) => c.notNull()) // SHA-256 of the normalised email or address, hex
    .addColumn('window_start', ms, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_attempts_pk', ['kind', 'key'])
    .execute();
  // The sweep finds expired windows through this index instead of scanning the table.
  await db.schema.createIndex('login_attempts_window').on('login_attempts').columns(['kind', 'window_start']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_attempts').ifExists().execute();
}
