import { existsSync, statSync } from 'node:fs';
import { configFromEnv } from '../config';
import { DatabaseKeyError, openSqliteFile } from '../store/sqliteFile';
import { sqliteFile } from './backup';
import { type CliIo, EXIT_OK, UsageError } from './io';

const USAGE = 'usage: concord encrypt  (stop the server first; the key comes from CONCORD_DB_KEY or CONCORD_DB_KEY_FILE)';

/**
 * `concord encrypt`: encrypts an existing, unencrypted SQLite database in place with the
 * configured key (docs/deploy.md, "Encryption at rest"). Every page is rewritten encrypted; the
 * server must be stopped (its write-ahead log is folded into the file first). Backups taken
 * before stay unencrypted: delete or re-take them.
 */
export async function runEncrypt(args: string[], io: CliIo): Promise<number> {
  if (args.length) throw new UsageError(USAGE);
  const config = configFromEnv();
  if (!config.dbKey) throw new UsageError(`no key: set CONCORD_DB_KEY or CONCORD_DB_KEY_FILE. ${USAGE}`);
  if (config.databaseUrl && !config.databaseUrl.startsWith('sqlite:')) throw new UsageError('this instance uses PostgreSQL: encrypt its volume instead (docs/deploy.md)');
  const file = sqliteFile(config.dataDir, config.databaseUrl);
  if (!existsSync(file)) throw new UsageError(`no database at ${file}`);
  if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) throw new UsageError('the database has an active write-ahead log: stop the server first');
  let db;
  try {
    db = openSqliteFile(file, undefined, { fileMustExist: true });
  } catch (e) {
    if (e instanceof DatabaseKeyError) throw new UsageError(`${file} is already encrypted (or not a SQLite database): nothing to do`);
    throw e;
  }
  try {
    // Rekeying rewrites every page; SQLite3 Multiple Ciphers does it in rollback-journal mode.
    db.pragma('journal_mode = DELETE');
    db.rekey(Buffer.from(config.dbKey.reveal(), 'utf8'));
  } finally {
    db.close();
  }
  const check = openSqliteFile(file, config.dbKey.reveal(), { fileMustExist: true });
  check.pragma('journal_mode = WAL');
  check.close();
  io.stdout(`encrypted ${file} with the configured key; backups taken before are not encrypted: delete or re-take them\n`);
  return EXIT_OK;
}
