import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type SQLite from 'better-sqlite3-multiple-ciphers';
import { type Driver, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import type { DB } from './schema';
import { migrationsUpToDate } from './migrationsUpToDate';
import { createPrivateFile, ensurePrivateDir, makePrivate } from './privateFiles';
import { openSqliteFile } from './sqliteFile';

export type Database = Kysely<DB>;
export type Dialect = 'sqlite' | 'postgres';

export interface OpenedDatabase {
  db: Database;
  dialect: Dialect;
  /**
   * SQLite only: the driver's handle under Kysely, for the update log's hot path
   * (store/docLog.ts sqliteDocAppender). Use it only while holding Kysely's connection.
   */
  sqlite?: SQLite.Database;
  close: () => Promise<void>;
}

export interface OpenOptions {
  /** postgres://... or sqlite:PATH; null means SQLite in dataDir. */
  url: string | null;
  dataDir: string;
  /** PostgreSQL schema to use (tests give each run its own); created when missing. */
  pgSchema?: string;
  migrate?: boolean;
  /** SQLite only: the encryption key (config.dbKey); the file is then unreadable without it. */
  key?: string | undefined;
}

// int8 (bigint) columns hold millisecond timestamps and log ids, all far below 2^53.
const INT8_OID = 20;
const pgTypes = (driver: typeof pg) => ({
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : driver.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
});

/** The PostgreSQL driver, loaded only by a server that uses PostgreSQL (SQLite never needs it). */
export const loadPg = async (): Promise<typeof pg> => (await import('pg')).default;

export async function openDatabase(options: OpenOptions): Promise<OpenedDatabase> {
  const url = options.url;
  let opened: OpenedDatabase;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const schema = options.pgSchema;
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const pg = await loadPg();
    if (schema) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`create schema if not exists ${schema}`);
      } finally {
        await admin.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      types: pgTypes(pg),
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    opened = { db, dialect: 'postgres', close: () => db.destroy() };
  } else {
    const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : join(options.dataDir, 'concord.db');
    if (!url) ensurePrivateDir(options.dataDir);
    // 0600 before SQLite opens it: SQLite gives the -wal and -shm the database file's mode.
    if (file !== ':memory:') {
      if (existsSync(file)) makePrivate(file, `${file}-wal`, `${file}-shm`);
      else createPrivateFile(file);
    }
    const sqlite = openSqliteFile(file, options.key);
    // WAL lets readers run beside the writer; synchronous=FULL makes every commit durable
    // before it returns (the durability contract: nothing broadcast is ever lost).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Erasure (docs/privacy.md): a deleted row's bytes are overwritten with zeros in its page
    // instead of lingering in free space. Rows are rarely deleted, so the hot path (appends)
    // does not pay for it.
    sqlite.pragma('secure_delete = ON');
    const db = new Kysely<DB>({ dialect: new RollbackSafeSqliteDialect(sqlite) });
    opened = { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
  }
  // The migrator (and every migration module) loads only when the one-query check finds work.
  if (options.migrate !== false && !(await migrationsUpToDate(opened.db, options.pgSchema))) {
    const { migrateToLatest } = await import('./migrate');
    if (opened.dialect === 'postgres') await withSchemaChangeLock(url!, () => migrateToLatest(opened.db, options.pgSchema));
    else await migrateToLatest(opened.db);
  }
  return opened;
}

/**
 * Kysely's SQLite dialect, except that a transaction SQLite already rolled back is not rolled
 * back again. On SQLITE_FULL (a full disk), SQLITE_IOERR and a few others SQLite may roll the
 * whole transaction back by itself; Kysely's `rollback` then failed with "cannot rollback - no
 * transaction is active", and that error replaced the real one, so a full disk answered a
 * generic 500 instead of 507 (issue 14 item 16).
 */
class RollbackSafeSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite });
  }
  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.sqlite.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

/**
 * Advisory lock key serialising migrations and schema drops in one PostgreSQL database.
 * Kysely's migrator introspects every schema's tables before it takes its own lock, and that
 * introspection fails ("schema ... does not exist") if another schema is dropped meanwhile:
 * nodes starting together and test runs dropping their schemas take this lock around both.
 */
export const SCHEMA_CHANGE_LOCK = 0x636f6e63; // 'conc'

export async function withSchemaChangeLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [SCHEMA_CHANGE_LOCK]);
    return await fn();
  } finally {
    // Ending the session releases a session-level advisory lock even if the unlock fails.
    await client.query('select pg_advisory_unlock($1)', [SCHEMA_CHANGE_LOCK]).catch(() => undefined);
    await client.end();
  }
}
