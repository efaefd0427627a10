// Server-side load of one document of 10,000 single-theme updates from a real SQLite file,
// through the registry's own loadDoc, in the states its log can be in:
// - `neverCompacted`: 10,000 rows replayed (a log written before compaction existed);
// - `atThreshold`: a snapshot plus COMPACT_AFTER_UPDATES - 1 rows, the longest tail a served
//   document reaches (the registry snapshots it in the background after the commit that reaches
//   the threshold, and on load when a tail is longer);
// - `compacted`: the snapshot alone.
// Medians of --rounds loads, each from a freshly opened database; load average recorded.
// Then the client's view of the same states: a real y-websocket client connecting to a freshly
// started server (the document not loaded yet) until `synced`, the server having served another
// document first (a warm process, a cold document).
//   node bin/run-ts.js bench/docLoad.ts [--rounds 7] [--out bench/results/docLoad.json]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createSession } from '../server/auth/sessions';
import { createStudy } from '../server/commands/studies/studies';
import { parseConfig } from '../server/config';
import { newId } from '../server/ids';
import { startServer } from '../server/server';
import { createServices } from '../server/services';
import { insertUser } from '../server/store/users';
import { appendDocUpdates, saveDocSnapshot } from '../server/store/docLog';
import { COMPACT_AFTER_UPDATES } from '../server/ydocs/docLimits';
import { loadDoc } from '../server/ydocs/loadDoc';
import { machine, uptime } from './lib/machine';
import { median, round2 } from './lib/stats';

const args = process.argv.slice(2);
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 7;
const out = args.includes('--out') ? args[args.indexOf('--out') + 1]! : 'bench/results/docLoad.json';
const ITEMS = 10_000;

const started = machine();
const dataDir = mkdtempSync(join(tmpdir(), 'concord-docload-'));
const open = () => createServices(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));

// Three documents with the same content, 10,000 updates each (one theme per update).
const source = new Y.Doc();
const updates: Uint8Array[] = [];
source.on('update', (u: Uint8Array) => updates.push(u));
for (let i = 0; i < ITEMS; i++) source.getArray('themes').push([{ id: `t${i}`, label: `Theme ${i}` }]);
/** The registry snapshots the live doc (Y.encodeStateAsUpdate), never a merge of stored updates. */
function encodeLikeTheRegistry(us: Uint8Array[]): Uint8Array {
  const d = new Y.Doc();
  d.transact(() => us.forEach((u) => Y.applyUpdate(d, u)));
  return Y.encodeStateAsUpdate(d);
}
// Codebooks of three studies led by one account, so that a real client may open them.
const DOCS: Record<'neverCompacted' | 'atThreshold' | 'compacted' | 'warmUp', string> = { neverCompacted: '', atThreshold: '', compacted: '', warmUp: '' };
let cookie = '';
{
  const s = await open();
  await sql`PRAGMA synchronous = OFF`.execute(s.db); // seeding only
  const lead = await insertUser(s.db, { id: newId(), email: 'lead@bench.example', name: 'Lead', passwordHash: 'not-a-hash', isAdmin: false, now: Date.now() });
  cookie = `concord_session=${(await createSession(s.db, lead.id, Date.now())).token}`;
  for (const key of Object.keys(DOCS) as Array<keyof typeof DOCS>) {
    const study = await createStudy(s, { user: lead, sessionId: null }, { title: `docLoad ${key}`, codingMode: 'open' });
    DOCS[key] = `studies/${study.id}/codebook`;
  }
  const append = async (doc: string, us: Uint8Array[]) => {
    const ids: number[] = [];
    for (let i = 0; i < us.length; i += 1000) ids.push(...(await appendDocUpdates(s.db, us.slice(i, i + 1000).map((update) => ({ doc, authorId: null, at: Date.now(), update })))));
    return ids;
  };
  await append(DOCS.neverCompacted, updates);
  const tail = COMPACT_AFTER_UPDATES - 1;
  const head = updates.slice(0, ITEMS - tail);
  const headIds = await append(DOCS.atThreshold, head);
  await saveDocSnapshot(s.db, DOCS.atThreshold, { uptoId: headIds[headIds.length - 1]!, at: Date.now(), state: encodeLikeTheRegistry(head) });
  await append(DOCS.atThreshold, updates.slice(ITEMS - tail));
  const allIds = await append(DOCS.compacted, updates);
  await saveDocSnapshot(s.db, DOCS.compacted, { uptoId: allIds[allIds.length - 1]!, at: Date.now(), state: Y.encodeStateAsUpdate(source) });
  await s.close();
}

const STATES = ['neverCompacted', 'atThreshold', 'compacted'] as const;
const runs: Record<string, Array<{ load1: number; ms: number; tailRows: number }>> = { neverCompacted: [], atThreshold: [], compacted: [] };
for (let r = 0; r < rounds; r++) {
  for (const key of STATES) {
    const doc = DOCS[key];
    const s = await open();
    try {
      await loadDoc(s.db, DOCS.warmUp); // the process and connection warm, the document cold
      const load1 = round2(loadavg()[0]!);
      const t = performance.now();
      const loaded = await loadDoc(s.db, doc);
      const ms = round2(performance.now() - t);
      if (loaded.doc.getArray('themes').length !== ITEMS) throw new Error(`${doc}: ${loaded.doc.getArray('themes').length} items`);
      runs[key]!.push({ load1, ms, tailRows: loaded.tailRows });
    } finally {
      await s.close();
    }
  }
}

/** Connect to synced of one real y-websocket client on a freshly started server. */
async function clientSynced(doc: string): Promise<{ load1: number; ms: number }> {
  const server = await startServer(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' }));
  const origin = `http://localhost:${server.port}`;
  const Socket = class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin } });
    }
  };
  const join = async (name: string) => {
    const ydoc = new Y.Doc();
    const t = performance.now();
    const provider = new WebsocketProvider(`ws://localhost:${server.port}/collab`, name, ydoc, { WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket, disableBc: true });
    await new Promise<void>((resolve, reject) => {
      provider.on('sync', (synced: boolean) => synced && resolve());
      provider.on('connection-close', (e) => reject(new Error(`closed ${e?.code}`)));
    });
    const ms = round2(performance.now() - t);
    provider.destroy();
    ydoc.destroy();
    return { ms, items: ydoc.getArray('themes').length };
  };
  try {
    await join(DOCS.warmUp);
    const load1 = round2(loadavg()[0]!);
    const { ms } = await join(doc);
    return { load1, ms };
  } finally {
    await server.close();
  }
}

// The states a served document can be in (a load compacts a longer tail, so the never-compacted
// log would be measured once only and is left to the server-side figure).
const clientRuns: Record<string, Array<{ load1: number; ms: number }>> = { neverCompacted: [], atThreshold: [], compacted: [] };
for (let r = 0; r < rounds; r++) for (const key of ['atThreshold', 'compacted'] as const) clientRuns[key]!.push(await clientSynced(DOCS[key]));
rmSync(dataDir, { recursive: true, force: true });

const medians = Object.fromEntries(Object.entries(runs).map(([k, rs]) => [k, { ms: median(rs.map((x) => x.ms)), tailRows: rs[0]?.tailRows ?? null, clientSyncedMs: clientRuns[k]!.length > 0 ? median(clientRuns[k]!.map((x) => x.ms)) : null }]));
const worst = medians.atThreshold!.ms;
const worstClient = medians.atThreshold!.clientSyncedMs;
const targets = [
  { target: 'server-side load of the worst case a served document reaches < 50 ms', concord: worst, reference: 50, ratio: worst === null ? null : round2(worst / 50), met: worst === null ? null : worst < 50 },
  { target: 'client connect-to-synced on the worst case a served document reaches < 100 ms', concord: worstClient, reference: 100, ratio: worstClient === null ? null : round2(worstClient / 100), met: worstClient === null ? null : worstClient < 100 },
];
const result = { at: new Date().toISOString(), machine: { ...started, uptimeAtEnd: uptime() }, command: `node bin/run-ts.js bench/docLoad.ts ${args.join(' ')}`.trim(), options: { rounds, items: ITEMS, compactAfterUpdates: COMPACT_AFTER_UPDATES }, median: medians, runs, clientRuns, targets };
mkdirSync('bench/results', { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
for (const [k, m] of Object.entries(medians)) process.stdout.write(`${k.padEnd(15)} ${m.tailRows} rows replayed: ${m.ms} ms (median); client connect to synced ${m.clientSyncedMs} ms\n`);
for (const t of targets) process.stdout.write(`${t.met ? 'met   ' : 'missed'} ${t.target}: ${t.concord} ms\n`);
process.stdout.write(`before: ${started.uptime}\nafter:  ${result.machine.uptimeAtEnd}\nwrote ${out}\n`);
