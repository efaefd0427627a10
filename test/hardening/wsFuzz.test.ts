import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '../../shared/protocol';
import type { RunningServer } from '../../server/server';
import { type StudyFixture, type TestClient, docs, openClient, seedStudy, synced } from '../helpers/collab';
import { eventually, testDialects, testServer } from '../helpers/env';
import { tableDigest } from './digest';
import { frame, prng } from './frames';
import { type Lane, harmless, hostile } from './hostileFrames';
import { logSink } from './logSink';

const FRAMES = 10_200;
const LANES: Lane[] = ['writer', 'reader', 'writer', 'reader', 'writer', 'reader'];
const SEED = 90_210;

interface Stats {
  sent: number;
  hostile: number;
  connections: number;
  /** Close codes the server sent, as the fuzzing clients saw them. */
  codes: Map<number, number>;
}

/** A raw socket on a document, resolved once authorised (its SyncStep1 probe was answered). */
async function authorisedSocket(server: RunningServer, docName: string, cookie: string) {
  const ws = new WebSocket(`ws://localhost:${server.port}/collab/${docName}`, { headers: { cookie, origin: server.url } });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const answered = new Promise<void>((resolve) =>
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) resolve(); // SyncStep2
    }),
  );
  ws.send(frame.probe());
  await Promise.race([answered, closed]);
  return { ws, closed };
}

/**
 * One fuzzing connection after another on a document: bursts of harmless frames ending with at
 * most one hostile frame, then a WebSocket ping. `ws` answers pings in order with the frames
 * before them, and not at all once it is closing, so the pong proves the burst was handled
 * without closing the connection; otherwise the close code says how the server refused it.
 */
async function fuzzLane(server: RunningServer, docName: string, cookie: string, lane: Lane, rand: () => number, quota: number, stats: Stats) {
  const clientId = 1 + Math.floor(rand() * 2 ** 30);
  let sent = 0;
  let socket = await authorisedSocket(server, docName, cookie);
  stats.connections++;
  let clock = 1;
  while (sent < quota) {
    const burst = 1 + Math.floor(rand() * 24);
    for (let i = 0; i < burst && sent < quota; i++) {
      const f = rand() < 0.15 ? hostile(rand, lane, clientId) : harmless(rand, lane, clientId, clock++);
      socket.ws.send(f.bytes, { binary: !f.text });
      sent++;
      stats.sent++;
      if (f.hostile) {
        stats.hostile++;
        break;
      }
    }
    const pong = new Promise<null>((resolve) => socket.ws.once('pong', () => resolve(null)));
    socket.ws.ping();
    const code = await Promise.race([socket.closed, pong]);
    if (code !== null) {
      stats.codes.set(code, (stats.codes.get(code) ?? 0) + 1);
      socket = await authorisedSocket(server, docName, cookie);
      stats.connections++;
      clock = 1;
    }
  }
  socket.ws.close();
  await socket.closed;
}

for (const dialect of testDialects()) {
  describe(`WebSocket fuzzer (${dialect})`, () => {
    const sink = logSink();
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    const clients: TestClient[] = [];

    beforeAll(async () => {
      ({ server, close } = await testServer(dialect, { log: sink.log }));
      f = await seedStudy(server.services, 'open');
    });
    afterAll(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await close();
    });

    it(`survives ${FRAMES.toLocaleString('en')} random and mutated frames on 6 connections: stays up, serves others, logs each refusal, stores nothing`, async () => {
      const name = docs.layer(f);
      const owner = openClient(server, name, f.cookie('owner'), { persisted: true });
      const lead = openClient(server, name, f.cookie('lead'));
      clients.push(owner, lead);
      await Promise.all([synced(owner), synced(lead)]);
      owner.doc.getArray('codings').push(['before']);
      await eventually(() => owner.isSaved() && lead.doc.getArray('codings').length === 1);
      const before = await tableDigest(server.services.db);

      const stats: Stats = { sent: 0, hostile: 0, connections: 0, codes: new Map() };
      let fuzzing = true;
      let healthChecks = 0;
      // Another client of the HTTP door, answered throughout (paced, not waiting for anything).
      const health = (async () => {
        while (fuzzing) {
          const r = await fetch(`${server.url}/api/health`);
          expect(r.status).toBe(200);
          healthChecks++;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const rand = prng(SEED);
      const laneSeeds = LANES.map(() => Math.floor(rand() * 2 ** 31));
      await Promise.all(
        LANES.map((lane, i) => fuzzLane(server, name, f.cookie(lane === 'writer' ? 'owner' : 'auditor'), lane, prng(laneSeeds[i]!), Math.ceil(FRAMES / LANES.length), stats)),
      );
      fuzzing = false;
      await health;

      expect(stats.sent, `seed ${SEED}`).toBeGreaterThanOrEqual(10_000);
      expect(stats.hostile).toBeGreaterThan(1000);
      const refused = [...stats.codes.values()].reduce((a, b) => a + b, 0);
      expect(refused).toBeGreaterThan(500);
      // Only protocol refusals: malformed (4400) or too large (4413); never a crash or a 1011.
      expect([...stats.codes.keys()].filter((c) => c !== CloseCode.Malformed.code && c !== CloseCode.TooLarge.code), `seed ${SEED}`).toEqual([]);
      // Every refusal is logged with its code.
      for (const [code, n] of stats.codes) expect(sink.count('collab.closed', (e) => e.code === code), `code ${code}`).toBe(n);
      expect(healthChecks).toBeGreaterThan(0);
      expect(await tableDigest(server.services.db)).toEqual(before);

      // The bystanders were never disturbed and still collaborate.
      owner.doc.getArray('codings').push(['after']);
      await eventually(() => lead.doc.getArray('codings').length === 2);
      expect(owner.closes).toEqual([]);
      expect(lead.closes).toEqual([]);
    }, 120_000);
  });
}
