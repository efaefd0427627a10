// CPU per change of the server's durable write path alone, in one process, without sockets:
// a room of the registry on a real SQLite file (synchronous=FULL, as served), a codebook writer
// with its guard (as a coder's connection), one update submitted at a time and waited for until
// its commit reached the room's listener (the moment the collab channel broadcasts). The same
// updates as the fan-out scenarios' writers (one string pushed into a shared array). CPU time
// (process.cpuUsage) is barely moved by other processes on the machine, unlike wall time.
// With --receivers N, each commit is also delivered through the collab channel (DocChannel,
// Connection) to N read-only connections on sockets that only count what they are sent: Concord's
// own per-recipient work, without the kernel's.
//   node bin/run-ts.js bench/commitPath.ts [--changes 3000] [--rounds 3] [--docs 1] [--unguarded] [--receivers 9]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { Connection } from '../server/collab/Connection';
import { DocChannel } from '../server/collab/DocChannel';
import { codebookGuard } from '../server/collab/codebookGuard';
import type { SocketLike } from '../server/collab/SocketLike';
import { createLogger } from '../server/log';
import { parseConfig } from '../server/config';
import { createServices } from '../server/services';
import type { DocWriter, Room } from '../server/ydocs/Room';
import { median, round2 } from './lib/stats';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : dflt);
const changes = opt('changes', 3000);
const rounds = opt('rounds', 3);
const docs = opt('docs', 1);
const guarded = !args.includes('--unguarded');
const receivers = opt('receivers', 0);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

const writer: DocWriter = {
  authorId: 'bench-writer',
  guard: guarded ? codebookGuard({ role: 'coder', codebookPhase: 'open', codebook: 'shared' }) : null,
};

async function round(): Promise<{ cpuMsPerChange: number; userMsPerChange: number; wallMsPerChange: number; delivered: number }> {
  const dataDir = mkdtempSync(join(process.env.COMMIT_PATH_DIR ?? tmpdir(), 'concord-commitpath-'));
  const s = await createServices(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  try {
    const rooms: Room[] = [];
    const clients: Y.Doc[] = [];
    const outbox: Uint8Array[][] = [];
    for (let d = 0; d < docs; d++) {
      const room = await s.docs.acquire(`studies/bench${d}/codebook`);
      rooms.push(room);
      const client = new Y.Doc();
      const mine: Uint8Array[] = [];
      client.on('update', (u: Uint8Array) => mine.push(u));
      clients.push(client);
      outbox.push(mine);
    }
    let delivered = 0;
    const socket: SocketLike = { send: () => void delivered++, close: () => undefined, bufferedAmount: 0 };
    const log = createLogger('silent');
    for (const room of rooms) {
      if (receivers === 0) break;
      const channel = new DocChannel(room.name, room, false, () => undefined);
      for (let i = 0; i < receivers; i++) {
        const conn = new Connection(socket, { docName: room.name, ref: null, userId: `reader${i}`, sessionId: `s${i}`, persisted: false }, log, () => undefined);
        conn.open(channel, { access: 'read', studyId: 'bench', transcriptId: null, blindAwareness: false, governance: null, integrity: null, condition: null });
      }
    }
    let committed = 0;
    let wake: () => void = () => undefined;
    for (const room of rooms) {
      room.listeners.add({ committed: () => (committed++, wake()), rejected: (_w, e) => { throw e; }, reset: () => undefined });
    }
    const step = async (i: number) => {
      const target = committed + docs;
      for (let d = 0; d < docs; d++) {
        clients[d]!.getArray<string>('b').push([`${d}-${i}-${'x'.repeat(24)}`]);
        const update = outbox[d]!.shift()!;
        if (rooms[d]!.submit(update, writer) !== 'queued') throw new Error('update refused');
      }
      while (committed < target) await new Promise<void>((resolve) => (wake = resolve));
    };
    for (let i = 0; i < 100; i++) await step(i); // warm-up
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < changes; i++) await step(100 + i);
    const cpu = process.cpuUsage(cpu0);
    const n = changes * docs;
    return { cpuMsPerChange: round3((cpu.user + cpu.system) / 1000 / n), userMsPerChange: round3(cpu.user / 1000 / n), wallMsPerChange: round3((performance.now() - t0) / n), delivered };
  } finally {
    await s.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const load = [loadavg()[0]!];
const results = [];
for (let r = 0; r < rounds; r++) results.push(await round());
load.push(loadavg()[0]!);
process.stdout.write(
  `${JSON.stringify({ changes, docs, guarded, receivers, load1: load.map((l) => round2(l)), cpuMsPerChange: median(results.map((r) => r.cpuMsPerChange)), wallMsPerChange: median(results.map((r) => r.wallMsPerChange)), rounds: results })}\n`,
);
