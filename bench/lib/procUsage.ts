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
  /**
   * The main thread's part of cpuSeconds (JavaScript, synchronous native calls such as a SQLite
   * commit, socket writes); the rest is V8's helper threads (garbage collection, JIT compilation)
   * and libuv's pool. Null when the thread's file cannot be read.
   */
  mainThreadSeconds: number | null;
}

/** CPU and memory of a process, from /proc (the server child, read by the coordinator). */
export function procUsage(pid: number): ProcUsage {
  const { userTicks, systemTicks } = ticksOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  const ticks = userTicks + systemTicks;
  let mainThreadSeconds: number | null = null;
  try {
    // The main thread's id is the process id.
    const main = ticksOf(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8'));
    mainThreadSeconds = (main.userTicks + main.systemTicks) / USER_HZ;
  } catch {
    // not Linux, or the process is gone
  }
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / USER_HZ, systemSeconds: systemTicks / USER_HZ, rssMb: round(kb('VmRSS') / 1024), peakRssMb: round(kb('VmHWM') / 1024), mainThreadSeconds };
}

/** utime and stime of a stat(5) line (fields 14, 15), after the command name in parentheses, which may contain spaces. */
function ticksOf(stat: string): { userTicks: number; systemTicks: number } {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { userTicks: Number(fields[11]), systemTicks: Number(fields[12]) };
}

const round = (x: number) => Math.round(x * 10) / 10;
