// The cost of the phase condition on the commit path (issue 14 item 8, docs/scaling.md "Phase
// changes"): commits of one coder's layer update at a time through the services' update-log writer
// (SQLite: sqliteLogWriter; with --postgres, the cluster writer and concord_append_updates), with
// and without the condition `{ transcript, coding }` that a coder's connection attaches. Rounds
// alternate the two modes so that the machine's load drifts over both alike. Per mode: this
// process's CPU time per commit (user + system) and the p50 commit latency, medians over rounds,
// with the load average before and after.
//   nice -n 5 node bin/run-ts.js bench/phaseGuard.ts [--rounds 6] [--commits 300] [--postgres] [--out bench/results/phaseGuard.json]
// --postgres uses TEST_DATABASE_URL (a schema of its own, dropped after).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import type { PhaseCondition } from '../server/ydocs/LogWriter';
import { docs, seedStudy } from '../test/helpers/collab';
import { testServices } from '../test/helpers/env';
import { machine, uptime } from './lib/machine';
import { median, pct, round2 } from './lib/stats';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const rounds = Number(flag('--rounds', '6'));
const commits = Number(flag('--commits', '300'));
const dialect = args.includes('--postgres') ? 'postgres' : 'sqlite';
const out = flag('--out', `bench/results/phaseGuard${dialect === 'postgres' ? '-postgres' : ''}.json`);
const WARMUP = 30;

type Mode = 'unguarded' | 'guarded';
interface Round {
  mode: Mode;
  cpuUsPerCommit: number;
  p50Ms: number;
}

/** Yjs updates, each adding one coding to a layer, as a coder's client sends them. */
function codingUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const codings = doc.getMap('codings');
  for (let i = 0; i < n; i++) codings.set(`c${i}`, { id: `c${i}`, themeId: 'theme', start: i % 20, end: (i % 20) + 5, createdAt: Date.now() });
  return updates;
}

const { s, close } = await testServices(dialect);
try {
  const f = await seedStudy(s, 'open');
  const condition: PhaseCondition = { transcriptId: f.transcriptId, phase: 'coding' };
  const updates = codingUpdates(rounds * 2 * (commits + WARMUP));
  let next = 0;
  let appliedId = 0;
  const round = async (mode: Mode, doc: string): Promise<Round> => {
    const latencies: number[] = [];
    let cpu = process.cpuUsage();
    for (let i = 0; i < commits + WARMUP; i++) {
      if (i === WARMUP) cpu = process.cpuUsage();
      const t0 = performance.now();
      const rows = [{ doc, authorId: f.users.owner!.id, at: Date.now(), update: updates[next++]! }];
      const [stored] = await s.docLog.append([{ doc, appliedId, rows, ...(mode === 'guarded' ? { condition } : {}) }]);
      if (i >= WARMUP) latencies.push(performance.now() - t0);
      if (stored!.refused) throw new Error('refused: the transcript should be coding');
      appliedId = stored!.ids[0]!;
    }
    const used = process.cpuUsage(cpu);
    return { mode, cpuUsPerCommit: round2((used.user + used.system) / commits), p50Ms: pct(latencies, 50)! };
  };
  const before = uptime();
  const results: Round[] = [];
  const doc = docs.layer(f);
  for (let r = 0; r < rounds; r++) {
    for (const mode of r % 2 === 0 ? (['unguarded', 'guarded'] as const) : (['guarded', 'unguarded'] as const)) {
      const res = await round(mode, doc);
      results.push(res);
      console.log(`round ${r + 1} ${mode.padEnd(9)} ${res.cpuUsPerCommit} µs CPU/commit  p50 ${res.p50Ms} ms`);
    }
  }
  const summary = (mode: Mode) => {
    const rs = results.filter((x) => x.mode === mode);
    return { cpuUsPerCommit: median(rs.map((x) => x.cpuUsPerCommit)), p50Ms: median(rs.map((x) => x.p50Ms)) };
  };
  const report = {
    bench: 'phaseGuard',
    description: `commits of one layer update at a time (${dialect}), with and without a phase condition (medians over rounds; CPU of this process)`,
    machine: machine(),
    loadBefore: before,
    loadAfter: uptime(),
    rounds,
    commitsPerRound: commits,
    unguarded: summary('unguarded'),
    guarded: summary('guarded'),
    rawRounds: results,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify({ unguarded: report.unguarded, guarded: report.guarded, loadBefore: before, loadAfter: report.loadAfter }, null, 2));
} finally {
  await close();
}
