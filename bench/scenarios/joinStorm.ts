import type { ServerKind } from '../lib/BenchServer';
import { pct, round2 } from '../lib/stats';
import type { ClientSpec } from '../load/protocol';
import { type Figures, type RunContext, docName, prepare, until } from './context';

const MB = 1024 * 1024;
/** Under Concord's MAX_UPDATE_BYTES (1 MiB): the document is uploaded as several updates. */
const CHUNK = 64 * 1024;

/**
 * S5: 100 clients join one 1 MB document at the same moment (a class opening the same codebook).
 * A writer uploads the text first and stays connected, so that no server unloads the document.
 */
export async function joinStorm(ctx: RunContext, kind: ServerKind, joiners = 100, bytes = MB): Promise<Figures> {
  const p = prepare(ctx, kind);
  const server = await p.start();
  try {
    const name = docName(ctx, kind, 0);
    await ctx.pool.open([{ id: 0, target: server.target(name, 0), role: { kind: 'idle' } }]);
    await ctx.pool.on(0, { op: 'seedText', id: 0, bytes, chunk: CHUNK });
    await ctx.pool.open([{ id: 1, target: server.target(name, 1), role: { kind: 'idle' } }]);
    const seeded = await until(async () => (await ctx.pool.on<number>(1, { op: 'size', id: 1, kind: 'text', name: 'seed' })) >= bytes, 60_000);
    if (!seeded) throw new Error('the 1 MB document did not reach the probe client');
    const before = server.usage();
    const specs: ClientSpec[] = Array.from({ length: joiners }, (_, i) => ({ id: 100 + i, target: server.target(name, 100 + i), role: { kind: 'idle' } }));
    const t0 = performance.now();
    const opened = await ctx.pool.open(specs);
    const allMs = performance.now() - t0;
    const after = server.usage();
    const got = await ctx.pool.on<number>(100, { op: 'size', id: 100, kind: 'text', name: 'seed' });
    return {
      joiners,
      failed: opened.failed,
      complete: got >= bytes ? 1 : 0,
      joinP50Ms: pct(opened.syncMs, 50),
      joinP99Ms: pct(opened.syncMs, 99),
      allSyncedMs: Math.round(allMs),
      serverCpuSeconds: round2(after.cpuSeconds - before.cpuSeconds),
      serverRssMb: after.rssMb,
      serverPeakRssMb: after.peakRssMb,
    };
  } finally {
    await p.dispose(server);
  }
}
