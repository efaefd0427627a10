import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { type BrowserServer, chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, CHROMIUM_ARGS } from './helpers/chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared Chromium (test/helpers/browser.ts launchBrowser); empty when none. */
    chromiumEndpoint: string;
  }
}

/** test/collab/serverProcess.ts compiled ahead of time (see compileServerProcess). */
export const COMPILED_SERVER_PROCESS = 'dist/test/serverProcess.js';

/**
 * The crash and cluster tests start servers as child processes (test/collab/childServer.ts), up to
 * twenty times in a file: compiled with the production server's bundle options (bin/build.js
 * SERVER_BUNDLE, as bench/lib/compiledConcord.ts does), a start skips loading tsx and transpiling
 * the server's sources in every child (2-4 s each on the 2-core machine, about 0.5 s compiled).
 */
async function compileServerProcess(): Promise<void> {
  // @ts-expect-error bin/build.js is plain JavaScript without declarations.
  const { SERVER_BUNDLE } = (await import('../bin/build.js')) as { SERVER_BUNDLE: Record<string, unknown> };
  const esbuild = await import('esbuild');
  mkdirSync('dist/test', { recursive: true });
  // Written aside, then renamed: a test process of another run never loads half a file.
  const tmp = `${COMPILED_SERVER_PROCESS}.tmp-${process.pid}`;
  await esbuild.build({ ...SERVER_BUNDLE, entryPoints: ['test/collab/serverProcess.ts'], outfile: tmp, logLevel: 'warning' });
  renameSync(tmp, COMPILED_SERVER_PROCESS);
}

/**
 * Whether this run may include a browser file: every run of the suite, or files named with an
 * e2e file or folder among them. A run of other files alone starts no Chromium (and a browser
 * file missed by this guess launches its own, as before).
 */
function mayRunBrowserFiles(): boolean {
  const filters = process.argv.slice(2).filter((a, i, all) => !a.startsWith('-') && !all[i - 1]?.match(/^--(reporter|outputFile|project|config|root|dir)$/) && !['run', 'watch', 'related'].includes(a));
  return filters.length === 0 || filters.some((f) => f.includes('e2e'));
}

/**
 * The CLI tests run `bin/concord.js`, which runs the compiled server (dist/server): build it once
 * here if the sources changed, so that no test process builds it (or prints that it did). The
 * upload parser's worker thread runs from that build in tests too (vitest.config.ts,
 * CONCORD_COMPILED_UPLOAD_WORKER; server/paths.ts). One Chromium serves every browser file of the
 * run (test/helpers/browser.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const r = spawnSync(process.execPath, ['bin/build.js', 'server'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bin/build.js server failed with exit ${r.status}`);
  await compileServerProcess();
  let browser: BrowserServer | null = null;
  if (existsSync(CHROMIUM) && mayRunBrowserFiles()) browser = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  project.provide('chromiumEndpoint', browser?.wsEndpoint() ?? '');
  return async () => {
    await browser?.close();
  };
}
