import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createServices } from '../../server/services';
import type { RunningServer } from '../../server/server';
import { type TestEnv, eventually, testDialects, preparedTestEnv } from '../helpers/env';
import { type StudyFixture, type TestClient, docs, openClient, seedStudy, synced } from '../helpers/collab';
import { type ChildServer, startChildServer } from './childServer';
import { prng } from './frames';

const ROUNDS = 10;

for (const dialect of testDialects()) {
  describe(`crash safety with SIGKILL (${dialect})`, () => {
    let env: TestEnv;
    let f: StudyFixture;
    let childEnv: Record<string, string>;

    beforeAll(async () => {
      env = await preparedTestEnv(dialect);
      const s = await createServices(env.config, env.options);
      f = await seedStudy(s, 'open');
      await s.close();
      childEnv = { DATA_DIR: env.dataDir, ...(env.config.databaseUrl ? { DATABASE_URL: env.config.databaseUrl } : {}), ...(env.options.pgSchema ? { CONCORD_PG_SCHEMA: env.options.pgSchema } : {}) };
    });
    afterAll(async () => env.cleanup());

    it(`keeps every update a client had received, across ${ROUNDS} kills at random moments`, async () => {
      const name = docs.codebook(f);
      const rand = prng(9001);
      const everSeen = new Set<string>();
      let running: ChildServer = await startChildServer(childEnv);
      try {
        for (let round = 0; round < ROUNDS; round++) {
          const server = running.server as RunningServer;
          const writers = ['lead', 'owner', 'other'].map((u) => openClient(server, name, f.cookie(u), { persisted: true }));
          await Promise.all(writers.map((c) => synced(c)));
          // What each client has received from the server, and its own writes with their clocks.
          const received = new Set<string>();
          const own: Array<{ c: TestClient; value: string; clock: number }> = [];
          for (const c of writers) {
            c.doc.getArray<string>('log').observe((event) => {
              if (event.transaction.origin !== c.provider) return;
              for (const d of event.changes.delta) if (d.insert) for (const v of d.insert as string[]) received.add(v);
            });
          }
          let n = 0;
          const timer = setInterval(() => {
            for (const [i, c] of writers.entries()) {
              const value = `r${round}-c${i}-${n}`;
              c.doc.getArray<string>('log').push([value]);
              own.push({ c, value, clock: Y.getState(c.doc.store, c.doc.clientID) });
            }
            n++;
          }, 2);
          await eventually(() => received.size > 0, 10_000); // traffic is flowing through the server
          const killAfter = Math.floor(rand() * 400);
          await new Promise((resolve) => setTimeout(resolve, killAfter)); // the crash moment, not a synchronisation
          running.child.kill('SIGKILL');
          clearInterval(timer);
          // Everything a client got from the server, or was told is persisted, must survive.
          const mustSurvive = new Set(received);
          for (const w of own) if ((w.c.persisted()?.get(w.c.doc.clientID) ?? 0) >= w.clock) mustSurvive.add(w.value);
          for (const c of writers) c.destroy();
          await running.exited;

          running = await startChildServer(childEnv);
          const fresh = openClient(running.server as RunningServer, name, f.cookie('auditor'));
          const fresh2 = openClient(running.server as RunningServer, name, f.cookie('lead'));
          await Promise.all([synced(fresh), synced(fresh2)]);
          const content = fresh.doc.getArray<string>('log').toArray();
          fresh.destroy();
          fresh2.destroy();
          const have = new Set(content);
          const missing = [...mustSurvive].filter((v) => !have.has(v));
          const lost = [...everSeen].filter((v) => !have.has(v));
          expect({ round, killAfter, missing, lost, duplicates: content.length - have.size }).toEqual({ round, killAfter, missing: [], lost: [], duplicates: 0 });
          expect(mustSurvive.size).toBeGreaterThan(0);
          for (const v of mustSurvive) everSeen.add(v);
        }
      } finally {
        running.child.kill('SIGKILL');
        await running.exited;
      }
      expect(everSeen.size).toBeGreaterThan(ROUNDS);
    }, 120_000);
  });
}
