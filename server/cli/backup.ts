import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type SQLite from 'better-sqlite3-multiple-ciphers';
import { configFromEnv } from '../config';
import { newId } from '../ids';
import { createPrivateFile, ensureNewDirPrivate } from '../store/privateFiles';
import { DatabaseKeyError, openSqliteFile } from '../store/sqliteFile';
import { parseArgs } from './args';
import { type CliIo, EXIT_OK, UsageError } from './io';

export const PG_NOTE = `This instance uses PostgreSQL (DATABASE_URL). Back it up with PostgreSQL's own tools, which
take a consistent snapshot while Concord runs:
  pg_dump --format=custom --file concord.dump "$DATABASE_URL"
and restore into an empty database with:
  pg_restore --no-owner --dbname "$DATABASE_URL" concord.dump
`;

const REQUIRED_TABLES = ['users', 'studies', 'members', 'transcripts', 'audit_events', 'doc_updates', 'doc_snapshots', 'kysely_migration'];

export function sqliteFile(dataDir: string, url: string | null): string {
  if (url?.startsWith('sqlite:')) return resolve(url.slice('sqlite:'.length));
  return join(dataDir, 'concord.db');
}

/**
 * `concord backup --out FILE`: a consistent copy of the SQLite database, taken online.
 * `VACUUM INTO` reads inside one transaction, so the copy is one committed state even while
 * coders are writing (WAL lets the server keep committing meanwhile). The database is the whole
 * data folder: Concord keeps nothing else there.
 */
export async function runBackup(args: string[], io: CliIo): Promise<number> {
  const { flags } = parseArgs(args, { strings: ['out'] });
  if (!flags.out) throw new UsageError('usage: concord backup --out FILE');
  const config = configFromEnv();
  if (config.databaseUrl && !config.databaseUrl.startsWith('sqlite:')) {
    io.stderr(PG_NOTE);
    return 2;
  }
  const source = sqliteFile(config.dataDir, config.databaseUrl);
  if (!existsSync(source)) throw new UsageError(`no database at ${source}`);
  const out = resolve(flags.out);
  if (existsSync(out)) throw new UsageError(`${out} exists; choose a new file name`);
  // 0600 (in a new folder, 0700): VACUUM INTO fills an empty file instead of creating a 0644 one.
  ensureNewDirPrivate(dirname(out));
  createPrivateFile(out);
  // With a key, VACUUM INTO writes the copy encrypted with the same key (docs/deploy.md).
  const key = config.dbKey?.reveal();
  let db: SQLite.Database;
  try {
    db = openSqliteFile(source, key, { readonly: true, fileMustExist: true });
  } catch (e) {
    rmSync(out, { force: true });
    throw e instanceof DatabaseKeyError ? new UsageError(e.message) : e;
  }
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare('VACUUM INTO ?').run(out);
  } catch (e) {
    rmSync(out, { force: true });
    throw e;
  } finally {
    db.close();
  }
  const check = verifyBackup(out, key);
  recordBackup(source, out, key);
  io.stdout(`backup written to ${out} (${statSync(out).size} bytes, ${check.users} accounts, ${check.studies} studies, ${check.updates} document updates)\n`);
  return EXIT_OK;
}

/**
 * Records the backup in the database it copies (migrations/0010_a), so that a later erasure can
 * list the copies that still hold what it erased (docs/privacy.md). The copy itself was taken
 * before this row, so it does not contain it.
 */
function recordBackup(source: string, out: string, key: string | undefined): void {
  const db = openSqliteFile(source, key, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare('insert into backups (id, at, path, bytes) values (?, ?, ?, ?)').run(newId(), Date.now(), out, statSync(out).size);
  } finally {
    db.close();
  }
}

/** Opens a backup read-only and checks it is a whole Concord database. */
export function verifyBackup(file: string, key: string | undefined): { users: number; studies: number; updates: number } {
  let db: SQLite.Database;
  try {
    db = openSqliteFile(file, key, { readonly: true, fileMustExist: true });
  } catch (e) {
    const why = !(e instanceof DatabaseKeyError) ? '' : key === undefined ? ', or it is encrypted (set CONCORD_DB_KEY or CONCORD_DB_KEY_FILE)' : ' with the configured key (a wrong key, or a backup that is not encrypted)';
    throw new UsageError(`${file} is not a readable SQLite database${why}`);
  }
  try {
    let ok: unknown;
    try {
      ok = db.pragma('integrity_check', { simple: true });
    } catch {
      throw new UsageError(`${file} is not a Concord backup (not a SQLite database)`);
    }
    if (ok !== 'ok') throw new UsageError(`${file} failed SQLite's integrity check: ${String(ok)}`);
    const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw new UsageError(`${file} is not a Concord backup (missing tables: ${missing.join(', ')})`);
    const count = (t: string) => (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
    return { users: count('users'), studies: count('studies'), updates: count('doc_updates') };
  } finally {
    db.close();
  }
}
