// Multi-node benchmark (issue 8): N Concord nodes on one PostgreSQL, each a child process; the
// clients in another child process (bench/cluster/clients.ts). Reports cross-node fan-out
// latency (a writer on one node, readers on the other: commit, NOTIFY, fetch by query,
// broadcast), same-node latency for comparison, losses, node CPU/RSS, PostgreSQL commits/s, and
// the bare LISTEN/NOTIFY round trip.
//   npm run bench:cluster                        2 nodes, 50 docs x 6 clients, 1 writer at 10/s
//   npm run bench:cluster -- --docs 100 --rate 20 --seconds 20 --nodes 3
// Database: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test;
// a fresh database is created on that server for the run and dropped after it.
// Writes JSON to bench/results/cluster.json (and prints it).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { createSession } from '../server/auth/sessions';
import { createUser } from '../server/commands/accounts/accounts';
import { addMemberDirectly } from '../server/commands/studies/members';
import { createStudy } from '../server/commands/studies/studies';
import { configFromEnv, parseConfig } from '../server/config';
import { startServer } from '../server/server';
import { createServices } from '../server/services';
import type { ClientPlan } from './cluster/clients';
import { machine } from './lib/machine';
import { pct, round2 } from './lib/stats';

const args = process.argv.slice(2);
if (args[0] === '--node') {
  const server = await startServer(configFromEnv());
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  await new Promise<void>(() => undefined);
}

const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const plan = { nodes: opt('nodes', 2), docs: opt('docs', 50), clientsPerDoc: opt('clients', 6), rate: opt('rate', 10), seconds: opt('seconds', 10) };
const USERS = 10; // MAX_CONNECTIONS_PER_USER is 50 per node

const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `concord_bench_${Date.now().toString(36)}`;
const url = new URL(baseUrl);
url.pathname = `/${dbName}`;
const dbUrl = url.toString();

async function admin<T>(fn: (c: pg.Client) => Promise<T>, connectionString = baseUrl): Promise<T> {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function seed(dataDir: string) {
  const s = await createServices(parseConfig({ DATA_DIR: dataDir, DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' }));
  const users = [];
  for (let i = 0; i < USERS; i++) {
    const user = await createUser(s, { email: `u${i}@bench.example`, name: `User ${i}`, password: 'bench-password', isAdmin: false });
    const { token } = await createSession(s.db, user.id, Date.now());
    users.push({ user, cookie: `concord_session=${token}` });
  }
  const lead = users[0]!;
  const names: string[] = [];
  for (let d = 0; d < plan.docs; d++) {
    const study = await createStudy(s, { user: lead.user, sessionId: null }, { title: `Bench ${d}`, codingMode: 'open' });
    for (const u of users.slice(1)) await addMemberDirectly(s, { user: lead.user, sessionId: null }, study.id, { email: u.user.email, role: 'coder' });
    names.push(`studies/${study.id}/codebook`);
  }
  await s.close();
  return { cookies: users.map((u) => u.cookie), names };
}

async function startNode(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'bench/cluster.ts', '--node'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: dbUrl, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

/** CPU seconds (user + system) and RSS of a process, from /proc. */
async function usage(pid: number): Promise<{ cpu: number; rssMb: number }> {
  const { readFileSync } = await import('node:fs');
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return { cpu: (Number(stat[11]) + Number(stat[12])) / 100, rssMb: Math.round(Number(rss) / 1024) };
}

/** Transactions (read-only ones included) and rows inserted in the bench database so far. */
const pgCounters = () =>
  admin(async (c) => {
    const r = (await c.query<{ x: string; i: string }>('select xact_commit as x, tup_inserted as i from pg_stat_database where datname = $1', [dbName])).rows[0]!;
    return { xacts: Number(r.x), inserted: Number(r.i) };
  });

/** The bare LISTEN/NOTIFY round trip between two connections (what each cross-node hop adds). */
async function notifyRoundTrip(samples = 500): Promise<{ p50: number | null; p99: number | null }> {
  const listener = new pg.Client({ connectionString: dbUrl });
  const sender = new pg.Client({ connectionString: dbUrl });
  await Promise.all([listener.connect(), sender.connect()]);
  await listener.query('listen bench_rtt');
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const heard = once(listener, 'notification');
    const t = performance.now();
    await sender.query(`select pg_notify('bench_rtt', $1)`, [String(i)]);
    await heard;
    times.push(performance.now() - t);
  }
  await Promise.all([listener.end(), sender.end()]);
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

/**
 * The cluster writer's own ceiling: `writers` concurrent loops (as many nodes' group commits)
 * each committing one small row at a time to one of `docs` documents, for `seconds`.
 */
async function commitCapacity(dataDir: string, names: string[], writers = 8, seconds = 3) {
  const s = await createServices(parseConfig({ DATA_DIR: dataDir, DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' }));
  const update = new Uint8Array(64).fill(7);
  const latencies: number[] = [];
  const applied = new Map<string, number>();
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let n = 0; performance.now() < end; n++) {
        const doc = names[(w * 7919 + n) % names.length]!;
        const t = performance.now();
        const [r] = await s.docLog.append([{ doc, appliedId: applied.get(doc) ?? 0, rows: [{ doc, authorId: null, at: Date.now(), update }] }]);
        latencies.push(performance.now() - t);
        applied.set(doc, Math.max(applied.get(doc) ?? 0, r!.ids.at(-1)!));
      }
    }),
  );
  await s.close();
  return { writers, commitsPerSecond: round2(latencies.length / seconds), commitLatencyMs: { p50: pct(latencies, 50), p99: pct(latencies, 99) } };
}

await admin((c) => c.query(`create database ${dbName}`));
const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-cluster-'));
const nodes: Array<{ child: ChildProcess; port: number }> = [];
try {
  const { cookies, names } = await seed(dataDir);
  for (let i = 0; i < plan.nodes; i++) nodes.push(await startNode(dataDir));
  const clients = spawn(process.execPath, ['bin/run-ts.js', 'bench/cluster/clients.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const clientPlan: ClientPlan = { ports: nodes.map((n) => n.port), docs: names, clientsPerDoc: plan.clientsPerDoc, cookies, rate: plan.rate, seconds: plan.seconds };
  clients.stdin!.end(JSON.stringify(clientPlan));
  // Sampled over the write phase only (connecting and syncing 300 clients is not the load).
  const lines = createInterface({ input: clients.stdout! })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(String((await lines.next()).value)) as Record<string, unknown>;
  await next(); // { phase: 'writing' }
  const before = await Promise.all(nodes.map((n) => usage(n.child.pid!)));
  const pgBefore = await pgCounters();
  const t0 = performance.now();
  await next(); // { phase: 'written' }
  const elapsed = (performance.now() - t0) / 1000;
  const pgAfter = await pgCounters();
  const after = await Promise.all(nodes.map((n) => usage(n.child.pid!)));
  const run = await next();
  const results = {
    at: new Date().toISOString(),
    machine: machine(),
    plan,
    ...run,
    postgres: {
      // Group commits write rows; the catch-up queries are read-only transactions, counted too.
      transactionsPerSecond: round2((pgAfter.xacts - pgBefore.xacts) / elapsed),
      rowsInsertedPerSecond: round2((pgAfter.inserted - pgBefore.inserted) / elapsed),
      notifyRoundTripMs: await notifyRoundTrip(),
    },
    // Measured after the run, with the nodes idle: what the commit path alone sustains.
    clusterWriterCeiling: await commitCapacity(dataDir, names),
    nodes: nodes.map((n, i) => ({
      cpuSeconds: round2(after[i]!.cpu - before[i]!.cpu),
      cpuPercent: Math.round(((after[i]!.cpu - before[i]!.cpu) / elapsed) * 100),
      rssMb: after[i]!.rssMb,
    })),
    target: { crossNodeP99Ms: 50, met: ((run.crossNodeLatencyMs as { p99: number | null }).p99 ?? Infinity) < 50 && run.losses === 0 },
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/cluster.json', `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} finally {
  for (const n of nodes) n.child.kill('SIGKILL');
  await Promise.all(nodes.map((n) => (n.child.exitCode === null ? once(n.child, 'exit') : null)));
  rmSync(dataDir, { recursive: true, force: true });
  await admin((c) => c.query(`drop database if exists ${dbName} with (force)`));
}
process.exit(0);
