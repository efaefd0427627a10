import { basename } from 'node:path';

/** A V8 CPU profile (`.cpuprofile`, or the DevTools protocol's `Profiler.stop`), the parts read here. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Adds a profile's self time by function into `into` (µs, keyed "name file:line:column"), leaving
 * out the entries named in `skip` (the idle thread by default); returns the time added.
 */
export function addSelfTime(profile: CpuProfile, into: Map<string, number>, skip: ReadonlySet<string> = new Set(['(idle)'])): number {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  let added = 0;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!;
    if (skip.has(f.functionName)) return;
    const us = profile.timeDeltas[i] ?? 0;
    const where = f.url ? `${basename(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`;
    into.set(key, (into.get(key) ?? 0) + us);
    added += us;
  });
  return added;
}

/** The `top` largest entries of a self-time map, one line each: "  12.3 ms  name file:line:column". */
export function selfTimeLines(totals: ReadonlyMap<string, number>, top: number, busyUs?: number): string[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, us]) => `${busyUs ? `${((us / busyUs) * 100).toFixed(1).padStart(5)}%  ` : '  '}${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`);
}
