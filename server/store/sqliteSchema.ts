import type SQLite from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from './database';
import { openSqliteFile } from './sqliteFile';

interface Column {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

/** Tables and their columns (name, type, not null, primary key) as SQLite reports them. */
function describe(db: SQLite.Database): Map<string, string[]> {
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{ name: string }>;
  const out = new Map<string, string[]>();
  for (const { name } of tables) {
    const columns = db.prepare('select name, type, "notnull", pk from pragma_table_info(?) order by cid').all(name) as Column[];
    out.set(name, columns.map((c) => `${c.name} ${c.type.toLowerCase()}${c.notnull ? ' not null' : ''}${c.pk ? ' pk' : ''}`));
  }
  return out;
}

let reference: Map<string, string[]> | null = null;

/** The schema this version's migrations build, from an empty in-memory database (built once). */
async function referenceSchema(): Promise<Map<string, string[]>> {
  if (reference) return reference;
  const opened = await openDatabase({ url: 'sqlite::memory:', dataDir: '' });
  try {
    reference = describe(opened.sqlite!);
  } finally {
    await opened.close();
  }
  return reference;
}

/**
 * How a migrated SQLite database differs from the schema this version's migrations build: every
 * table the server needs must exist with the same columns in the same order, types and
 * constraints. Empty when they agree. Extra tables are tolerated (a later version's data this
 * one does not read is not a reason to refuse); a missing or different table is.
 */
export async function sqliteSchemaDifferences(file: string, key: string | undefined): Promise<string[]> {
  const want = await referenceSchema();
  const db = openSqliteFile(file, key, { readonly: true, fileMustExist: true });
  try {
    const have = describe(db);
    const out: string[] = [];
    for (const [table, columns] of want) {
      const got = have.get(table);
      if (!got) out.push(`missing table ${table}`);
      else if (got.join(', ') !== columns.join(', ')) out.push(`table ${table} has columns (${got.join(', ')}); expected (${columns.join(', ')})`);
    }
    return out;
  } finally {
    db.close();
  }
}
