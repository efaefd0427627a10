import { createHash } from 'node:crypto';
import type { Database } from '../../server/store/database';

/**
 * Tables whose rows a rejected request may still touch by design: `sessions` slides its expiry
 * on every authenticated request (server/auth/sessions.ts), and `access_log` records every read
 * a member was allowed to make, whatever came after it (docs/privacy.md, issue 18 item 3): the
 * fuzzers' valid sessions open documents and read transcripts. Everything else must be unchanged.
 */
const VOLATILE = new Set(['sessions', 'access_log']);

/** A hash of every row of every table (both dialects), to show that hostile input changed nothing. */
export async function tableDigest(db: Database, ignore: (table: string, row: Record<string, unknown>) => boolean = () => false): Promise<Record<string, string>> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !VOLATILE.has(n) && !n.startsWith('kysely_'));
  const out: Record<string, string> = {};
  for (const name of tables.sort()) {
    // Table names come from the database's own catalogue, not from input.
    const all = await (db as unknown as { selectFrom: (t: string) => { selectAll: () => { execute: () => Promise<Array<Record<string, unknown>>> } } }).selectFrom(name).selectAll().execute();
    const rows = all.filter((r) => !ignore(name, r));
    const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : typeof v === 'bigint' ? String(v) : v))).sort();
    out[name] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}
