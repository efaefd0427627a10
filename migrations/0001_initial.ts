import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Timestamps are integer milliseconds since the epoch (bigint on PostgreSQL, parsed back to
// number by the store), booleans are 0/1 integers, JSON is stored as text: one representation
// on both dialects keeps the store code dialect-free.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const bytes = pg ? sql`bytea` : sql`blob`;
  const ms = pg ? 'bigint' : 'integer';

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the token, hex
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('studies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('coding_mode', 'text', (c) => c.notNull())
    .addColumn('terminology', 'text', (c) => c.notNull()) // JSON
    .addColumn('line_width', 'integer', (c) => c.notNull())
    .addColumn('recurrence_rule', 'text', (c) => c.notNull()) // JSON
    .addColumn('codebook_phase', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('members_pk', ['study_id', 'user_id'])
    .execute();
  await db.schema.createIndex('members_user').on('members').column('user_id').execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('accepted_at', ms)
    .addColumn('accepted_user_id', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('pseudonym', 'text', (c) => c.notNull())
    .addColumn('attributes', 'text', (c) => c.notNull()) // JSON object
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('participants_pseudonym', ['study_id', 'pseudonym'])
    .execute();

  await db.schema
    .createTable('transcripts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('line_width', 'integer', (c) => c.notNull())
    .addColumn('turns', 'text', (c) => c.notNull()) // JSON: speaker turns with metadata
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('transcripts_study').on('transcripts').column('study_id').execute();

  // Append-only, hash-chained per study: hash = sha256(prev_hash || canonical event).
  await db.schema
    .createTable('audit_events')
    .addColumn('study_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull()) // JSON
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_events_pk', ['study_id', 'seq'])
    .execute();

  // The Yjs update log: the source of truth for every real-time document.
  await db.schema
    .createTable('doc_updates')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text') // null: written by the server itself
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('update', bytes, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('doc_updates_doc').on('doc_updates').columns(['doc', 'id']).execute();

  // Compacted state: the live doc encoded at `upto_id` (all updates with id <= upto_id included).
  await db.schema
    .createTable('doc_snapshots')
    .addColumn('doc', 'text', (c) => c.primaryKey())
    .addColumn('upto_id', ms, (c) => c.notNull())
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('state', bytes, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['doc_snapshots', 'doc_updates', 'audit_events', 'transcripts', 'participants', 'invitations', 'members', 'studies', 'sessions', 'users']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
