import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/store/database';

/**
 * A SQLite database built by the real migrations once per test run, copied for each test.
 *
 * Every SQLite test gets a fresh file in a temp dir (env.ts). Migrating one commits twenty
 * migrations with synchronous=FULL, an fsync each: 0.08 s on a quiet machine, 0.45 s with the
 * machine's load at 10, against 5 ms to copy the migrated file and open it. The copy is the
 * migrated file byte for byte (test/meta/sqliteTemplate.test.ts compares the two anyway).
 */

/** The file a server opens in its data dir when DATABASE_URL is unset (server/store/database.ts). */
const DB_FILE = 'concord.db';

/** Migrates a database in a new temp dir and returns that dir; the caller removes it. */
export async function buildSqliteTemplate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-template-'));
  const opened = await openDatabase({ url: null, dataDir: dir });
  try {
    // Everything into the main file: a copy of it alone is then the whole database.
    opened.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await opened.close();
  }
  if (existsSync(join(dir, `${DB_FILE}-wal`))) throw new Error('SQLite template: the write-ahead log outlived the close');
  return dir;
}

/** Puts the template's database into `dataDir`, where a server with no DATABASE_URL opens it. */
export function copySqliteTemplate(templateDir: string, dataDir: string): void {
  copyFileSync(join(templateDir, DB_FILE), join(dataDir, DB_FILE));
}
