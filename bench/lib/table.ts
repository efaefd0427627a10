import type { Figures } from '../scenarios/context';
import type { Scenario } from '../scenarios/index';
import type { ServerKind } from './BenchServer';
import type { TargetCheck } from './targets';

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '-' : String(v));

/** The short stdout table: medians per scenario and server, then the targets. */
export function printTable(scenarios: Scenario[], medians: Record<string, Partial<Record<ServerKind, Figures>>>, targets: TargetCheck[], servers: ServerKind[]): void {
  const out: string[] = [];
  for (const sc of scenarios) {
    out.push(`\n${sc.id}  ${sc.title}`);
    out.push(['server'.padEnd(18), ...sc.columns.map((c) => c.padStart(22))].join(''));
    for (const kind of servers) {
      const f = medians[sc.id]?.[kind];
      if (!f) continue;
      out.push([kind.padEnd(18), ...sc.columns.map((c) => cell(f[c]).padStart(22))].join(''));
    }
  }
  out.push('\ntargets (issue 19 item 1; issue 9 item 3)');
  for (const t of targets) out.push(`  ${t.met === null ? '?' : t.met ? 'met ' : 'MISS'}  ${t.target}: concord ${cell(t.concord)} vs ${cell(t.reference)}${t.ratio === null ? '' : ` (${t.ratio}x)`}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
