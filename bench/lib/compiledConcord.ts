// Concord's benchmark entry (bench/servers/concordServer.ts) compiled ahead of time with the
// production server's bundle options (bin/build.js SERVER_BUNDLE), so that the benchmark measures
// what `npm start` runs: no TypeScript transpiler in the server process, whose CPU and memory
// would otherwise be counted against Concord (issue 19: a lazily transpiled module during a
// scenario added about 0.1 ms of CPU per change in S2).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export const COMPILED_CONCORD_ENTRY = 'dist/bench/concordServer.js';

export async function compileConcordEntry(): Promise<string> {
  // The migrations the compiled code runs live in dist/server (server/paths.ts).
  const r = spawnSync(process.execPath, ['bin/build.js', 'server'], { stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`bin/build.js server failed with exit ${r.status}`);
  // @ts-expect-error bin/build.js is plain JavaScript without declarations.
  const { SERVER_BUNDLE } = (await import('../../bin/build.js')) as { SERVER_BUNDLE: Record<string, unknown> };
  const esbuild = await import('esbuild');
  mkdirSync('dist/bench', { recursive: true });
  await esbuild.build({ ...SERVER_BUNDLE, entryPoints: ['bench/servers/concordServer.ts'], outfile: COMPILED_CONCORD_ENTRY, logLevel: 'warning' });
  return COMPILED_CONCORD_ENTRY;
}
