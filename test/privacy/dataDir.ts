import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file under `dir` whose bytes contain `marker` (UTF-8), as a byte search would find it:
 * the database, its WAL and shared memory, and anything else Concord left there.
 */
export function filesContaining(dir: string, marker: string): string[] {
  const needle = Buffer.from(marker, 'utf8');
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (readFileSync(p).includes(needle)) out.push(name);
    }
  };
  walk(dir);
  return out;
}

/** A marker no test data contains by chance. */
export function uniqueMarker(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36)}`;
}
