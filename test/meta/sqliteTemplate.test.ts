import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../server/store/database';
import { copySqliteTemplate } from '../helpers/sqliteTemplate';
import '../helpers/env';

/**
 * The SQLite tests start from a copy of one migrated database (helpers/sqliteTemplate.ts), not
 * from a file their own server migrated: this compares a copy with a freshly migrated file.
 */
describe('SQLite test databases', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'concord-test-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** The schema, the header values, the migrator's bookkeeping and every table's rows. */
  async function describeDatabase(dataDir: string): Promise<Record<string, unknown>> {
    // migrate: false: describe the file as it is, not as a server would leave it.
    const opened = await openDatabase({ url: null, dataDir, migrate: false });
    try {
      const db = opened.sqlite!;
      const objects = db.prepare('select type, name, tbl_name, sql from sqlite_master order by type, name').all() as { type: string; name: string }[];
      const rows: Record<string, unknown[]> = {};
      for (const { name } of objects.filter((o) => o.type === 'table' && !o.name.startsWith('sqlite_'))) {
        const cols = name === 'kysely_migration' ? 'name' : '*'; // its timestamps say when, not what
        rows[name] = db.prepare(`select ${cols} from "${name}" order by 1`).all();
      }
      const pragmas = Object.fromEntries(['user_version', 'application_id', 'page_size', 'journal_mode', 'auto_vacuum', 'encoding'].map((p) => [p, db.pragma(p, { simple: true })]));
      return { objects, rows, pragmas };
    } finally {
      await opened.close();
    }
  }

  it('copies the template into a database identical to one the migrations build', async () => {
    const migrated = dir();
    await (await openDatabase({ url: null, dataDir: migrated })).close();
    const copied = dir();
    copySqliteTemplate(inject('sqliteTemplate'), copied);

    const want = await describeDatabase(migrated);
    // Not vacuous: the description holds the whole schema and the migrations that ran.
    expect((want.objects as unknown[]).length).toBeGreaterThan(30);
    expect(((want.rows as Record<string, unknown[]>).kysely_migration ?? []).length).toBeGreaterThan(15);
    expect(await describeDatabase(copied)).toEqual(want);
  });
});
