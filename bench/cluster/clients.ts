// The client side of bench:cluster, in its own process (so that client work does not share a
// core's event loop with the orchestrator's bookkeeping): opens every provider, runs the writers,
// and prints one JSON line of results. Started by bench/cluster.ts with its plan on stdin.
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { pct, round2 } from '../lib/stats';

export interface ClientPlan {
  ports: number[];
  docs: string[];
  clientsPerDoc: number;
  cookies: string[];
  rate: number;
  seconds: number;
}

process.setMaxListeners(2000);

function connect(port: number, name: string, cookie: string) {
  const origin = `http://localhost:${port}`;
  const WS = class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin } });
    }
  };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://localhost:${port}/collab`, name, doc, {
    WebSocketPolyfill: WS as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return { doc, provider };
}

const until = async (check: () => boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  return check();
};

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const plan = JSON.parse(input) as ClientPlan;

// Client j of a document goes to node j % nodes: with 6 clients and 2 nodes, 3 on each. The
// writer is client (d % nodes), so half of the documents are written on each node.
const clients = plan.docs.flatMap((name, d) =>
  Array.from({ length: plan.clientsPerDoc }, (_, j) => {
    const node = j % plan.ports.length;
    return { name, node, writer: j === d % plan.ports.length, ...connect(plan.ports[node]!, name, plan.cookies[(d + j) % plan.cookies.length]!) };
  }),
);
const t0 = performance.now();
const allSynced = await until(() => clients.every((c) => c.provider.synced), 60_000);
const syncMs = performance.now() - t0;

const cross: number[] = [];
const same: number[] = [];
const deliveredPerWrite = new Map<string, number>();
for (const c of clients) {
  c.doc.getArray<string>('b').observe((event) => {
    if (event.transaction.origin !== c.provider) return;
    const now = performance.now();
    for (const d of event.changes.delta) {
      for (const v of (d.insert as string[] | undefined) ?? []) {
        const [key, at, node] = v.split('|');
        (Number(node) === c.node ? same : cross).push(now - Number(at));
        deliveredPerWrite.set(key!, (deliveredPerWrite.get(key!) ?? 0) + 1);
      }
    }
  });
}

const writers = clients.filter((c) => c.writer);
let writes = 0;
// Tells the orchestrator the write phase starts (it samples the nodes and PostgreSQL now).
process.stdout.write(`${JSON.stringify({ phase: 'writing' })}\n`);
const intervals: NodeJS.Timeout[] = [];
const starts = writers.map((c, i) =>
  setTimeout(() => {
    let n = 0;
    intervals.push(
      setInterval(() => {
        c.doc.getArray<string>('b').push([`${c.name}#${n++}|${performance.now()}|${c.node}`]);
        writes++;
      }, 1000 / plan.rate),
    );
  }, (i * 1000) / plan.rate / writers.length), // writers spread evenly over the period
);
const started = performance.now();
const cpu0 = process.cpuUsage();
const elu0 = (await import("node:perf_hooks")).performance.eventLoopUtilization();
await new Promise((r) => setTimeout(r, plan.seconds * 1000));
const cpu = process.cpuUsage(cpu0);
const elu = (await import("node:perf_hooks")).performance.eventLoopUtilization(elu0);
starts.forEach(clearTimeout);
intervals.forEach(clearInterval);
const elapsed = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ phase: 'written' })}\n`);
const perWrite = plan.clientsPerDoc - 1;
const expected = writes * perWrite;
const delivered = () => [...deliveredPerWrite.values()].reduce((a, b) => a + Math.min(b, perWrite), 0);
await until(() => delivered() >= expected, 10_000);
const final = delivered();
// Every client of a document must end with the same content (nothing lost, nothing doubled).
const byDoc = new Map<string, string[]>();
for (const c of clients) {
  const list = byDoc.get(c.name) ?? [];
  list.push(c.doc.getArray<string>('b').toArray().slice().sort().join(','));
  byDoc.set(c.name, list);
}
const divergentDocs = [...byDoc.values()].filter((l) => new Set(l).size > 1).length;
for (const c of clients) c.provider.destroy();

process.stdout.write(
  `${JSON.stringify({
    clients: clients.length,
    allSynced,
    syncMs: round2(syncMs),
    writers: writers.length,
    updates: writes,
    updatesPerSecond: round2(writes / elapsed),
    expectedDeliveries: expected,
    deliveries: final,
    losses: Math.max(0, expected - final),
    divergentDocs,
    // The clients' own process: when it saturates, its queueing is in every latency below.
    clientProcess: { cpuPercent: Math.round(((cpu.user + cpu.system) / 1e6 / elapsed) * 100), eventLoopUtilization: round2(elu.utilization) },
    crossNodeLatencyMs: { samples: cross.length, p50: pct(cross, 50), p99: pct(cross, 99), max: pct(cross, 100) },
    sameNodeLatencyMs: { samples: same.length, p50: pct(same, 50), p99: pct(same, 99), max: pct(same, 100) },
  })}\n`,
);
process.exit(0);
