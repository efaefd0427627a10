// Production runtime: start-to-healthy time and idle RSS of `concord serve` (the command
// `npm start` runs once the build is up to date, on SQLite) against the reference y-websocket
// server's own bin (`@y/websocket-server`, documents in memory). Each run is a fresh process;
// medians of --rounds, the 1-minute load average recorded with every run.
//   node bin/run-ts.js bench/startup.ts [--rounds 5] [--idle-ms 3000] [--out bench/results/startup.json]
// Writes bench/results/startup.json (bench/all.ts includes it in all.json).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { machine, uptime } from './lib/machine';
import { procUsage } from './lib/procUsage';
import { median, round2 } from './lib/stats';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const rounds = Number(opt('rounds') ?? 5);
const idleMs = Number(opt('idle-ms') ?? 3000);
const out = opt('out') ?? 'bench/results/startup.json';

interface StartRun {
  load1: number;
  /** Spawn to the first 200 from the health URL. */
  startToHealthyMs: number;
  /** CPU (user + system) the server process used until then: less sensitive to the machine's load. */
  startCpuMs: number;
  /** VmRSS after idleMs with no client. */
  idleRssMb: number;
}

async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function healthy(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering ${url}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(5);
  }
}

/** One cold start of a server process: spawn, poll until healthy, idle, read RSS, stop. */
async function startOnce(kind: 'concord' | 'concord-existing' | 'y-websocket', dataDir: string): Promise<StartRun> {
  const port = await freePort();
  const load1 = round2(loadavg()[0]!);
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'error' };
  const argv = kind === 'y-websocket' ? ['node_modules/@y/websocket-server/src/server.js'] : ['bin/concord.js', 'serve'];
  const url = kind === 'y-websocket' ? `http://127.0.0.1:${port}/` : `http://127.0.0.1:${port}/api/health`;
  const t0 = performance.now();
  const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await healthy(url, child);
    const startToHealthyMs = round2(performance.now() - t0);
    const startCpuMs = Math.round(procUsage(child.pid!).cpuSeconds * 1000);
    await sleep(idleMs);
    return { load1, startToHealthyMs, startCpuMs, idleRssMb: procUsage(child.pid!).rssMb };
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}

const started = machine();
const kinds = ['concord', 'concord-existing', 'y-websocket'] as const;
const runs: Record<string, StartRun[]> = { concord: [], 'concord-existing': [], 'y-websocket': [] };
for (let round = 0; round < rounds; round++) {
  // Interleaved so that a burst of the shared machine's load does not land on one server only.
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-startup-'));
  try {
    for (const kind of kinds) {
      // `concord`: an empty data folder (creates the database, runs every migration);
      // `concord-existing`: the same folder again, as on every later start.
      const run = await startOnce(kind, dataDir);
      runs[kind]!.push(run);
      process.stderr.write(`startup: round ${round + 1} ${kind} ${JSON.stringify(run)}\n`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const med = (kind: string, key: keyof StartRun) => median(runs[kind]!.map((r) => r[key]));
const medians = Object.fromEntries(kinds.map((k) => [k, { startToHealthyMs: med(k, 'startToHealthyMs'), startCpuMs: med(k, 'startCpuMs'), idleRssMb: med(k, 'idleRssMb') }]));
const rssRatio = (() => {
  const c = med('concord-existing', 'idleRssMb');
  const y = med('y-websocket', 'idleRssMb');
  return c !== null && y ? round2(c / y) : null;
})();
const startMs = med('concord-existing', 'startToHealthyMs');
const targets = [
  { target: 'idle RSS of a started server <= 1.2x the y-websocket server', concord: med('concord-existing', 'idleRssMb'), reference: med('y-websocket', 'idleRssMb'), ratio: rssRatio, met: rssRatio === null ? null : rssRatio <= 1.2 },
  { target: 'start to healthy < 1 s on SQLite (existing data folder)', concord: startMs, reference: 1000, ratio: startMs === null ? null : round2(startMs / 1000), met: startMs === null ? null : startMs < 1000 },
];
const result = {
  at: new Date().toISOString(),
  machine: { ...started, uptimeAtEnd: uptime() },
  command: `node bin/run-ts.js bench/startup.ts ${args.join(' ')}`.trim(),
  options: { rounds, idleMs },
  median: medians,
  runs,
  targets,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
for (const k of kinds) process.stdout.write(`${k.padEnd(18)} start to healthy ${medians[k]!.startToHealthyMs} ms (${medians[k]!.startCpuMs} ms CPU), idle RSS ${medians[k]!.idleRssMb} MB\n`);
for (const t of targets) process.stdout.write(`${t.met ? 'met   ' : 'missed'} ${t.target}: ${t.concord} vs ${t.reference} (${t.ratio})\n`);
process.stdout.write(`before: ${started.uptime}\nafter:  ${result.machine.uptimeAtEnd}\nwrote ${out}\n`);
