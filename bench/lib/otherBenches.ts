import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';

export interface OtherBench {
  file: string;
  exitCode: number | null;
  seconds: number;
  /** The JSON the benchmark wrote to bench/results/<name>.json during this run, if any. */
  result: unknown;
}

/**
 * Runs a benchmark owned by another module (agreement, cluster, collab) as a child process and
 * takes the JSON it wrote to bench/results/<name>.json; absent benchmarks are skipped.
 */
export async function runOtherBench(name: string, args: string[] = []): Promise<OtherBench | null> {
  const file = `bench/${name}.ts`;
  if (!existsSync(file)) return null;
  const out = `bench/results/${name}.json`;
  const started = Date.now();
  const exitCode = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['bin/run-ts.js', file, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => resolve(code));
  });
  let result: unknown = null;
  if (existsSync(out) && statSync(out).mtimeMs >= started) result = JSON.parse(readFileSync(out, 'utf8')) as unknown;
  return { file, exitCode, seconds: Math.round((Date.now() - started) / 1000), result };
}
