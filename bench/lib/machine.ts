import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export interface Machine {
  nproc: number;
  cpuModel: string;
  node: string;
  uptime: string;
}

/** The machine a figure was measured on (the table is meaningless without it). */
export function machine(): Machine {
  const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  return { nproc: availableParallelism(), cpuModel: model.trim(), node: process.version, uptime: uptime() };
}

/** `uptime` output: the other engineers' load on this shared machine when a figure was taken. */
export function uptime(): string {
  try {
    return execSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${loadavg().map((x) => x.toFixed(2)).join(', ')}`;
  }
}
