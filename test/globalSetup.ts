import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildPgTemplate } from './helpers/pgTemplate';
import { buildSqliteTemplate } from './helpers/sqliteTemplate';

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
 * The CLI tests run `bin/concord.js`, which runs the compiled server (dist/server): build it once
 * here if the sources changed, so that no test process builds it (or prints that it did). The
 * upload parser's worker thread runs from that build in tests too (vitest.config.ts,
 * CONCORD_COMPILED_UPLOAD_WORKER; server/paths.ts).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const r = spawnSync(process.execPath, ['bin/build.js', 'server'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bin/build.js server failed with exit ${r.status}`);
  await compileServerProcess();
  // One migration per dialect for the run; each test starts from its result
  // (helpers/sqliteTemplate.ts, helpers/pgTemplate.ts).
  const url = process.env.TEST_DATABASE_URL;
  project.provide('pgTemplate', url ? await buildPgTemplate(url) : null);
  const sqliteTemplate = await buildSqliteTemplate();
  project.provide('sqliteTemplate', sqliteTemplate);
  return () => rmSync(sqliteTemplate, { recursive: true, force: true });
}
