// The client bundle: the largest chunk (Vite warns above 500 kB) and what the first load of each
// page transfers, from the build's manifest (client/dist/.vite/manifest.json): the page shell,
// the entry chunk and its static imports, the page's own chunk (loaded by React.lazy) with its
// static imports, and their CSS, each counted as the precompressed file the server sends
// (bin/build.js writes NAME.gz and NAME.br beside each asset).
//   node bin/build.js client && node bin/run-ts.js bench/clientBundle.ts [--out bench/results/clientBundle.json]
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine } from './lib/machine';

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1]! : 'bench/results/clientBundle.json';
const dist = 'client/dist';
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
const size = (file: string, ext = '') => (existsSync(join(dist, file + ext)) ? statSync(join(dist, file + ext)).size : null);
const kb = (bytes: number) => Math.round(bytes / 100) / 10;

/** Every file a page needs before it renders: static imports, transitively, and their CSS. */
function closure(keys: string[]): Set<string> {
  const files = new Set<string>(['index.html']);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const c = manifest[key]!;
    files.add(c.file);
    for (const css of c.css ?? []) files.add(css);
    for (const i of c.imports ?? []) visit(i);
  };
  keys.forEach(visit);
  return files;
}

const entry = Object.entries(manifest).find(([, c]) => c.isEntry)![0];
const PAGES: Record<string, string | null> = {
  'sign-in': 'src/pages/LoginPage.tsx',
  studies: 'src/pages/StudiesPage.tsx',
  workspace: 'src/workspace/Workspace.tsx',
  reconcile: 'src/reconcile/ReconcilePage.tsx',
  agreement: 'src/pages/AgreementPage.tsx',
  audit: 'src/audit/AuditorPage.tsx',
};
const pages = Object.fromEntries(
  Object.entries(PAGES).map(([name, src]) => {
    const key = src && Object.keys(manifest).find((k) => k.endsWith(src));
    const files = [...closure(key ? [entry, key] : [entry])];
    const sum = (ext: string) => kb(files.reduce((t, f) => t + (size(f, ext) ?? size(f)!), 0));
    return [name, { files: files.length, rawKb: sum(''), gzipKb: sum('.gz'), brotliKb: sum('.br') }];
  }),
);
const chunks = Object.values(manifest).map((c) => ({ file: c.file, rawKb: kb(size(c.file) ?? 0), gzipKb: kb(size(c.file, '.gz') ?? 0) }));
chunks.sort((a, b) => b.rawKb - a.rawKb);
const largest = chunks[0]!;
const ws = pages.workspace!;
const targets = [
  { target: "no chunk above Vite's 500 kB warning", concord: largest.rawKb, reference: 500, met: largest.rawKb <= 500 },
  { target: "the workspace's first load transfers < 300 kB gzipped", concord: ws.gzipKb, reference: 300, met: ws.gzipKb < 300 },
];
const result = { at: new Date().toISOString(), machine: machine(), command: 'node bin/run-ts.js bench/clientBundle.ts', largest, chunks: chunks.slice(0, 8), pages, targets };
mkdirSync('bench/results', { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`largest chunk ${largest.file}: ${largest.rawKb} kB (${largest.gzipKb} kB gzipped)\n`);
for (const [name, p] of Object.entries(pages)) process.stdout.write(`${name.padEnd(10)} first load: ${p.files} files, ${p.rawKb} kB raw, ${p.gzipKb} kB gzip, ${p.brotliKb} kB brotli\n`);
for (const t of targets) process.stdout.write(`${t.met ? 'met   ' : 'missed'} ${t.target}: ${t.concord} vs ${t.reference}\n`);
process.stdout.write(`wrote ${out}\n`);
