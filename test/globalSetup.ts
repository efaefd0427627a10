import { spawnSync } from 'node:child_process';

/**
 * The CLI tests run `bin/concord.js`, which runs the compiled server (dist/server): build it once
 * here if the sources changed, so that no test process builds it (or prints that it did).
 */
export default function setup(): void {
  const r = spawnSync(process.execPath, ['bin/build.js', 'server'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bin/build.js server failed with exit ${r.status}`);
}
