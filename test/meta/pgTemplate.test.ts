import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../server/store/database';
import { migrationsUpToDate } from '../../server/store/migrationsUpToDate';
import { createSchemaFromTemplate, dropSchema, schemaName } from '../helpers/pgTemplate';
import '../helpers/env';

/**
 * The PostgreSQL tests run on schemas replayed from one migrated template (helpers/pgTemplate.ts),
 * not on schemas their own server migrated. That is only sound if the two are the same database:
 * this compares a replayed schema with a freshly migrated one through the catalogs (not through
 * pg_dump, which made the template), object by object.
 */
const url = process.env.TEST_DATABASE_URL;

/** Everything of a schema a query, a constraint or a migration can observe; the schema's name masked. */
async function describeSchema(client: pg.Client, schema: string): Promise<Record<string, unknown[]>> {
  const q = async (text: string) => (await client.query(text, [schema])).rows.map((r) => JSON.parse(JSON.stringify(r).replaceAll(schema, 'SCHEMA')) as unknown);
  const ns = `(select oid from pg_namespace where nspname = $1)`;
  const out: Record<string, unknown[]> = {
    relations: await q(`select relname, relkind, relpersistence, reloptions, relhasindex, relhastriggers, relrowsecurity from pg_class where relnamespace = ${ns} order by relname`),
    columns: await q(`select table_name, column_name, ordinal_position, data_type, udt_name, column_default, is_nullable, is_identity, identity_generation, is_generated, generation_expression, character_maximum_length, numeric_precision, collation_name
                        from information_schema.columns where table_schema = $1 order by table_name, ordinal_position`),
    constraints: await q(`select c.relname, con.conname, con.contype, con.condeferrable, con.condeferred, pg_get_constraintdef(con.oid) as def
                            from pg_constraint con join pg_class c on c.oid = con.conrelid where con.connamespace = ${ns} order by c.relname, con.conname`),
    indexes: await q(`select tablename, indexname, indexdef from pg_indexes where schemaname = $1 order by tablename, indexname`),
    triggers: await q(`select c.relname, t.tgname, pg_get_triggerdef(t.oid) as def from pg_trigger t join pg_class c on c.oid = t.tgrelid
                         where c.relnamespace = ${ns} and not t.tgisinternal order by c.relname, t.tgname`),
    functions: await q(`select proname, pg_get_function_identity_arguments(oid) as args, pg_get_functiondef(oid) as def from pg_proc where pronamespace = ${ns} order by proname, args`),
    sequences: await q(`select sequencename, data_type, start_value, increment_by, max_value, cycle, last_value from pg_sequences where schemaname = $1 order by sequencename`),
    views: await q(`select viewname, definition from pg_views where schemaname = $1 order by viewname`),
    types: await q(`select typname, typtype from pg_type where typnamespace = ${ns} order by typname`),
    comments: await q(`select c.relname, d.objsubid, d.description from pg_description d join pg_class c on c.oid = d.objoid where c.relnamespace = ${ns} order by c.relname, d.objsubid`),
    policies: await q(`select tablename, policyname, cmd, qual, with_check from pg_policies where schemaname = $1 order by tablename, policyname`),
  };
  // Rows: the migrator's bookkeeping (which migrations ran) and anything a migration inserted.
  const tables = (await client.query<{ relname: string }>(`select relname from pg_class where relnamespace = ${ns} and relkind = 'r' order by relname`, [schema])).rows;
  out.rows = [];
  for (const { relname } of tables) {
    const cols = relname === 'kysely_migration' ? 'name' : '*'; // its timestamps say when, not what
    const { rows } = await client.query(`select ${cols} from ${schema}.${relname} order by 1`);
    out.rows.push({ table: relname, rows });
  }
  return out;
}

describe.skipIf(!url)('PostgreSQL test schemas', () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const schema of made) await dropSchema(url!, schema);
  });

  it('replays the template into a schema identical to one the migrations build', async () => {
    const template = inject('pgTemplate');
    expect(template, 'test/globalSetup.ts made no template (is pg_dump installed?)').toBeTruthy();

    const migrated = schemaName('t_migrated');
    made.push(migrated);
    await (await openDatabase({ url: url!, dataDir: '', pgSchema: migrated })).close();
    const replayed = schemaName('t_replayed');
    made.push(replayed);
    await createSchemaFromTemplate(url!, template!, replayed);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const want = await describeSchema(client, migrated);
      const got = await describeSchema(client, replayed);
      // Not vacuous: the description holds the whole schema.
      expect(want.relations!.length).toBeGreaterThan(20);
      expect(want.functions).toContainEqual(expect.objectContaining({ proname: 'concord_append_updates' }));
      expect((want.rows as { table: string; rows: unknown[] }[]).find((r) => r.table === 'kysely_migration')!.rows.length).toBeGreaterThan(15);
      expect(got).toEqual(want);
    } finally {
      await client.end();
    }

    // The server finds the replayed schema up to date and runs no migration on it.
    const opened = await openDatabase({ url: url!, dataDir: '', pgSchema: replayed, migrate: false });
    try {
      expect(await migrationsUpToDate(opened.db, replayed)).toBe(true);
    } finally {
      await opened.close();
    }
  });

  it('creates a replayed schema whole or not at all', async () => {
    const template = inject('pgTemplate')!;
    const schema = schemaName('t_broken');
    made.push(schema);
    // A template that fails at its last statement leaves nothing behind: one implicit transaction.
    await expect(createSchemaFromTemplate(url!, `${template}\nselect 1/0;`, schema)).rejects.toThrow(/division by zero/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('select 1 from pg_namespace where nspname = $1', [schema])).rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});
