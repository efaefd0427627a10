// Self time by function of V8 CPU profiles (`bench/all.ts --profile` writes them to
// bench/results/profiles/<kind>.<time>/, one file per thread: the main thread's ends in .0.001):
// which functions the server spends its samples in, idle excluded.
//   node bin/run-ts.js bench/profileSummary.ts bench/results/profiles/*/*.0.001.cpuprofile [--top 40]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type CpuProfile, addSelfTime, selfTimeLines } from './lib/cpuProfile';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 40;
const files = args.filter((a, i) => !a.startsWith('--') && i !== topAt + 1);

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const totals = new Map<string, number>();
  const busy = addSelfTime(profile, totals);
  process.stdout.write(`${basename(file)}: ${(busy / 1000).toFixed(0)} ms busy of ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms\n`);
  for (const line of selfTimeLines(totals, top, busy)) process.stdout.write(`${line}\n`);
}
