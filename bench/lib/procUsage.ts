import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux/x86 and arm64). */
const USER_HZ = 100;

export interface ProcUsage {
  /** User + system CPU seconds so far. */
  cpuSeconds: number;
  /** The system (kernel) part of cpuSeconds: syscalls such as socket writes and fsync. */
  systemSeconds: number;
  rssMb: number;
  /** Peak RSS so far (VmHWM). */
  peakRssMb: number;
}

/** CPU and memory of a process, from /proc (the server child, read by the coordinator). */
export function procUsage(pid: number): ProcUsage {
  // Fields after the command name, which is in parentheses and may contain spaces.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const systemTicks = Number(fields[12]);
  const ticks = Number(fields[11]) + systemTicks; // utime, stime (fields 14, 15 of stat(5))
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / USER_HZ, systemSeconds: systemTicks / USER_HZ, rssMb: round(kb('VmRSS') / 1024), peakRssMb: round(kb('VmHWM') / 1024) };
}

const round = (x: number) => Math.round(x * 10) / 10;
