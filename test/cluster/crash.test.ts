import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/env';
import { type TestClient, docs, openClient, synced } from '../helpers/collab';
import { prng } from '../collab/frames';
import { PG_URL, clusterPerTest } from './cluster';

describe.skipIf(!PG_URL)('several nodes on one PostgreSQL: a node killed with SIGKILL', () => {
  const { clients, startCluster } = clusterPerTest();

  for (const seed of [1, 2, 3]) {
    it(`keeps every update any client had received when node A dies under writes (seed ${seed})`, async () => {
      const cluster = await startCluster(2);
      const { f, nodes } = cluster;
      const [a, b] = nodes;
      const name = docs.codebook(f);
      const users = ['lead', 'owner', 'other'];
      const onA = users.map((u) => openClient(a!.server, name, f.cookie(u), { persisted: true }));
      const onB = users.map((u) => openClient(b!.server, name, f.cookie(u), { persisted: true }));
      const writers = [...onA, ...onB];
      clients.push(...writers);
      await Promise.all(writers.map((c) => synced(c)));
      // What each client received from a server (origin: its provider), and its own writes.
      const received = new Set<string>();
      const written: string[] = [];
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
          if (!c.provider.wsconnected) continue;
          const value = `c${i}-${n}`;
          c.doc.getArray<string>('log').push([value]);
          written.push(value);
          own.push({ c, value, clock: Y.getState(c.doc.store, c.doc.clientID) });
        }
        n++;
      }, 3);
      await eventually(() => [...received].some((v) => v.startsWith('c0-')) && [...received].some((v) => v.startsWith('c3-')), 10_000);
      const rand = prng(seed);
      await new Promise((r) => setTimeout(r, Math.floor(rand() * 300))); // the crash moment, not a synchronisation
      a!.child.kill('SIGKILL');
      const mustSurvive = new Set(received);
      for (const w of own) if ((w.c.persisted()?.get(w.c.doc.clientID) ?? 0) >= w.clock) mustSurvive.add(w.value);
      await a!.exited;
      clearInterval(timer);
      // A's clients reconnect to B (as a load balancer would send them), keeping their documents.
      const moved = onA.map((c, i) => {
        c.provider.destroy();
        return openClient(b!.server, name, f.cookie(users[i]!), { persisted: true, doc: c.doc });
      });
      clients.push(...moved);
      await Promise.all(moved.map((c) => synced(c)));
      const fresh = openClient(b!.server, name, f.cookie('auditor'));
      clients.push(fresh);
      await synced(fresh);
      // Rows A committed just before dying reach B by its catch-up, even if A's NOTIFY never left.
      await eventually(() => {
        const have = new Set(fresh.doc.getArray<string>('log').toArray());
        return [...mustSurvive].every((v) => have.has(v));
      }, 10_000);
      // The clients still held their unacknowledged writes and resent them to B: nothing is lost.
      await eventually(() => fresh.doc.getArray('log').length === written.length, 10_000);
      const content = fresh.doc.getArray<string>('log').toArray();
      expect(new Set(content).size).toBe(content.length);
      expect(mustSurvive.size).toBeGreaterThan(0);
    }, 60_000);
  }
});
