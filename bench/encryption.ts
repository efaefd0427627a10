// The cost of encryption at rest (CONCORD_DB_KEY, docs/deploy.md) on the commit path: the
// SQLite update-log writer the server runs (ydocs/LogWriter.ts sqliteLogWriter: one transaction,
// synchronous=FULL, so every commit is flushed before it returns), one commit at a time as a
// coder's edits arrive, each holding one real Yjs update (a note of ~120 characters), on a
// database opened as the server opens it, with and without a key. Rounds alternate the two modes
// on fresh files so that the machine's load drifts over both alike. Per mode: flushed commits per
// second and p50/p99 commit latency (medians over rounds), the load average before and after.
//   nice -n 5 node bin/run-ts.js bench/encryption.ts [--rounds 6] [--commits 400] [--out bench/results/encryption.json]
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { openDatabase } from '../server/store/database';
import { sqliteLogWriter } from '../server/ydocs/LogWriter';
import { machine, uptime } from './lib/machine';
import { median, pct, round2 } from './lib/stats';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const rounds = Number(flag('--rounds', '6'));
const commits = Number(flag('--commits', '400'));
const out = flag('--out', 'bench/results/encryption.json');
const WARMUP = 30;
const KEY = 'a benchmark passphrase, not a secret';

/** `commits + WARMUP` Yjs updates, each adding one note to a layer, as a coder's client sends them. */
function noteUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const notes = doc.getMap('notes');
  for (let i = 0; i < n; i++) {
    notes.set(`n${i}`, { id: `n${i}`, kind: 'descriptive', text: `The participant returns to the long shift ${i} times; tiredness as a place she lives in, not a state she passes through.`, start: i, end: i + 40, createdAt: Date.now() });
  }
  return updates;
}

interface Round {
  mode: 'plain' | 'encrypted';
  commitsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  fileBytes: number;
}

async function round(mode: Round['mode'], updates: Uint8Array[]): Promise<Round> {
  const dir = mkdtempSync(join(tmpdir(), `concord-bench-enc-${mode}-`));
  try {
    const opened = await openDatabase({ url: null, dataDir: dir, key: mode === 'encrypted' ? KEY : undefined });
    const writer = sqliteLogWriter(opened.db, opened.sqlite!);
    const doc = 'transcripts/bench/layers/coder';
    const latencies: number[] = [];
    let appliedId = 0;
    for (const [i, update] of updates.entries()) {
      if (i === WARMUP) latencies.length = 0;
      const t0 = performance.now();
      const [stored] = await writer.append([{ doc, appliedId, rows: [{ doc, authorId: 'coder', at: Date.now(), update }] }]);
      latencies.push(performance.now() - t0);
      appliedId = stored!.ids[0]!;
    }
    const measured = latencies.reduce((a, b) => a + b, 0);
    await opened.close();
    return { mode, commitsPerSecond: round2((latencies.length * 1000) / measured), p50Ms: pct(latencies, 50)!, p99Ms: pct(latencies, 99)!, maxMs: pct(latencies, 100)!, fileBytes: statSync(join(dir, 'concord.db')).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const before = uptime();
const updates = noteUpdates(commits + WARMUP);
const results: Round[] = [];
for (let r = 0; r < rounds; r++) {
  // Alternate which mode goes first, so neither always runs on a warmer (or busier) machine.
  for (const mode of r % 2 === 0 ? (['plain', 'encrypted'] as const) : (['encrypted', 'plain'] as const)) {
    const res = await round(mode, updates);
    results.push(res);
    console.log(`round ${r + 1} ${mode.padEnd(9)} ${res.commitsPerSecond} commits/s  p50 ${res.p50Ms} ms  p99 ${res.p99Ms} ms`);
  }
}
const summary = (mode: Round['mode']) => {
  const rs = results.filter((x) => x.mode === mode);
  return { commitsPerSecond: median(rs.map((x) => x.commitsPerSecond)), p50Ms: median(rs.map((x) => x.p50Ms)), p99Ms: median(rs.map((x) => x.p99Ms)), maxMs: median(rs.map((x) => x.maxMs)) };
};
const plain = summary('plain');
const encrypted = summary('encrypted');
const report = {
  bench: 'encryption',
  description: 'flushed commits of the SQLite update-log writer, one at a time, with and without CONCORD_DB_KEY (medians over rounds)',
  machine: machine(),
  loadBefore: before,
  loadAfter: uptime(),
  rounds,
  commitsPerRound: commits,
  updateBytes: Math.round(updates.reduce((a, u) => a + u.byteLength, 0) / updates.length),
  plain,
  encrypted,
  ratio: { commitsPerSecond: round2(encrypted.commitsPerSecond! / plain.commitsPerSecond!), p50: round2(encrypted.p50Ms! / plain.p50Ms!), p99: round2(encrypted.p99Ms! / plain.p99Ms!) },
  rawRounds: results,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify({ plain, encrypted, ratio: report.ratio, loadBefore: before, loadAfter: report.loadAfter }, null, 2));
