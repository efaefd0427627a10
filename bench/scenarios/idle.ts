import type { ServerKind } from '../lib/BenchServer';
import { pct, round2 } from '../lib/stats';
import type { ClientSpec } from '../load/protocol';
import { type Figures, type RunContext, docName, prepare, sleep } from './context';

/**
 * S3: 200 documents x 10 idle clients, all connecting at once. Figures: time to synced per
 * client, and the server's RSS growth per connection (which includes the 200 loaded documents,
 * as a real deployment would).
 */
export async function idle(ctx: RunContext, kind: ServerKind, docs = 200, clients = 10): Promise<Figures> {
  const p = prepare(ctx, kind);
  const server = await p.start();
  try {
    await sleep(500);
    const before = server.usage();
    const specs: ClientSpec[] = [];
    for (let d = 0; d < docs; d++) {
      for (let j = 0; j < clients; j++) {
        const id = d * clients + j;
        specs.push({ id, target: server.target(docName(ctx, kind, d), id), role: { kind: 'idle' } });
      }
    }
    const t0 = performance.now();
    const opened = await ctx.pool.open(specs);
    const allMs = performance.now() - t0;
    await sleep(1000);
    const after = server.usage();
    const n = specs.length;
    return {
      connections: n,
      failed: opened.failed,
      syncP50Ms: pct(opened.syncMs, 50),
      syncP99Ms: pct(opened.syncMs, 99),
      allSyncedMs: Math.round(allMs),
      rssPerConnectionKb: round2(((after.rssMb - before.rssMb) * 1024) / n),
      serverRssMb: after.rssMb,
      serverCpuSeconds: round2(after.cpuSeconds - before.cpuSeconds),
    };
  } finally {
    await p.dispose(server);
  }
}
