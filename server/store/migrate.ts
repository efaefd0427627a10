import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { migrations } from '../paths';

/** Loads `migrations/NNNN_name.ts` (or their compiled `.js`) in name order. */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const { dir, ext } = migrations;
    const files = (await fs.readdir(dir)).filter((f) => /^\d{4}/.test(f) && f.endsWith(ext)).sort();
    const out: Record<string, Migration> = {};
    for (const f of files) {
      out[f.slice(0, -ext.length)] = (await import(pathToFileURL(join(dir, f)).href)) as Migration;
    }
    return out;
  }
}

/**
 * Runs the pending migrations. With a PostgreSQL schema of its own (tests, or several instances
 * in one database), the migration bookkeeping tables must live in that schema too: otherwise
 * Kysely looks for them through the default search path and sees another schema's tables.
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider(), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
