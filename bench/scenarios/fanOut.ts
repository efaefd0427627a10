import type { ServerKind } from '../lib/BenchServer';
import { pct, round2, sum } from '../lib/stats';
import type { ClientSpec } from '../load/protocol';
import { type Figures, type RunContext, docName, prepare, sleep, until } from './context';

export interface FanOutShape {
  docs: number;
  clients: number;
  /** Writers per document (fan-out), or movers per document (presence). */
  active: number;
  rate: number;
  /** `items`: Yjs updates into a shared array; `presence`: awareness states (selection moves). */
  kind: 'items' | 'presence';
}

/**
 * S1, S2 (updates) and S6 (presence): clients per document, some of them writing at a fixed rate;
 * every other client of the document must receive every change. Latency is measured from the
 * writer's send to each receiver's arrival on the machine-wide monotonic clock.
 */
export async function fanOut(ctx: RunContext, kind: ServerKind, shape: FanOutShape): Promise<Figures> {
  const p = prepare(ctx, kind);
  const server = await p.start();
  try {
    const specs: ClientSpec[] = [];
    for (let d = 0; d < shape.docs; d++) {
      for (let j = 0; j < shape.clients; j++) {
        const id = d * shape.clients + j;
        const role = j >= shape.active ? ({ kind: 'idle' } as const) : shape.kind === 'items' ? ({ kind: 'writer', rate: shape.rate } as const) : ({ kind: 'mover', rate: shape.rate } as const);
        specs.push({ id, target: server.target(docName(ctx, kind, d), id), role });
      }
    }
    const opened = await ctx.pool.open(specs);
    if (opened.failed > 0) throw new Error(`${opened.failed} clients failed to sync: ${opened.errors.join('; ')}`);
    const expectedOf = (c: Awaited<ReturnType<typeof ctx.pool.counts>>) => sum(shape.kind === 'items' ? c.writes : c.moves) * (shape.clients - 1);
    const deliveredOf = (c: Awaited<ReturnType<typeof ctx.pool.counts>>) => sum(shape.kind === 'items' ? c.delivered : c.awarenessDelivered);
    await sleep(300); // let the join traffic (awareness snapshots, sync answers) settle
    if (ctx.warmupSeconds) {
      await ctx.pool.all('start');
      await sleep(ctx.warmupSeconds * 1000);
      await ctx.pool.all('stop');
      await until(async () => {
        const c = await ctx.pool.counts();
        return deliveredOf(c) >= expectedOf(c);
      }, 5000);
      await ctx.pool.all('resetCounts');
    }
    const before = server.usage();
    const t0 = performance.now();
    await ctx.pool.all('start');
    await sleep(ctx.seconds * 1000);
    await ctx.pool.all('stop');
    const elapsed = (performance.now() - t0) / 1000;
    const after = server.usage();
    // Stragglers: everything sent must arrive within 5 s of the last send, or it counts as lost.
    await until(async () => {
      const c = await ctx.pool.counts();
      return deliveredOf(c) >= expectedOf(c);
    }, 5000);
    const r = await ctx.pool.report();
    const sentCount = (c: typeof r) => sum(shape.kind === 'items' ? c.writes : c.moves);
    const lat = shape.kind === 'items' ? r.latencyMs : r.awarenessLatencyMs;
    const first = Object.values(r.firstMs);
    const expected = expectedOf(r);
    const delivered = deliveredOf(r);
    return {
      sent: sentCount(r),
      deliveries: delivered,
      losses: Math.max(0, expected - delivered),
      deliveriesPerSecond: Math.round(delivered / elapsed),
      p50Ms: pct(lat, 50),
      p99Ms: pct(lat, 99),
      maxMs: pct(lat, 100),
      firstDeliveryP99Ms: shape.kind === 'items' ? pct(first, 99) : null,
      joinP99Ms: pct(opened.syncMs, 99),
      clientMessagesIn: r.messagesIn.all ?? null,
      clientBytesIn: r.bytesIn.all ?? null,
      serverCpuPercent: Math.round(((after.cpuSeconds - before.cpuSeconds) / elapsed) * 100),
      // CPU per change sent: unlike latency, barely moved by other processes competing for the cores.
      serverCpuMsPerChange: sentCount(r) > 0 ? round2(((after.cpuSeconds - before.cpuSeconds) * 1000) / sentCount(r)) : null,
      // Its kernel part (socket writes, the WAL's writes and fsync): the rest is JavaScript and GC.
      serverSysMsPerChange: sentCount(r) > 0 ? round2(((after.systemSeconds - before.systemSeconds) * 1000) / sentCount(r)) : null,
      // The main thread's part (the event loop: JavaScript, the synchronous SQLite commit, socket
      // writes); the rest is V8's GC and compiler threads and libuv's pool.
      serverMainMsPerChange:
        sentCount(r) > 0 && after.mainThreadSeconds !== null && before.mainThreadSeconds !== null
          ? round2(((after.mainThreadSeconds - before.mainThreadSeconds) * 1000) / sentCount(r))
          : null,
      serverRssMb: after.rssMb,
      serverPeakRssMb: after.peakRssMb,
      elapsedS: round2(elapsed),
    };
  } finally {
    await p.dispose(server);
  }
}
