// A load-generator process: holds benchmark clients and answers the coordinator over IPC.
// Clients live here, not in the process that measures the servers, and not in the servers.
import * as Y from 'yjs';
import { BenchClient } from './BenchClient';
import { nowUs } from './clock';
import type { ClientSpec, Counts, OpenResult, Report, WorkerRequest } from './protocol';

interface Held {
  spec: ClientSpec;
  client: BenchClient;
  timers: NodeJS.Timeout[];
  sent: number;
  /** Newest awareness seq seen per remote client id (duplicates and echoes are not deliveries). */
  seen: Map<number, number>;
}

const held = new Map<number, Held>();
let counts: Counts = emptyCounts();
let latencyMs: number[] = [];
let awarenessLatencyMs: number[] = [];
let firstMs: Record<string, number> = {};

function emptyCounts(): Counts {
  return { writes: {}, moves: {}, delivered: {}, awarenessDelivered: {}, bytesIn: {}, messagesIn: {} };
}

const bump = (m: Record<string, number>, k: string, n = 1) => void (m[k] = (m[k] ?? 0) + n);

function makeClient(spec: ClientSpec): Held {
  const doc = spec.target.docName;
  const seen = new Map<number, number>();
  const client = new BenchClient(spec.target, {
    onItems: (items) => {
      const now = nowUs();
      for (const v of items) {
        const [, , at] = v.split('|');
        const ms = (now - Number(at)) / 1000;
        latencyMs.push(ms);
        const key = v.slice(0, v.lastIndexOf('|'));
        if (!(key in firstMs)) firstMs[key] = ms;
        bump(counts.delivered, doc);
      }
    },
    onAwareness: (clientId, json) => {
      let state: { seq?: unknown; t?: unknown } | null;
      try {
        state = JSON.parse(json) as { seq?: unknown; t?: unknown } | null;
      } catch {
        return;
      }
      if (!state || typeof state.seq !== 'number' || typeof state.t !== 'number') return;
      if ((seen.get(clientId) ?? -1) >= state.seq) return;
      seen.set(clientId, state.seq);
      awarenessLatencyMs.push((nowUs() - state.t) / 1000);
      bump(counts.awarenessDelivered, doc);
    },
  });
  return { spec, client, timers: [], sent: 0, seen };
}

async function open(specs: ClientSpec[]): Promise<OpenResult> {
  const syncMs: number[] = [];
  const errors: string[] = [];
  await Promise.all(
    specs.map(async (spec) => {
      const h = makeClient(spec);
      held.set(spec.id, h);
      const t0 = performance.now();
      try {
        await h.client.connect();
        syncMs.push(performance.now() - t0);
      } catch (error) {
        if (errors.length < 5) errors.push(String(error));
      }
    }),
  );
  return { syncMs, failed: specs.length - syncMs.length, errors };
}

function start(): void {
  for (const h of held.values()) {
    const role = h.spec.role;
    if (role.kind === 'idle') continue;
    const period = 1000 / role.rate;
    const doc = h.spec.target.docName;
    const tick = () => {
      if (role.kind === 'writer') {
        if (role.limit !== undefined && h.sent >= role.limit) return;
        h.client.push(`${h.spec.id}|${h.sent++}|${nowUs()}`);
        bump(counts.writes, doc);
        if (role.limit !== undefined && h.sent === role.limit) maybeWritersDone();
      } else {
        const at = h.sent++;
        h.client.sendAwareness({ user: { name: `c${h.spec.id}` }, sel: { anchor: at % 997, head: (at % 997) + 5 }, seq: at, t: nowUs() });
        bump(counts.moves, doc);
      }
    };
    // A random phase per client, so that writers do not all fire in the same millisecond.
    h.timers.push(
      setTimeout(() => {
        tick();
        h.timers.push(setInterval(tick, period));
      }, Math.random() * period),
    );
  }
}

function maybeWritersDone(): void {
  for (const h of held.values()) {
    const r = h.spec.role;
    if (r.kind === 'writer' && r.limit !== undefined && h.sent < r.limit) return;
  }
  process.send?.({ event: 'writersDone', at: nowUs() });
}

function withTraffic(): Counts {
  let bytes = 0;
  let messages = 0;
  for (const h of held.values()) {
    bytes += h.client.bytesIn;
    messages += h.client.messagesIn;
  }
  return { ...counts, bytesIn: { all: bytes }, messagesIn: { all: messages } };
}

function stop(): void {
  for (const h of held.values()) for (const t of h.timers.splice(0)) clearTimeout(t);
}

function resetCounts(): void {
  counts = emptyCounts();
  latencyMs = [];
  awarenessLatencyMs = [];
  firstMs = {};
  for (const h of held.values()) {
    h.client.bytesIn = 0;
    h.client.messagesIn = 0;
  }
}

function closeAll(): void {
  stop();
  for (const h of held.values()) h.client.close();
  held.clear();
  counts = emptyCounts();
  latencyMs = [];
  awarenessLatencyMs = [];
  firstMs = {};
}

function client(id: number): BenchClient {
  const h = held.get(id);
  if (!h) throw new Error(`no client ${id} in worker ${process.pid}`);
  return h.client;
}

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.op) {
    case 'open':
      return open(req.clients);
    case 'start':
      return start();
    case 'stop':
      return stop();
    case 'resetCounts':
      return resetCounts();
    case 'counts':
      return withTraffic();
    case 'report':
      return { ...withTraffic(), latencyMs, awarenessLatencyMs, firstMs } satisfies Report;
    case 'items':
      return client(req.id).doc.getArray<string>('b').toArray();
    case 'seedText': {
      const c = client(req.id);
      const text = c.doc.getText('seed');
      const piece = 'lorem ipsum dolor sit amet, '.repeat(Math.ceil(req.chunk / 28)).slice(0, req.chunk);
      for (let n = 0; n < req.bytes; n += req.chunk) text.insert(text.length, piece);
      return text.length;
    }
    case 'seedThemes': {
      // The same content as Concord's 10,000 logged updates, sent as one merged update: an
      // in-memory server holds exactly this after receiving the 10,000 edits.
      const source = new Y.Doc();
      for (let i = 0; i < req.count; i++) source.getArray('themes').push([{ id: `t${i}`, label: `Theme ${i}` }]);
      Y.applyUpdate(client(req.id).doc, Y.encodeStateAsUpdate(source));
      return req.count;
    }
    case 'size': {
      const doc = client(req.id).doc;
      return req.kind === 'text' ? doc.getText(req.name).length : doc.getArray(req.name).length;
    }
    case 'closeAll':
      return closeAll();
    case 'exit':
      closeAll();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (m: { id: number; req: WorkerRequest }) => {
  handle(m.req).then(
    (result) => process.send?.({ id: m.id, result: result ?? null }),
    (error: unknown) => process.send?.({ id: m.id, error: String(error) }),
  );
});
process.send?.({ ready: true });
