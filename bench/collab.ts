// Collaboration benchmark: N docs x M clients x W writers at R updates/s over loopback, with the
// server (commit-before-broadcast on, SQLite WAL + synchronous=FULL) in a child process.
//   node bin/run-ts.js bench/collab.ts                      the three reference scenarios
//   node bin/run-ts.js bench/collab.ts --docs 10 --clients 5 --writers 1 --rate 10 --seconds 10
// Writes JSON to bench/results/collab.json (and prints it).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { parseConfig } from '../server/config';
import { createSession } from '../server/auth/sessions';
import { createUser } from '../server/commands/auth';
import { addMember } from '../server/commands/members';
import { createStudy } from '../server/commands/studies';
import { createServices } from '../server/services';
import { appendDocUpdates } from '../server/store/docLog';
import { configFromEnv } from '../server/config';
import { startServer } from '../server/server';

const args = process.argv.slice(2);
if (args[0] === '--server') {
  const server = await startServer(configFromEnv());
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  await new Promise<void>(() => undefined);
}
process.setMaxListeners(1000);

const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

interface Scenario {
  docs: number;
  clients: number;
  writers: number;
  rate: number;
  seconds: number;
}

const USERS = 10; // clients spread over users: MAX_CONNECTIONS_PER_USER is 50

async function seed(dataDir: string, docs: number) {
  const s = await createServices(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  const users = [];
  for (let i = 0; i < USERS; i++) {
    const user = await createUser(s, { email: `u${i}@bench.example`, name: `User ${i}`, password: 'bench-password', isAdmin: false });
    const { token } = await createSession(s.db, user.id, Date.now());
    users.push({ user, cookie: `concord_session=${token}` });
  }
  const lead = users[0]!;
  const names: string[] = [];
  for (let d = 0; d < docs; d++) {
    const study = await createStudy(s, { user: lead.user, sessionId: null }, { title: `Bench ${d}`, codingMode: 'open' });
    for (const u of users.slice(1)) await addMember(s, { user: lead.user, sessionId: null }, study.id, { email: u.user.email, role: 'coder' });
    names.push(`studies/${study.id}/codebook`);
  }
  return { s, users, names };
}

async function startChild(dataDir: string, logLevel = 'silent'): Promise<{ child: ChildProcess; port: number; logs: string[] }> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'bench/collab.ts', '--server'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: logLevel },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => logs.push(l));
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { child, port: (JSON.parse(line) as { port: number }).port, logs };
}

/** CPU seconds (user + system) and RSS of a process, from /proc. */
function usage(pid: number): { cpu: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return { cpu: ticks / 100, rssMb: Math.round(Number(rss) / 1024) };
}

function connect(port: number, name: string, cookie: string, persisted = false) {
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
    params: persisted ? { persisted: '1' } : {},
  });
  return { doc, provider };
}

const until = async (check: () => boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  return check();
};

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
};

async function fanOut(sc: Scenario) {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
  const { s, users, names } = await seed(dataDir, sc.docs);
  await s.close();
  const { child, port } = await startChild(dataDir);
  const clients = names.flatMap((name, d) => Array.from({ length: sc.clients }, (_, j) => ({ name, writer: j < sc.writers, ...connect(port, name, users[(d + j) % USERS]!.cookie) })));
  await until(() => clients.every((c) => c.provider.synced), 30_000);
  const latencies: number[] = [];
  // The first delivery of each update measures the server path (receive, commit, send); the
  // spread after it is the clients of this one process applying the same update in turn.
  const firstDelivery = new Map<string, number>();
  let delivered = 0;
  for (const c of clients) {
    c.doc.getArray<string>('b').observe((event) => {
      if (event.transaction.origin !== c.provider) return;
      const now = performance.now();
      for (const d of event.changes.delta) {
        for (const v of (d.insert as string[] | undefined) ?? []) {
          const [seq, at] = v.split('|');
          latencies.push(now - Number(at));
          if (!firstDelivery.has(seq!)) firstDelivery.set(seq!, now - Number(at));
          delivered++;
        }
      }
    });
  }
  const before = usage(child.pid!);
  const started = performance.now();
  let writes = 0;
  const timers2: NodeJS.Timeout[] = [];
  const timers = clients
    .filter((c) => c.writer)
    .map((c, i) =>
      setTimeout(() => {
        const t = setInterval(() => {
          c.doc.getArray<string>('b').push([`${writes++}|${performance.now()}`]);
        }, 1000 / sc.rate);
        timers2.push(t);
      }, (i * 1000) / sc.rate / Math.max(1, clients.length / sc.clients)),
    );
  await new Promise((r) => setTimeout(r, sc.seconds * 1000));
  timers.forEach(clearTimeout);
  timers2.forEach(clearInterval);
  const elapsed = (performance.now() - started) / 1000;
  const expected = writes * (sc.clients - 1);
  await until(() => delivered >= expected, 5000);
  const after = usage(child.pid!);
  for (const c of clients) c.provider.destroy();
  child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  return {
    scenario: sc,
    updates: writes,
    deliveries: delivered,
    expectedDeliveries: expected,
    losses: Math.max(0, expected - delivered),
    deliveriesPerSecond: Math.round(delivered / elapsed),
    latencyMs: { p50: pct(latencies, 50), p99: pct(latencies, 99), max: pct(latencies, 100) },
    firstDeliveryLatencyMs: { p50: pct([...firstDelivery.values()], 50), p99: pct([...firstDelivery.values()], 99) },
    server: { cpuSeconds: Math.round((after.cpu - before.cpu) * 100) / 100, cpuPercent: Math.round(((after.cpu - before.cpu) / elapsed) * 100), rssMb: after.rssMb },
  };
}

async function coldLoad(updates = 10_000) {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
  const { s, users, names } = await seed(dataDir, 1);
  const name = names[0]!;
  // 10,000 authored updates in the log, as 10,000 single edits would leave it.
  const source = new Y.Doc();
  const rows: Array<{ doc: string; authorId: string; at: number; update: Uint8Array }> = [];
  source.on('update', (update: Uint8Array) => rows.push({ doc: name, authorId: users[rows.length % USERS]!.user.id, at: Date.now(), update }));
  for (let i = 0; i < updates; i++) source.getArray('themes').push([{ id: `t${i}`, label: `Theme ${i}` }]);
  await s.db.transaction().execute((trx) => appendDocUpdates(trx, rows));
  await s.close();
  const measure = async () => {
    const { child, port, logs } = await startChild(dataDir, 'info');
    const t0 = performance.now();
    const c = connect(port, name, users[1]!.cookie);
    await until(() => c.provider.synced, 30_000);
    const clientMs = performance.now() - t0;
    await until(() => logs.some((l) => l.includes('"doc.compacted"')), 2000); // compaction after a long replay
    const loaded = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'doc.loaded');
    c.provider.destroy();
    child.kill('SIGKILL');
    await once(child, 'exit');
    return { serverLoadMs: loaded?.ms, tailRows: loaded?.tailRows, snapshot: loaded?.snapshotUptoId !== null, clientTimeToSyncedMs: Math.round(clientMs * 100) / 100, items: c.doc.getArray('themes').length };
  };
  const neverCompacted = await measure(); // replays 10,000 rows, then compacts
  const compacted = await measure(); // one snapshot plus its (empty) tail
  rmSync(dataDir, { recursive: true, force: true });
  return { updates, neverCompacted, compacted };
}

const custom = args.includes('--docs');
const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length };
if (custom) {
  results.custom = await fanOut({ docs: opt('docs', 1), clients: opt('clients', 5), writers: opt('writers', 1), rate: opt('rate', 10), seconds: opt('seconds', 10) });
} else {
  results.docs50x5 = await fanOut({ docs: 50, clients: 5, writers: 1, rate: 10, seconds: opt('seconds', 10) });
  results.doc1x50 = await fanOut({ docs: 1, clients: 50, writers: 1, rate: 10, seconds: opt('seconds', 10) });
  results.coldLoad10k = await coldLoad();
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/collab.json', `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exit(0);
