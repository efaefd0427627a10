import { promises as fs } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { migrations } from '../paths';

/**
 * Whether the database has applied exactly the migrations on disk, read with one query. On most
 * starts it has, and then neither Kysely's migrator nor any migration module is loaded (issue 19:
 * idle memory). Any difference (a missing bookkeeping table, a pending migration, or one the
 * database knows and the disk does not) answers false, and the migrator runs and decides as before.
 */
export async function migrationsUpToDate(db: Kysely<any>, schema?: string): Promise<boolean> {
  const { dir, ext } = migrations;
  const onDisk = (await fs.readdir(dir))
    .filter((f) => /^\d{4}/.test(f) && f.endsWith(ext))
    .map((f) => f.slice(0, -ext.length))
    .sort();
  const table = schema ? sql.table(`${schema}.kysely_migration`) : sql.table('kysely_migration');
  let applied: string[];
  try {
    const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db);
    applied = rows.map((r) => r.name).sort();
  } catch {
    return false; // no bookkeeping table yet: a new database
  }
  return applied.length === onDisk.length && applied.every((name, i) => name === onDisk[i]);
}
