#!/usr/bin/env node
// Builds what is out of date, ahead of time, so that nothing compiles at run time:
// - the server: server/, shared/ and migrations/ (TypeScript) bundled by esbuild into
//   dist/server/ (ES modules; libraries stay imports from node_modules);
// - the client: client/ built by Vite into client/dist/.
// A build is out of date when the fingerprint of its sources (every file's path, size and
// modification time) differs from the one written beside the last build.
//   node bin/build.js [server] [client] [--force]      (no target: both)
// bin/concord.js calls ensureBuilt() before every command, so `npm start` and the CLI build only
// what changed. Building needs the devDependencies (esbuild, vite); running the result does not.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_INPUTS = ['shared', 'package.json', 'package-lock.json', 'tsconfig.json', 'bin/build.js'];

/** Each build: its sources and where its output and fingerprint live. */
export const TARGETS = {
  server: { inputs: ['server', 'migrations', ...SHARED_INPUTS], outDir: 'dist/server' },
  client: { inputs: ['client/src', 'client/index.html', 'client/vite.config.ts', ...SHARED_INPUTS], outDir: 'client/dist' },
};
const FINGERPRINT = '.fingerprint';
/** Left as imports from node_modules by the server build (see buildServer). */
const EXTERNAL = ['better-sqlite3-multiple-ciphers', '@node-rs/argon2', 'pg', 'ws', 'mammoth'];

function* walk(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  if (!st.isDirectory()) {
    yield `${relative(root, path)} ${st.size} ${st.mtimeMs}`;
    return;
  }
  for (const e of readdirSync(path).sort()) {
    if (e === 'node_modules' || e === 'dist') continue;
    yield* walk(join(path, e));
  }
}

export function fingerprint(target) {
  const h = createHash('sha256');
  for (const input of TARGETS[target].inputs) for (const line of walk(join(root, input))) h.update(`${line}\n`);
  return h.digest('hex');
}

export function isStale(target) {
  const file = join(root, TARGETS[target].outDir, FINGERPRINT);
  return !existsSync(file) || readFileSync(file, 'utf8') !== fingerprint(target);
}

/**
 * How server code is bundled: the production build below, and the benchmark's Concord entry
 * (bench/lib/compiledConcord.ts), so that a benchmark measures what `npm start` runs.
 */
/**
 * zod's classic API and core API re-export all of its ~60 locales (`z.locales`, 340 kB of source kept in the
 * server's memory) and uses English by default; Concord never switches the locale, so the server
 * bundle's `z.locales` holds English alone (issue 19: idle memory).
 */
const ZOD_ENGLISH_ONLY = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), '..', 'locales'), namespace: 'zod-english-only' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(args.path, 'en.js'))};`,
      resolveDir: args.path,
    }));
  },
};

/**
 * @hono/node-server imports node:http2 only to recognise HTTP/2 requests (`instanceof
 * Http2ServerRequest`); Concord serves HTTP/1.1 only (server/server.ts: http.createServer), so
 * no request is one. Loading node:http2 costs ~2 MB of RSS in a bare Node 20 process (issue 19:
 * idle memory: +0.7 MB of the node binary's pages, +1.6 MB anonymous),
 * so the bundle gives that package a class nothing is an instance of instead.
 */
const NO_HTTP2 = {
  name: 'no-http2',
  setup(build) {
    build.onResolve({ filter: /^(node:)?http2$/ }, (args) => (/[\\/]@hono[\\/]node-server[\\/]/.test(args.importer) ? { path: 'http2', namespace: 'no-http2' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'no-http2' }, () => ({
      contents: 'export class Http2ServerRequest {}\nexport const constants = { NGHTTP2_NO_ERROR: 0 };\n',
    }));
  },
};

export const SERVER_BUNDLE = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Pure-JavaScript libraries are bundled in: one file instead of hundreds of small ES
  // modules (kysely alone is ~1,000) starts faster and takes less memory. Native addons and
  // CommonJS packages with optional native parts stay imports from node_modules.
  external: EXTERNAL,
  plugins: [ZOD_ENGLISH_ONLY, NO_HTTP2],
  // Bundled CommonJS code calls require() for Node builtins.
  banner: { js: "import { createRequire as __concordCreateRequire } from 'node:module'; const require = __concordCreateRequire(import.meta.url);" },
};

async function buildServer(print) {
  const esbuild = await import('esbuild').catch(() => null);
  if (!esbuild) throw new Error('the server is not built and esbuild is not installed: run `npm install` (with the devDependencies), then `npm run build`');
  const print_ = fingerprint('server');
  const migrations = readdirSync(join(root, 'migrations')).filter((f) => /\.ts$/.test(f));
  // Built into a fresh folder, then swapped in, so that a process starting meanwhile never
  // loads half a build.
  const final = join(root, TARGETS.server.outDir);
  const tmp = `${final}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const started = Date.now();
  await esbuild.build({
    ...SERVER_BUNDLE,
    absWorkingDir: root,
    entryPoints: [
      { in: 'server/cli/main.ts', out: 'main' },
      // The upload parser's worker thread (server/commands/uploads).
      { in: 'server/commands/uploadWorker/uploadWorker.ts', out: 'uploadWorker' },
      ...migrations.map((f) => ({ in: `migrations/${f}`, out: `migrations/${f.replace(/\.ts$/, '')}` })),
    ],
    outdir: tmp,
    // Commands stay separate chunks, loaded when they run (as in server/cli/main.ts).
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: true,
    logLevel: 'warning',
  });
  writeFileSync(join(tmp, FINGERPRINT), print_);
  const old = `${final}.old-${process.pid}`;
  mkdirSync(dirname(final), { recursive: true });
  if (existsSync(final)) renameSync(final, old);
  renameSync(tmp, final);
  rmSync(old, { recursive: true, force: true });
  print(`build: server compiled into ${TARGETS.server.outDir} in ${Date.now() - started} ms\n`);
}

function buildClient(print) {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) throw new Error('the client is not built and vite is not installed: run `npm install` (with the devDependencies), then `npm run build`');
  const print_ = fingerprint('client');
  const started = Date.now();
  // Vite's own output goes to stderr: the CLI's stdout stays the command's answer.
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`client build failed (exit ${r.status})`);
  precompress(join(root, TARGETS.client.outDir));
  writeFileSync(join(root, TARGETS.client.outDir, FINGERPRINT), print_);
  print(`build: client built into ${TARGETS.client.outDir} in ${Date.now() - started} ms\n`);
}

function canBuild(target) {
  if (target === 'client') return existsSync(join(root, 'node_modules', 'vite', 'bin', 'vite.js'));
  try {
    createRequire(join(root, 'package.json')).resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes NAME.br and NAME.gz beside every text asset of the client build: the server sends the
 * smallest one the browser accepts without compressing anything at run time.
 */
function precompress(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) precompress(p);
    else if (/\.(js|css|html|svg|json)$/.test(e.name)) {
      const body = readFileSync(p);
      writeFileSync(`${p}.gz`, gzipSync(body, { level: 9 }));
      writeFileSync(`${p}.br`, brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }));
    }
  }
}

/** Builds the targets that are out of date (all of them with force). */
export async function build(targets, { force = false, print = (s) => process.stderr.write(s) } = {}) {
  for (const t of targets) {
    if (!force && !isStale(t)) continue;
    if (t === 'server') await buildServer(print);
    else buildClient(print);
  }
}

/**
 * For bin/concord.js: builds what is out of date in a child process (so that no compiler stays
 * loaded in the server) and returns false, with the reason printed, when that failed.
 */
export function ensureBuilt(targets) {
  let stale = targets.filter(isStale);
  // An install without the devDependencies (`npm prune --omit=dev` after `npm run build`) cannot
  // build: it runs the build it has.
  const kept = stale.filter((t) => !canBuild(t) && existsSync(join(root, TARGETS[t].outDir, FINGERPRINT)));
  for (const t of kept) process.stderr.write(`build: ${TARGETS[t].outDir} is older than its sources, but the build tools are not installed: running it as it is\n`);
  stale = stale.filter((t) => !kept.includes(t));
  if (stale.length === 0) return true;
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...stale], { cwd: root, stdio: ['ignore', 2, 2] });
  return r.status === 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const named = args.filter((a) => a in TARGETS);
  const unknown = args.filter((a) => !(a in TARGETS) && a !== '--force');
  if (unknown.length) {
    console.error(`usage: build.js [server] [client] [--force] (unknown: ${unknown.join(' ')})`);
    process.exit(2);
  }
  try {
    await build(named.length ? named : Object.keys(TARGETS), { force: args.includes('--force') });
  } catch (error) {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
