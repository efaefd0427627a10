import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm start` and the CLI run the server compiled ahead of time (bin/build.js -> dist/server),
// building only what is out of date. Checked on a copy of the checkout (sources with their
// modification times, the installed node_modules linked), so that the real tree is untouched.
const ROOT = resolve(import.meta.dirname, '..', '..');
let copy: string;

const concord = (args: string[]) => spawnSync(process.execPath, ['bin/concord.js', ...args], { cwd: copy, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'concord-build-'));
  for (const p of ['bin', 'server', 'shared', 'migrations', 'client', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    cpSync(join(ROOT, p), join(copy, p), { recursive: true, preserveTimestamps: true, filter: (src) => !src.includes(`${join('client', 'dist')}`) });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('the compiled server', () => {
  it('is built on first use, reused while the sources are unchanged, rebuilt when one changes', () => {
    expect(existsSync(join(copy, 'dist', 'server'))).toBe(false);
    const first = concord(['--help']);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/usage: concord <command>/);
    expect(first.stderr).toMatch(/build: server compiled into dist\/server/);
    expect(existsSync(join(copy, 'dist', 'server', 'main.js'))).toBe(true);

    const second = concord(['--help']);
    expect(second.status).toBe(0);
    expect(second.stderr).toBe('');

    appendFileSync(join(copy, 'server', 'config.ts'), '\n// changed\n');
    const third = concord(['--help']);
    expect(third.status).toBe(0);
    expect(third.stderr).toMatch(/build: server compiled/);
    expect(concord(['--help']).stderr).toBe('');
  }, 120_000);

  it('`serve` builds the client once, then runs compiled code only: no TypeScript, no compiler loaded', async () => {
    // Every module URL the server process loads, recorded by a module hook.
    const log = join(copy, 'loaded.txt');
    writeFileSync(join(copy, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }\n`);
    writeFileSync(join(copy, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
    const dataDir = join(copy, 'data');
    const start = () =>
      spawn(process.execPath, ['--import', './register.mjs', 'bin/concord.js', 'serve'], {
        cwd: copy,
        env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const serveOnce = async (child: ChildProcess) => {
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += String(d)));
      const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      const url = /serving on (http:\/\/\S+)/.exec(line)?.[1];
      expect(url).toBeDefined();
      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, dialect: 'sqlite' });
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root">/);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
      return stderr;
    };

    // The copy has no client build: the first `serve` makes it.
    expect(await serveOnce(start())).toMatch(/build: client built into client\/dist/);
    rmSync(log, { force: true });
    // Up to date: nothing is built, and nothing but compiled JavaScript runs.
    expect(await serveOnce(start())).toBe('');
    const urls = readFileSync(log, 'utf8').trim().split('\n');
    const ours = urls.filter((u) => u.startsWith('file:') && !u.includes('/node_modules/'));
    expect(ours.length).toBeGreaterThan(3);
    expect(ours.filter((u) => !/\/(dist\/server|bin)\//.test(u))).toEqual([]);
    expect(urls.filter((u) => /\.tsx?$/.test(u))).toEqual([]);
    expect(urls.filter((u) => /\/node_modules\/(tsx|esbuild|typescript|vite|@esbuild|rolldown)\//.test(u))).toEqual([]);
    // Idle memory (issue 19): what only some requests need loads with the first of them. The
    // chunks a server at rest loaded, by the sources their maps name.
    const atRest = ours.filter((u) => u.endsWith('.js') && u.includes('/dist/server/')).flatMap((u) => {
      const map = `${fileURLToPath(u)}.map`;
      return existsSync(map) ? (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources : [];
    });
    expect(atRest.some((src) => src.endsWith('server/collab/Connection.ts'))).toBe(true);
    // The database is up to date on this second start: one query says so, and neither the
    // migrator nor any migration module is loaded.
    expect(ours.filter((u) => u.includes('/dist/server/migrations/'))).toEqual([]);
    // Concord serves HTTP/1.1 only: the bundle gives @hono/node-server a stand-in for node:http2
    // (bin/build.js); loading it costs ~2 MB of RSS in a bare Node process.
    expect(urls.filter((u) => /^node:http2$/.test(u))).toEqual([]);
    // V8 keeps each loaded module's source text, as UTF-16 (twice the bytes) when it holds one
    // non-ASCII character. esbuild escapes them in strings, not in String.raw templates or regular
    // expressions (write `\u2019`, not `’`, there), nor in comments, which zod's and kysely's keep.
    const wide = ours.filter((u) => {
      if (!u.includes('/dist/server/') || !/[\u0080-\u00ff]/.test(readFileSync(fileURLToPath(u), 'latin1'))) return false;
      const map = `${fileURLToPath(u)}.map`;
      const sources = existsSync(map) ? (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources : [];
      return !sources.some((src) => /node_modules\/(zod|kysely)\//.test(src));
    });
    expect(wide).toEqual([]);
    for (const lazy of ['shared/agreement/disagreements.ts', 'shared/agreement/report.ts', 'server/commands/agreement/agreement.ts', 'server/commands/interchange/refiExport.ts', 'server/store/migrate.ts']) {
      expect(atRest.filter((src) => src.endsWith(lazy))).toEqual([]);
    }
  }, 180_000);
});
