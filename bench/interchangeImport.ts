/**
 * REFI-QDA project import benchmark (issue 17 item 5): a generated project of 50 transcripts
 * with 5,000 codings (2 coders x 50 codings per transcript, 20 codes), imported as a new study
 * into SQLite in a fresh data folder, the whole path the API takes (read, plan, one transaction
 * with the rows, carried data and document first states). Target: under 5 s. Reports the median
 * of 3 runs (a new study each) and the machine's load.
 *
 * Run: nice -n 5 node bin/run-ts.js bench/interchangeImport.ts   (also part of bench/all.ts)
 * Writes bench/results/interchangeImport.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importProject } from '../server/commands/interchange/refiImport';
import { parseConfig } from '../server/config';
import { createServices } from '../server/services';
import { insertUser } from '../server/store/users';
import { bigProjectXml } from '../test/interchange/bigProject';

const TARGET_MS = 5000;
const shape = { title: 'Import bench', transcripts: 50, coders: 2, themes: 20, codingsPerLayer: 50 };
const bytes = new TextEncoder().encode(bigProjectXml(shape));
const loadBefore = loadavg().map((l) => Math.round(l * 100) / 100);
const dataDir = mkdtempSync(join(tmpdir(), 'concord-importbench-'));
const s = await createServices(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
try {
  const user = await insertUser(s.db, { id: 'bench-lead', email: 'lead@bench.example', name: 'Lead', passwordHash: 'x', isAdmin: true, now: Date.now() });
  const times: number[] = [];
  let codings = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const result = await importProject(s, { user, sessionId: null }, { name: 'bench.qde', bytes });
    times.push(performance.now() - t0);
    codings = result.report.imported.codings;
  }
  const median = [...times].sort((a, b) => a - b)[1]!;
  const out = { scenario: 'refi-import', transcripts: shape.transcripts, codings, bytes: bytes.length, runsMs: times.map((t) => Math.round(t)), medianMs: Math.round(median), targetMs: TARGET_MS, pass: median < TARGET_MS && codings === 5000, loadBefore, loadAfter: loadavg().map((l) => Math.round(l * 100) / 100), at: new Date().toISOString() };
  console.log(JSON.stringify(out, null, 2));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/interchangeImport.json', `${JSON.stringify(out, null, 2)}\n`);
  if (!out.pass) process.exitCode = 1;
} finally {
  await s.close();
  rmSync(dataDir, { recursive: true, force: true });
}
