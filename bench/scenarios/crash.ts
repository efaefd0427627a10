import type { ServerKind } from '../lib/BenchServer';
import { nowUs } from '../load/clock';
import { type Figures, type RunContext, docName, prepare, sleep } from './context';

/**
 * Crash comparison: one writer sends 1,000 updates at 200/s while an observer receives them;
 * the server is SIGKILLed 100 ms after the last send, restarted on the same data, and a fresh
 * client counts what survived. `lostOfReceived` counts updates the observer had received from
 * the server that the restarted server no longer has: a durable server must show 0.
 */
export async function crash(ctx: RunContext, kind: ServerKind, updates = 1000, rate = 200): Promise<Figures> {
  const p = prepare(ctx, kind);
  let server = await p.start();
  try {
    const name = docName(ctx, kind, 0);
    const opened = await ctx.pool.open([
      { id: 0, target: server.target(name, 0), role: { kind: 'writer', rate, limit: updates } },
      { id: 1, target: server.target(name, 1), role: { kind: 'idle' } },
    ]);
    if (opened.failed) throw new Error(opened.errors.join('; '));
    const done = ctx.pool.writersDone(1);
    await ctx.pool.all('start');
    const lastSendUs = await done;
    await sleep(Math.max(0, 100 - (nowUs() - lastSendUs) / 1000));
    await server.kill();
    const received = new Set(await ctx.pool.on<string[]>(1, { op: 'items', id: 1 }));
    await ctx.pool.all('closeAll');
    server = await p.start();
    await ctx.pool.open([{ id: 2, target: server.target(name, 2), role: { kind: 'idle' } }]);
    const kept = new Set(await ctx.pool.on<string[]>(2, { op: 'items', id: 2 }));
    let lost = 0;
    for (const v of received) if (!kept.has(v)) lost++;
    return { sent: updates, receivedByObserver: received.size, kept: kept.size, lostOfReceived: lost };
  } finally {
    await p.dispose(server);
  }
}
