// Markdown tables from bench/results/all.json (for docs/benchmarks.md):
//   node bin/run-ts.js bench/report.ts [bench/results/all.json]
import { readFileSync } from 'node:fs';

interface Run {
  round: number;
  load1: number;
  figures?: Record<string, number | null>;
  error?: string;
}
interface Result {
  at: string;
  command: string;
  machine: { nproc: number; cpuModel: string; node: string; uptime: string; uptimeAtEnd: string };
  options: { rounds: number; seconds: number; workers: number; servers: string[] };
  scenarios: Record<string, { title: string; median: Record<string, Record<string, number | null>>; runs: Record<string, Run[]> }>;
  targets: Target[];
  others?: Record<string, { result: unknown } | undefined>;
}
interface Target {
  target: string;
  concord: number | null;
  reference: number | null;
  ratio?: number | null;
  met: boolean | null;
}
interface Startup {
  machine: { uptime: string };
  median: Record<string, { startToHealthyMs: number | null; startCpuMs?: number | null; idleRssMb: number | null }>;
  runs: Record<string, Array<{ load1: number }>>;
  targets: Target[];
}
interface ClientBundle {
  largest: { file: string; rawKb: number; gzipKb: number };
  pages: Record<string, { files: number; rawKb: number; gzipKb: number; brotliKb: number }>;
  targets: Target[];
}

const COLUMNS: Record<string, string[]> = {
  S1: ['p50Ms', 'p99Ms', 'deliveriesPerSecond', 'losses', 'serverCpuMsPerChange', 'serverCpuPercent', 'serverRssMb'],
  S2: ['p50Ms', 'p99Ms', 'deliveriesPerSecond', 'losses', 'serverCpuMsPerChange', 'serverCpuPercent', 'serverRssMb'],
  S3: ['syncP50Ms', 'syncP99Ms', 'allSyncedMs', 'rssPerConnectionKb', 'serverRssMb', 'serverCpuSeconds', 'failed'],
  S4: ['syncMs', 'compactedSyncMs', 'items', 'cold'],
  S5: ['joinP50Ms', 'joinP99Ms', 'allSyncedMs', 'serverCpuSeconds', 'serverPeakRssMb', 'failed'],
  S6: ['p50Ms', 'p99Ms', 'deliveriesPerSecond', 'losses', 'serverCpuMsPerChange', 'serverCpuPercent', 'serverRssMb'],
  crash: ['sent', 'receivedByObserver', 'kept', 'lostOfReceived'],
};

const r = JSON.parse(readFileSync(process.argv[2] ?? 'bench/results/all.json', 'utf8')) as Result;
const out: string[] = [];
out.push(`Run of ${r.at}: \`${r.command}\`, ${r.options.rounds} rounds, ${r.options.seconds} s per timed scenario, ${r.options.workers} load workers.`);
out.push(`Machine: ${r.machine.nproc} CPUs (${r.machine.cpuModel}), Node ${r.machine.node}. Before: \`${r.machine.uptime}\`. After: \`${r.machine.uptimeAtEnd}\`.`);
for (const [id, sc] of Object.entries(r.scenarios)) {
  const cols = COLUMNS[id] ?? [];
  out.push('', `**${id}**: ${sc.title} (medians)`, '', `| server | ${cols.join(' | ')} | load (1 min) per round |`, `|---|${cols.map(() => '---:').join('|')}|---|`);
  for (const [kind, m] of Object.entries(sc.median)) {
    const loads = (sc.runs[kind] ?? []).map((x) => (x.error ? `${x.load1} (error)` : String(x.load1))).join(', ');
    out.push(`| ${kind} | ${cols.map((c) => m[c] ?? '-').join(' | ')} | ${loads} |`);
  }
  const key = cols.includes('p99Ms') ? 'p99Ms' : cols.includes('syncMs') ? 'syncMs' : null;
  if (key) {
    const per = Object.entries(sc.runs).map(([kind, runs]) => `${kind} ${runs.map((x) => x.figures?.[key] ?? 'err').join(' / ')}`);
    out.push('', `${key} per round: ${per.join('; ')}`);
  }
}
const startup = r.others?.startup?.result as Startup | undefined;
if (startup) {
  out.push('', '**Start** (`bench/startup.ts`, medians; `concord`: empty data folder, `concord-existing`: the same folder again)', '', '| server | startToHealthyMs | startCpuMs | idleRssMb | load (1 min) per run |', '|---|---:|---:|---:|---|');
  for (const [kind, m] of Object.entries(startup.median)) out.push(`| ${kind} | ${m.startToHealthyMs ?? '-'} | ${m.startCpuMs ?? '-'} | ${m.idleRssMb ?? '-'} | ${(startup.runs[kind] ?? []).map((x) => x.load1).join(', ')} |`);
}
const bundle = r.others?.clientBundle?.result as ClientBundle | undefined;
if (bundle) {
  out.push('', `**Client bundle** (\`bench/clientBundle.ts\`): largest chunk ${bundle.largest.file} ${bundle.largest.rawKb} kB (${bundle.largest.gzipKb} kB gzipped)`, '', '| page | files | raw kB | gzip kB | brotli kB |', '|---|---:|---:|---:|---:|');
  for (const [page, p] of Object.entries(bundle.pages)) out.push(`| ${page} | ${p.files} | ${p.rawKb} | ${p.gzipKb} | ${p.brotliKb} |`);
}
const docLoad = r.others?.docLoad?.result as { median: Record<string, { ms: number | null; tailRows: number | null }>; runs: Record<string, Array<{ load1: number }>>; targets: Target[] } | undefined;
if (docLoad) {
  out.push('', '**Document load, server side** (`bench/docLoad.ts`: 10,000 single-theme updates, medians)', '', '| log state | rows replayed | ms | load (1 min) per run |', '|---|---:|---:|---|');
  for (const [state, m] of Object.entries(docLoad.median)) out.push(`| ${state} | ${m.tailRows ?? '-'} | ${m.ms ?? '-'} | ${(docLoad.runs[state] ?? []).map((x) => x.load1).join(', ')} |`);
}
const targets = [...r.targets, ...(startup?.targets ?? []), ...(bundle?.targets ?? []), ...(docLoad?.targets ?? [])];
out.push('', '| target | Concord | reference | ratio | met |', '|---|---:|---:|---:|---|');
for (const t of targets) out.push(`| ${t.target} | ${t.concord ?? '-'} | ${t.reference ?? '-'} | ${t.ratio ?? '-'} | ${t.met === null ? '?' : t.met ? 'yes' : 'no'} |`);
process.stdout.write(`${out.join('\n')}\n`);
