import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

/**
 * True when this is the build compiled ahead of time (dist/server, what `npm start` and the CLI
 * run), false when TypeScript sources are loaded directly (tests, benchmarks).
 */
export const compiled = here.endsWith('.js');

/** The folder of package.json: the same from server/*.ts and from dist/server/chunks/*.js. */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const root = projectRoot(dirname(here));
export const clientDist = join(root, 'client', 'dist');
/** Migrations as sources (migrations/*.ts) or compiled beside the server (dist/server/migrations/*.js). */
export const migrations = compiled ? { dir: join(root, 'dist', 'server', 'migrations'), ext: '.js' } : { dir: join(root, 'migrations'), ext: '.ts' };
/**
 * The upload parser's worker script (commands/uploads): its own entry of the build, or from the
 * sources a boot file that registers tsx in the worker thread first. The test suite runs the
 * built one from the sources too (CONCORD_COMPILED_UPLOAD_WORKER=1 in vitest.config.ts, after
 * test/globalSetup.ts built dist/server): the same code, without tsx in every worker started
 * (2-4 s each on the 2-core CI machine, 0.3-1 s built).
 */
export const uploadWorker =
  compiled || process.env.CONCORD_COMPILED_UPLOAD_WORKER === '1'
    ? join(root, 'dist', 'server', 'uploadWorker.js')
    : join(root, 'server', 'commands', 'uploadWorker', 'uploadWorkerBoot.js');
