import Database from 'better-sqlite3-multiple-ciphers';
import { schema as hocuspocusSchema, upsertQuery } from '@hocuspocus/extension-sqlite';
import * as Y from 'yjs';
import { PERSISTENT, type ServerKind, isConcord } from '../lib/BenchServer';
import { appendToLog } from '../lib/concordFixture';
import { round2 } from '../lib/stats';
import { type Figures, type RunContext, docName, prepare, until } from './context';

/** 10,000 single edits, as a coder's session would leave them: one update per theme. */
function tenThousandEdits(count: number): Uint8Array[] {
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) source.getArray('themes').push([{ id: `t${i}`, label: `Theme ${i}` }]);
  return updates;
}

/**
 * S4: a fresh client's time to synced on a document made of 10,000 updates, right after the
 * server started. Concord replays its update log (never compacted: the worst case; then again
 * after the compaction that load triggers); Hocuspocus+SQLite reads the one merged blob its
 * extension stores. Each server has served another document first (warm process, cold document).
 * The in-memory servers cannot load anything at start: their figure is a warm
 * join on a document a client uploaded first, shown for reference.
 */
export async function coldLoad(ctx: RunContext, kind: ServerKind, count = 10_000, serverLog = false): Promise<Figures> {
  const p = prepare(ctx, kind, serverLog);
  const name = docName(ctx, kind, 0);
  const edits = tenThousandEdits(count);
  if (isConcord(kind)) {
    const authors = ctx.fixture.userIds;
    await appendToLog(p.dataDir!, edits.map((update, i) => ({ doc: name, authorId: authors[i % authors.length]!, at: Date.now(), update })));
  } else if (kind === 'hocuspocus-sqlite') {
    const db = new Database(`${p.dataDir}/hocuspocus.sqlite`);
    db.exec(hocuspocusSchema);
    db.prepare(upsertQuery).run({ name, data: Buffer.from(Y.mergeUpdates(edits)) });
    db.close();
  }
  let server = await p.start();
  // The process is warmed up on another document first: S4 measures loading a document, not a
  // fresh process compiling its code paths on the first connection.
  const warmUp = async () => {
    const opened = await ctx.pool.open([{ id: 9, target: server.target(docName(ctx, kind, 1), 9), role: { kind: 'idle' } }]);
    if (opened.failed) throw new Error(`warm-up failed: ${opened.errors.join('; ')}`);
  };
  try {
    await warmUp();
    if (!PERSISTENT.has(kind)) {
      await ctx.pool.open([{ id: 0, target: server.target(name, 0), role: { kind: 'idle' } }]);
      await ctx.pool.on(0, { op: 'seedThemes', id: 0, count });
      await ctx.pool.open([{ id: 2, target: server.target(name, 2), role: { kind: 'idle' } }]);
      await until(async () => (await ctx.pool.on<number>(2, { op: 'size', id: 2, kind: 'array', name: 'themes' })) === count, 30_000);
    }
    const measure = async (id: number) => {
      const opened = await ctx.pool.open([{ id, target: server.target(name, id), role: { kind: 'idle' } }]);
      const items = await ctx.pool.on<number>(id, { op: 'size', id, kind: 'array', name: 'themes' });
      return { ms: opened.syncMs[0] ?? null, items };
    };
    const first = await measure(1);
    const figures: Figures = { syncMs: first.ms === null ? null : round2(first.ms), items: first.items, cold: PERSISTENT.has(kind) ? 1 : 0 };
    if (serverLog) figures.serverLoadMs = loadedMs(server.logs, name);
    if (isConcord(kind)) {
      // A clean stop lets the compaction triggered by the long replay finish; the next start
      // loads one snapshot and an empty tail.
      await ctx.pool.all('closeAll');
      await server.stop();
      server = await p.start();
      await warmUp();
      const again = await measure(3);
      figures.compactedSyncMs = again.ms === null ? null : round2(again.ms);
      if (serverLog) figures.compactedServerLoadMs = loadedMs(server.logs, name);
    }
    return figures;
  } finally {
    await p.dispose(server);
  }
}

/** The server's own load time of a document, from its `doc.loaded` log line (Concord). */
function loadedMs(logs: readonly string[], doc: string): number | null {
  for (const line of logs) {
    try {
      const e = JSON.parse(line) as { event?: string; doc?: string; ms?: number };
      if (e.event === 'doc.loaded' && e.doc === doc && typeof e.ms === 'number') return e.ms;
    } catch {
      // not a log line
    }
  }
  return null;
}
