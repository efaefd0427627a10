/**
 * Agreement benchmark (issue 5): a synthetic study of 200 transcripts x 5 coders x 1,000 codings
 * (1,000,000 codings) over 50 themes; every measure for line units plus disagreement regions.
 * Target: under 3 s and under 1 GiB RSS. The regions are computed as the API does, one
 * transcript at a time with `disagreements()`, and dropped after each (a summary is kept).
 * Reported apart, outside the target: the JSON encoding of those regions, and a seeded bootstrap
 * CI (1,000 replicates) of the overall alpha. Also runs Debian's python3-nltk
 * (nltk.metrics.agreement.AnnotationTask.alpha) on a 10,000-unit x 5-coder matrix drawn from the
 * same study, and fails unless both alphas agree to 1e-9.
 *
 * Run: node bin/run-ts.js bench/agreement.ts   (or npm run bench:agreement)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import {
  type Coding,
  type DisagreementKind,
  type Line,
  type ReliabilityData,
  type Theme,
  type TranscriptInput,
  addProfile,
  agreementReport,
  alphaFromCoincidences,
  bootstrapAlpha,
  disagreements,
  emptyProfile,
  krippendorffAlpha,
  mulberry32,
  presenceProfile,
  profileCoincidences,
  profileCounts,
  themeResolver,
  transcriptLayers,
  unitGrid,
} from '../shared/agreement';

const TRANSCRIPTS = 200;
const CODERS = 5;
const CODINGS_PER_CODER = 1_000;
const THEMES = 50;
const LINES = 600;
const LINE_WIDTH = 60;
const MATRIX_UNITS = 10_000;
const BOOTSTRAP_REPLICATES = 1_000;
const SEED = 5;
const TARGET_MS = 3_000;
const TARGET_RSS = 1024 ** 3;
const PYTHON = '/usr/bin/python3';

const here = dirname(fileURLToPath(import.meta.url));
const random = mulberry32(SEED);
const pick = (n: number): number => Math.floor(random() * n);

// ---- synthetic study ---------------------------------------------------------------------------
const themes: Theme[] = Array.from({ length: THEMES }, (_, i) => ({ id: `t${String(i).padStart(2, '0')}`, parentId: i < 10 ? null : `t0${i % 10}` }));
const coders = Array.from({ length: CODERS }, (_, i) => `coder${i + 1}`);
const lineText = `${'lorem ipsum dolor sit amet consectetur adipiscing elit sed'.padEnd(LINE_WIDTH - 1, '.')}\n`;
const text = lineText.repeat(LINES);
const lines: Line[] = Array.from({ length: LINES }, (_, i) => ({ n: i + 1, start: i * LINE_WIDTH, end: (i + 1) * LINE_WIDTH }));

function generateTranscript(id: string): TranscriptInput {
  // A shared "truth" that each coder follows with boundary jitter, theme slips and extra codings,
  // so that agreement is partial, as in a real study.
  const truth = Array.from({ length: CODINGS_PER_CODER }, () => {
    const start = pick(LINES) * LINE_WIDTH + pick(20);
    return { themeId: themes[pick(THEMES)]?.id ?? 't00', start, end: Math.min(text.length, start + LINE_WIDTH * (1 + pick(3)) + pick(30)) };
  });
  const layers = coders.map((coder) => ({
    coder,
    codings: truth.map((t): Coding => {
      const r = random();
      if (r < 0.75) return { themeId: t.themeId, start: Math.max(0, t.start + pick(41) - 20), end: Math.min(text.length, t.end + pick(41) - 20) };
      if (r < 0.85) return { ...t, themeId: themes[pick(THEMES)]?.id ?? 't00' };
      const start = pick(text.length - 200);
      return { themeId: themes[pick(THEMES)]?.id ?? 't00', start, end: start + 30 + pick(150) };
    }),
  }));
  return { id, length: text.length, text, lines, layers };
}

const generateStart = performance.now();
const transcripts = Array.from({ length: TRANSCRIPTS }, (_, i) => generateTranscript(`T${i + 1}`));
const generateMs = performance.now() - generateStart;
const codings = transcripts.reduce((sum, t) => sum + t.layers.reduce((s, l) => s + l.codings.length, 0), 0);

// ---- the measured work -------------------------------------------------------------------------
// What the server does: GET /api/studies/:sid/agreement computes the whole line-unit report, and
// GET /api/transcripts/:tid/disagreements computes one transcript's regions on demand with
// `disagreements()` (resolver, layers, regions with keys, lines, quotes and coders' spans, ranked).
// The benchmark makes that request for every transcript; each transcript's full regions are built
// and then dropped, keeping a summary per transcript, as a server drops them once they are sent.
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpuStart = cpuMs();
const start = performance.now();
const report = agreementReport({ transcripts, themes }, { unit: 'line', hierarchy: 'exact' });
const reportMs = performance.now() - start;
const regionStart = performance.now();
let regions = 0;
const kinds: Record<DisagreementKind, number> = { presence: 0, category: 0, boundary: 0 };
const perTranscript: { transcriptId: string; regions: number; longest: string | null }[] = [];
for (const t of transcripts) {
  const found = disagreements(t, themes);
  for (const r of found) kinds[r.kind]++;
  regions += found.length;
  perTranscript.push({ transcriptId: t.id, regions: found.length, longest: found[0]?.key ?? null });
}
const regionsMs = performance.now() - regionStart;
const totalMs = performance.now() - start;
const totalCpuMs = cpuMs() - cpuStart;
const rss = process.resourceUsage().maxRSS * 1024;

// ---- outside the target: encoding the regions as the API would, and the bootstrap CI -----------
// JSON encoding is the HTTP layer's share of the disagreements request; reported, not in the total.
let jsonMs = 0;
let jsonChars = 0;
for (const t of transcripts) {
  const found = disagreements(t, themes);
  const jsonStart = performance.now();
  jsonChars += JSON.stringify(found).length;
  jsonMs += performance.now() - jsonStart;
}

// Bootstrap CI of the overall alpha: the pooled profile of the report (6,000,000 line units) is
// rebuilt here, untimed, from the same public pieces the report uses; only the bootstrap is timed.
const resolver = themeResolver(themes);
const pooled = emptyProfile(coders);
for (const t of transcripts) {
  const layers = transcriptLayers(t, resolver, coders);
  const grid = unitGrid(t, 'line');
  for (const themeId of resolver.themes) addProfile(pooled, presenceProfile(layers, themeId, grid));
}
const pooledCounts = profileCounts(pooled);
const pooledAlpha = alphaFromCoincidences(profileCoincidences(pooled), 'nominal').value;
const bootstrapStart = performance.now();
const ci = bootstrapAlpha([0, 1], pooledCounts, 'nominal', { replicates: BOOTSTRAP_REPLICATES, seed: SEED });
const bootstrapMs = performance.now() - bootstrapStart;

// ---- the 10,000-unit x 5-coder matrix and NLTK ---------------------------------------------------
// Unit = a line of the study (transcripts in order); value = the first theme (by id) the coder put
// on that line, or "none": nominal data with 51 categories.
const matrix: string[][] = [];
for (const t of transcripts) {
  if (matrix.length >= MATRIX_UNITS) break;
  const perLine: string[][] = lines.map(() => coders.map(() => 'none'));
  t.layers.forEach((layer, c) => {
    for (const coding of layer.codings) {
      const first = Math.floor(coding.start / LINE_WIDTH);
      const last = Math.floor((coding.end - 1) / LINE_WIDTH);
      for (let l = first; l <= last && l < LINES; l++) {
        const row = perLine[l] as string[];
        const current = row[c] ?? 'none';
        if (current === 'none' || coding.themeId < current) row[c] = coding.themeId;
      }
    }
  });
  for (const row of perLine) if (matrix.length < MATRIX_UNITS) matrix.push(row);
}
const data: ReliabilityData = { coders, units: matrix };
const tsStart = performance.now();
const tsAlpha = krippendorffAlpha(data, 'nominal').value;
const tsMs = performance.now() - tsStart;

interface NltkResult { available: boolean; alpha?: number; ms?: number; version?: string; reason?: string }
function runNltk(): NltkResult {
  const dir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
  try {
    const file = join(dir, 'matrix.tsv');
    writeFileSync(file, matrix.flatMap((row, u) => row.map((v, c) => `${coders[c]}\t${u}\t${v}`)).join('\n'));
    const script = [
      'import json, sys, time, nltk',
      'from nltk.metrics.agreement import AnnotationTask',
      'triples = [tuple(line.split("\\t")) for line in open(sys.argv[1]).read().split("\\n")]',
      't0 = time.perf_counter()',
      'alpha = AnnotationTask(data=triples).alpha()',
      't1 = time.perf_counter()',
      'print(json.dumps({"alpha": alpha, "ms": (t1 - t0) * 1000, "version": nltk.__version__}))',
    ].join('\n');
    const out = execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
    const parsed = JSON.parse(out) as { alpha: number; ms: number; version: string };
    return { available: true, ...parsed };
  } catch (error) {
    return { available: false, reason: `${PYTHON} with nltk not usable (apt-get install -y python3-nltk): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const nltk = runNltk();
const alphaDiff = nltk.alpha !== undefined && tsAlpha !== null ? Math.abs(nltk.alpha - tsAlpha) : null;

const result = {
  date: new Date().toISOString(),
  node: process.version,
  study: { transcripts: TRANSCRIPTS, coders: CODERS, codingsPerCoder: CODINGS_PER_CODER, codings, themes: THEMES, linesPerTranscript: LINES, seed: SEED },
  generateMs: round(generateMs),
  // The machine is shared: the load average at the end of the run, and CPU time beside wall time.
  loadAverage: loadavg().map((x) => round(x)),
  reportMs: round(reportMs),
  disagreementsMs: round(regionsMs),
  totalMs: round(totalMs),
  totalCpuMs: round(totalCpuMs),
  maxRssBytes: rss,
  cells: report.cells.length,
  regions,
  regionKinds: kinds,
  regionsPerTranscript: { min: Math.min(...perTranscript.map((p) => p.regions)), max: Math.max(...perTranscript.map((p) => p.regions)) },
  overall: { units: report.overall.units, alpha: report.overall.alpha.value, prevalence: report.overall.prevalence, fleissKappa: report.overall.fleissKappa.value },
  targets: { totalMs: TARGET_MS, rssBytes: TARGET_RSS, metTime: totalMs < TARGET_MS, metRss: rss < TARGET_RSS },
  json: { note: 'JSON.stringify of every transcript\'s regions, as the API sends them; not in totalMs', ms: round(jsonMs), chars: jsonChars },
  bootstrap: {
    note: 'percentile CI of the overall alpha over the pooled line units; not in totalMs',
    units: report.overall.units,
    patterns: pooledCounts.rows.length,
    alpha: pooledAlpha,
    ms: round(bootstrapMs),
    ...ci,
  },
  nltk: {
    units: matrix.length,
    coders: CODERS,
    concordAlpha: tsAlpha,
    concordMs: round(tsMs),
    ...nltk,
    ratio: nltk.ms !== undefined && tsMs > 0 ? round(nltk.ms / tsMs) : null,
    alphaDifference: alphaDiff,
    equal: alphaDiff !== null && alphaDiff <= 1e-9,
  },
};

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

const out = resolve(here, 'results/agreement.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);

const rows: [string, string][] = [
  ['codings', codings.toLocaleString('en')],
  ['report, line units (ms)', result.reportMs.toFixed(0)],
  ['disagreement regions (ms)', `${result.disagreementsMs.toFixed(0)} (${regions.toLocaleString('en')} regions)`],
  ['total (ms, target < 3000)', `${result.totalMs.toFixed(0)} (CPU ${result.totalCpuMs.toFixed(0)}, load ${result.loadAverage.join(' ')})`],
  ['max RSS (MiB, target < 1024)', (rss / 1024 ** 2).toFixed(0)],
  ['regions as JSON (ms, apart)', `${result.json.ms.toFixed(0)} (${(jsonChars / 1024 ** 2).toFixed(0)}M chars)`],
  [`bootstrap ${BOOTSTRAP_REPLICATES} (ms, apart)`, `${result.bootstrap.ms.toFixed(0)} (alpha ${pooledAlpha}, 95% CI ${ci.lower} to ${ci.upper}, seed ${ci.seed})`],
  ['alpha 10k x 5, concord (ms)', `${result.nltk.concordMs} (alpha ${tsAlpha})`],
  ['alpha 10k x 5, nltk (ms)', nltk.available ? `${round(nltk.ms ?? 0)} (alpha ${nltk.alpha}, nltk ${nltk.version})` : `n/a: ${nltk.reason}`],
  ['nltk / concord time', result.nltk.ratio === null ? 'n/a' : `${result.nltk.ratio}x`],
];
for (const [k, v] of rows) process.stdout.write(`${k.padEnd(30)} ${v}\n`);
process.stdout.write(`wrote ${out}\n`);

let failed = false;
if (!result.targets.metTime || !result.targets.metRss) {
  process.stderr.write('agreement bench: target missed\n');
  failed = true;
}
if (pooledAlpha !== report.overall.alpha.value) {
  process.stderr.write('agreement bench: the pooled profile of the bootstrap differs from the report\n');
  failed = true;
}
if (nltk.available && !result.nltk.equal) {
  process.stderr.write(`agreement bench: alpha differs from nltk by ${alphaDiff}\n`);
  failed = true;
}
if (failed) process.exitCode = 1;
