import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createLogger } from '../../server/log';
import { eventually, testDialects } from '../helpers/env';
import { frame } from './frames';
import { liveBytes } from './gc';
import { soakServer } from './soakServer';

const CONNECTIONS = 5000;
const DOCS = 1000;
/** Below MAX_CONNECTIONS_PER_USER (50): every soak connection belongs to one lead. */
const PARALLEL = 40;
const MiB = 1024 * 1024;

type Soak = Awaited<ReturnType<typeof soakServer>>;

/**
 * One short-lived connection: authorised and synced (its SyncStep1 answered), sometimes with a
 * presence state or an edit, then closed by the client.
 */
async function visit(server: Soak, docName: string, i: number): Promise<void> {
  const ws = new WebSocket(`ws://localhost:${server.port}/collab/${docName}`, { headers: { cookie: server.cookie, origin: server.url } });
  const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
  const synced = new Promise<void>((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) resolve();
    });
    ws.once('error', reject);
    ws.once('close', (code) => reject(new Error(`closed ${code} before sync`)));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(frame.probe());
  await synced;
  if (i % 3 === 0) ws.send(frame.awareness(1000 + i, 1, JSON.stringify({ user: { name: `v${i}` }, cursor: { anchor: i } })));
  if (i % 10 === 0) {
    const d = new Y.Doc();
    d.getArray('themes').push([{ id: `t${i}` }]);
    ws.send(frame.sync(2, Y.encodeStateAsUpdate(d)));
  }
  ws.close();
  await closed;
}

async function runVisits(server: Soak, names: string[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let i = next++; i < names.length; i = next++) await visit(server, names[i]!, i);
    }),
  );
}

/** Active handles by kind (sockets, timers, servers), as Node reports them. */
function resources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

for (const dialect of testDialects()) {
  describe(`soak (${dialect})`, () => {
    let server: Soak;
    let errors = 0;

    beforeAll(async () => {
      // Warnings and errors only: a sink that keeps 10,000 info lines would itself grow the heap.
      server = await soakServer(dialect, createLogger('warn', () => void errors++), DOCS);
    });
    afterAll(async () => server.close());

    const settled = async () => {
      await eventually(() => server.collab.connectionCount === 0 && server.registry.loadedCount === 0, 20_000);
    };

    it(`opens and closes ${CONNECTIONS.toLocaleString('en')} connections over ${DOCS.toLocaleString('en')} documents; heap, handles, documents, timers and presence return to baseline`, async () => {
      const hot = server.docNames.slice(0, 10);
      // Warm-up (JIT, statement caches, pools), then the baseline.
      await runVisits(server, Array.from({ length: 200 }, (_, i) => hot[i % hot.length]!));
      await settled();
      const baseHeap = liveBytes();
      const baseHandles = resources();

      // Every document once (1,000 loads and unloads), the rest on a few hot documents.
      const names = [...server.docNames, ...Array.from({ length: CONNECTIONS - DOCS }, (_, i) => hot[i % hot.length]!)];
      await runVisits(server, names);
      await settled();

      expect(errors).toBe(0);
      expect(server.registry.loadedCount).toBe(0);
      const handles = resources();
      expect(handles.TCPSocketWrap ?? 0).toBe(baseHandles.TCPSocketWrap ?? 0);
      expect(handles.Timeout ?? 0).toBeLessThanOrEqual(baseHandles.Timeout ?? 0);
      const growth = liveBytes() - baseHeap;
      expect(growth).toBeLessThan(8 * MiB);

      // No presence outlives its connection: a newcomer asking for awareness hears of nobody.
      const ws = new WebSocket(`ws://localhost:${server.port}/collab/${hot[0]}`, { headers: { cookie: server.cookie, origin: server.url } });
      const types: number[] = [];
      const answered = new Promise<void>((resolve) =>
        ws.on('message', (data: Buffer) => {
          types.push(data[0]!);
          if (data[0] === 0 && data[1] === 1) resolve();
        }),
      );
      await new Promise<void>((resolve) => ws.once('open', () => resolve()));
      ws.send(frame.queryAwareness());
      ws.send(frame.probe());
      await answered;
      expect(types).not.toContain(1);
      ws.close();
    }, 180_000);
  });
}
