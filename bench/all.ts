// Every benchmark in one run: the collaboration scenarios S1-S6 and the crash comparison against
// Concord and the anchors (@hocuspocus/server in memory and with SQLite, @y/websocket-server),
// interleaved, median of --rounds; then the other benchmarks (collab, agreement, cluster, startup,
// clientBundle, docLoad, interchangeImport) as
// child processes. Writes bench/results/all.json and prints a short table.
//   npm run bench
//   node bin/run-ts.js bench/all.ts --rounds 3 --seconds 8 --workers 3 --only S1,S2 --servers concord,y-websocket --profile --no-others
//   --warmup 3 runs the fan-out scenarios' traffic 3 s before measuring (every server alike; default 0)
//   --servers may add the diagnostics concord-nosync, concord-tmpfs (bench/lib/BenchServer.ts); --out writes elsewhere
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { SERVER_KINDS, type ServerKind } from './lib/BenchServer';
import { compileConcordEntry } from './lib/compiledConcord';
import { buildConcordFixture } from './lib/concordFixture';
import { machine, uptime } from './lib/machine';
import { type OtherBench, runOtherBench } from './lib/otherBenches';
import { median } from './lib/stats';
import { printTable } from './lib/table';
import { checkTargets } from './lib/targets';
import { WorkerPool } from './load/WorkerPool';
import type { Figures, RunContext } from './scenarios/context';
import { SCENARIOS } from './scenarios/index';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const rounds = Number(opt('rounds') ?? 3);
const seconds = Number(opt('seconds') ?? 8);
const workers = Number(opt('workers') ?? 3);
const only = opt('only')?.split(',');
const servers = (opt('servers')?.split(',') ?? [...SERVER_KINDS]) as ServerKind[];
const profile = args.includes('--profile');
const warmupSeconds = Number(opt('warmup') ?? 0);
const out = opt('out') ?? 'bench/results/all.json';

interface Run {
  round: number;
  load1: number;
  figures?: Figures;
  error?: string;
}

const started = machine();
process.stderr.write(`bench: ${started.uptime}\n`);
const fixture = await buildConcordFixture();
const pool = await WorkerPool.start(workers);
const compiledConcord = await compileConcordEntry();
const ctx: RunContext = { pool, fixture, seconds, warmupSeconds, compiledConcord, ...(profile ? { cpuProfDir: 'bench/results/profiles' } : {}) };
if (profile) mkdirSync('bench/results/profiles', { recursive: true });

const scenarios = SCENARIOS.filter((s) => !only || only.includes(s.id));
const runs: Record<string, Partial<Record<ServerKind, Run[]>>> = {};
for (let round = 0; round < rounds; round++) {
  for (const sc of scenarios) {
    // Interleaved: each round runs every server once per scenario, in a rotated order, so that
    // a burst of load from other users of the machine does not land on one server only.
    const order = servers.filter((k) => sc.applies(k));
    const rotated = [...order.slice(round % order.length), ...order.slice(0, round % order.length)];
    for (const kind of rotated) {
      const run: Run = { round, load1: Math.round(loadavg()[0]! * 100) / 100 };
      try {
        run.figures = await sc.run(ctx, kind);
      } catch (error) {
        run.error = String(error);
        await pool.all('closeAll').catch(() => undefined);
      }
      ((runs[sc.id] ??= {})[kind] ??= []).push(run);
      process.stderr.write(`bench: round ${round + 1} ${sc.id} ${kind} load ${run.load1} ${run.error ? `ERROR ${run.error}` : JSON.stringify(run.figures)}\n`);
    }
  }
}
await pool.stop();
rmSync(fixture.templateDir, { recursive: true, force: true });

const medians: Record<string, Partial<Record<ServerKind, Figures>>> = {};
for (const [id, byKind] of Object.entries(runs)) {
  for (const [kind, list] of Object.entries(byKind) as Array<[ServerKind, Run[]]>) {
    const ok = list.filter((r) => r.figures).map((r) => r.figures!);
    const keys = [...new Set(ok.flatMap((f) => Object.keys(f)))];
    (medians[id] ??= {})[kind] = Object.fromEntries(keys.map((k) => [k, median(ok.map((f) => f[k]))]));
  }
}
const crashRuns = runs.crash?.concord?.filter((r) => r.figures) ?? [];
const crashLost = crashRuns.length ? Math.max(...crashRuns.map((r) => r.figures!.lostOfReceived ?? 0)) : null;
const targets = checkTargets(medians, crashLost);
const finished = uptime();

const others: Record<string, OtherBench> = {};
if (!args.includes('--no-others')) {
  for (const name of ['collab', 'agreement', 'cluster', 'startup', 'clientBundle', 'docLoad', 'interchangeImport']) {
    const r = await runOtherBench(name);
    if (r) others[name] = r;
  }
}

const result = {
  at: new Date().toISOString(),
  machine: { ...started, uptimeAtEnd: finished },
  command: `node bin/run-ts.js bench/all.ts ${args.join(' ')}`.trim(),
  options: { rounds, seconds, warmupSeconds, workers, servers },
  scenarios: Object.fromEntries(scenarios.map((s) => [s.id, { title: s.title, median: medians[s.id] ?? {}, runs: runs[s.id] ?? {} }])),
  targets,
  others,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
printTable(scenarios, medians, targets, servers);
process.stdout.write(`machine: ${started.nproc} cpus, ${started.cpuModel}, node ${started.node}\nbefore: ${started.uptime}\nafter:  ${finished}\nwrote ${out}\n`);
for (const [name, o] of Object.entries(others)) process.stdout.write(`${name}: exit ${o.exitCode}, ${o.seconds} s\n`);
process.exit(0);
