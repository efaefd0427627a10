import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { configFromEnv } from '../config';
import { openDatabase } from '../store/database';
import { createPrivateFile, ensurePrivateDir, fsyncDir, makePrivate } from '../store/privateFiles';
import { sqliteSchemaDifferences } from '../store/sqliteSchema';
import { openSqliteFile } from '../store/sqliteFile';
import { parseArgs } from './args';
import { PG_NOTE, sqliteFile, verifyBackup } from './backup';
import { type CliIo, EXIT_OK, UsageError } from './io';

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/**
 * `concord restore FILE`: replaces the database with a validated backup. The server must be
 * stopped (`--force` when it crashed and left its write-ahead log behind).
 *
 * All or nothing, in this order, so that a crash at any point leaves either the old database or
 * the new one, never neither:
 * 1. The backup is copied (VACUUM INTO) to a staging file beside the database, and the
 *    copy is validated: integrity check, this version's migrations applied to it, and its schema
 *    compared with the one the migrations build (a crafted file with the right table names and
 *    the wrong columns must not reach a server that then cannot start).
 * 2. The current database is copied (VACUUM INTO) to concord.db.before-restore-<time>:
 *    it reads through the write-ahead log, so the kept copy holds every committed row, also
 *    those a crashed server had not checkpointed into the main file.
 * 3. The current database is checkpointed and closed, which folds its log into the main file and
 *    removes the -wal: a stale log must never be replayed onto the restored file.
 * 4. The staging file is renamed over the database (atomic in one folder) and the folder synced.
 */
export async function runRestore(args: string[], io: CliIo): Promise<number> {
  const { positional, bools } = parseArgs(args, { booleans: ['force'] });
  const file = positional[0];
  if (!file || positional.length > 1) throw new UsageError('usage: concord restore FILE  (stop the server first)');
  const config = configFromEnv();
  if (config.databaseUrl && !config.databaseUrl.startsWith('sqlite:')) {
    io.stderr(PG_NOTE);
    return 2;
  }
  const backup = resolve(file);
  const key = config.dbKey?.reveal();
  const summary = verifyBackup(backup, key);
  const target = sqliteFile(config.dataDir, config.databaseUrl);
  // A running server holds the WAL open; refuse rather than swap a file under it.
  if (existsSync(target) && !bools.force && existsSync(`${target}-wal`) && statSync(`${target}-wal`).size > 0) {
    throw new UsageError('the database has an active write-ahead log: stop the server first (or pass --force if it is stopped)');
  }
  // The staging file goes beside the target so that the final rename stays in one file system.
  if (!config.databaseUrl) ensurePrivateDir(config.dataDir);
  else if (!existsSync(dirname(target))) throw new UsageError(`no folder ${dirname(target)}`);
  const staged = `${target}.restoring-${stamp()}`;
  try {
    await stageBackup(backup, staged, key);
  } catch (e) {
    rmSync(staged, { force: true });
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${staged}${suffix}`, { force: true });
    throw e;
  }
  if (existsSync(target)) {
    const keep = `${target}.before-restore-${stamp()}`;
    await keepCurrent(target, keep, key);
    io.stdout(`the previous database is kept as ${keep}\n`);
  }
  // Closing the last connection removed them; a leftover would be replayed onto the new file.
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(staged, target);
  fsyncDir(dirname(target));
  io.stdout(`restored ${backup} -> ${target} (${summary.users} accounts, ${summary.studies} studies, ${summary.updates} document updates)\n`);
  return EXIT_OK;
}

/** Step 1: a private copy of the backup, validated and migrated; refusals are UsageErrors. */
async function stageBackup(backup: string, staged: string, key: string | undefined): Promise<void> {
  createPrivateFile(staged);
  // VACUUM INTO rather than the backup API: it copies an encrypted database encrypted with the
  // same key (the backup API refuses an encrypted source), and a plain one as it is.
  const source = openSqliteFile(backup, key, { readonly: true, fileMustExist: true });
  try {
    source.prepare('VACUUM INTO ?').run(staged);
  } finally {
    source.close();
  }
  let opened;
  try {
    opened = await openDatabase({ url: `sqlite:${staged}`, dataDir: dirname(staged), key });
  } catch (e) {
    throw new UsageError(`${basename(backup)} cannot be brought up to this version's schema: ${e instanceof Error ? e.message : String(e)}`);
  }
  const foreignKeys = opened.sqlite!.pragma('foreign_key_check') as unknown[];
  // Closing the last connection checkpoints the staging copy into one self-contained file.
  await opened.close();
  const differences = await sqliteSchemaDifferences(staged, key);
  if (differences.length) throw new UsageError(`${basename(backup)} is not a Concord backup of a known schema: ${differences.slice(0, 5).join('; ')}`);
  if (foreignKeys.length) throw new UsageError(`${basename(backup)} has ${foreignKeys.length} rows whose references point nowhere`);
}

/** Steps 2 and 3: a 0600 copy of every committed row, then the log folded into the main file. */
async function keepCurrent(target: string, keep: string, key: string | undefined): Promise<void> {
  makePrivate(target, `${target}-wal`, `${target}-shm`);
  const current = openSqliteFile(target, key, { fileMustExist: true });
  try {
    createPrivateFile(keep);
    current.prepare('VACUUM INTO ?').run(keep);
    current.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    current.close();
  }
  fsyncDir(dirname(keep));
}
