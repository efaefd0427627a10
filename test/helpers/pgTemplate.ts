import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { SCHEMA_CHANGE_LOCK, openDatabase } from '../../server/store/database';

/**
 * A PostgreSQL schema built by the real migrations once per test run, replayed for each test.
 *
 * Every PostgreSQL test gets a schema of its own (env.ts). Migrating one runs twenty migrations
 * through Kysely's migrator, whose table introspection covers every schema of the database, under
 * the database-wide migration lock: about 0.3 s per test on the 2-core CI machine, with both
 * workers queueing on the lock. PostgreSQL has no schema templates, so the run's global setup
 * (test/globalSetup.ts) migrates one schema, takes its definition and rows with pg_dump (tables,
 * constraints, indexes, sequences, functions, the migrator's bookkeeping rows), and each test
 * replays that text under its own schema name in one statement: one round trip, one implicit
 * transaction, so a schema is there whole or not at all. test/meta/pgTemplate.test.ts checks that
 * a replayed schema and a freshly migrated one are the same in the catalogs.
 */

/** Stands for the schema name in the stored definition; never a substring of anything else in it. */
const PLACEHOLDER = 'concord_tpl_placeholder';

let counter = 0;

/** A schema name no other test, worker or run picks (process, time, a count in this process, chance). */
export function schemaName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}_${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/**
 * Drops a schema under the lock migrations take (server/store/database.ts withSchemaChangeLock):
 * another test's migrator must not see it vanish mid-introspection. The transaction-level form of
 * that lock, in the drop's own implicit transaction: one connection and one round trip, and the
 * lock is released only once the drop has committed.
 */
export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`select pg_advisory_xact_lock(${SCHEMA_CHANGE_LOCK}); drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/**
 * Migrates a scratch schema with the real migrations and returns its pg_dump, the schema's name
 * replaced by a placeholder; null (each test then migrates its own schema, as before) when
 * pg_dump is missing or refuses, e.g. a client older than the server.
 */
export async function buildPgTemplate(url: string): Promise<string | null> {
  const schema = schemaName('concord_tpl');
  try {
    const opened = await openDatabase({ url, dataDir: '', pgSchema: schema });
    await opened.close();
    const dump = spawnSync('pg_dump', ['--dbname', url, '--schema', schema, '--no-owner', '--no-privileges', '--inserts'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (dump.status !== 0 || !dump.stdout) {
      process.stderr.write(`test setup: pg_dump failed (${dump.error?.message ?? dump.stderr.trim()}); each PostgreSQL test migrates its own schema\n`);
      return null;
    }
    // pg_dump 15.14 and later wrap the output in psql's \restrict meta-commands, which are not SQL.
    const ddl = dump.stdout.split('\n').filter((line) => !line.startsWith('\\')).join('\n');
    return ddl.replace(new RegExp(`\\b${schema}\\b`, 'g'), PLACEHOLDER);
  } finally {
    await dropSchema(url, schema);
  }
}

/** Creates `schema` from the template in one statement (an implicit transaction: all or nothing). */
export async function createSchemaFromTemplate(url: string, template: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(template.replaceAll(PLACEHOLDER, schema));
  } finally {
    await client.end();
  }
}
