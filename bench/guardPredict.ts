// Issue 19: CPU of judging a codebook writer's update, the trial on a copy (apply to the shadow,
// review, apply to the document) against the prediction (read the decoded update, apply to the
// document once). In one process, the two paths alternated per round on identical update streams.
//   node bin/run-ts.js bench/guardPredict.ts [--changes 3000] [--rounds 5]
import { loadavg } from 'node:os';
import * as Y from 'yjs';
import { codebookGuard } from '../server/collab/codebookGuard';
import { addTheme, themesMap } from '../shared/themes';
import { median } from './lib/stats';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const changes = Number(opt('changes') ?? 3000);
const rounds = Number(opt('rounds') ?? 5);
const guard = codebookGuard({ role: 'coder', codebookPhase: 'open', codebook: 'shared' });

type Kind = 'array push' | 'theme field' | 'theme add';

/** A codebook of 20 themes, and `changes` updates of one kind made by a coder's replica. */
function stream(kind: Kind): { base: Uint8Array; updates: Uint8Array[] } {
  const writer = new Y.Doc();
  for (let i = 0; i < 20; i++) addTheme(writer, { id: `t${i}`, label: `Theme ${i}`, createdBy: 'lead' });
  const base = Y.encodeStateAsUpdate(writer);
  const updates: Uint8Array[] = [];
  writer.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < changes; i++) {
    if (kind === 'array push') writer.getArray<string>('b').push([`0-${i}-${'x'.repeat(24)}`]);
    else if (kind === 'theme field') (themesMap(writer).get(`t${i % 20}`) as Y.Map<unknown>).set('description', `d${i}`);
    else addTheme(writer, { id: `n${i}`, label: `New ${i}`, createdBy: 'coder' });
  }
  return { base, updates };
}

function run(path: 'trial' | 'prediction', s: { base: Uint8Array; updates: Uint8Array[] }): number {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, s.base);
  const shadow = new Y.Doc();
  Y.applyUpdate(shadow, s.base);
  let changed: Y.Transaction['changed'] = new Map();
  shadow.on('afterTransaction', (tr: Y.Transaction) => (changed = tr.changed));
  const t0 = process.cpuUsage();
  for (const u of s.updates) {
    if (path === 'trial') {
      Y.applyUpdate(shadow, u);
      if (guard.review(doc, shadow, changed) !== null) throw new Error('refused');
    } else {
      const p = guard.predict!(doc, u);
      if (p === null || p.refusal !== null) throw new Error(`not predicted: ${p?.refusal}`);
    }
    Y.applyUpdate(doc, u);
  }
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / s.updates.length; // microseconds
}

const load1: number[] = [loadavg()[0]!];
const out: Record<string, unknown> = { changes, rounds, load1 };
for (const kind of ['array push', 'theme field', 'theme add'] as const) {
  const s = stream(kind);
  const times = { trial: [] as number[], prediction: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    for (const path of r % 2 === 0 ? (['trial', 'prediction'] as const) : (['prediction', 'trial'] as const)) times[path].push(run(path, s));
  }
  out[kind] = { trialUsPerChange: median(times.trial), predictionUsPerChange: median(times.prediction) };
}
load1.push(loadavg()[0]!);
console.log(JSON.stringify(out));
