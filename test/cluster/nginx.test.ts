import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { eventually } from '../helpers/env';
import { type TestClient, docs, openClient, synced } from '../helpers/collab';
import { type Cluster, PG_URL, startCluster } from './cluster';
import { NGINX_BIN, type RunningNginx, freePort, startNginx } from './nginx';

describe.skipIf(!PG_URL || !NGINX_BIN)('two nodes behind nginx (round robin)', () => {
  let cluster: Cluster | null = null;
  let nginx: RunningNginx | null = null;
  let prefix: string | null = null;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await nginx?.stop();
    await cluster?.close();
    if (prefix) rmSync(prefix, { recursive: true, force: true });
    cluster = nginx = prefix = null;
  });

  it('converges clients spread over both nodes, and they fail over when a node dies', async () => {
    const port = await freePort();
    // The nodes' public origin is the balancer's (what a browser's Origin header says).
    cluster = await startCluster(2, 'open', { PUBLIC_ORIGIN: `http://localhost:${port}` });
    prefix = mkdtempSync(join(tmpdir(), 'concord-nginx-'));
    nginx = await startNginx(prefix, port, cluster.nodes.map((n) => n.port));
    const { f } = cluster;
    const front = { port, url: nginx.url } as RunningServer;
    const name = docs.codebook(f);
    const users = ['lead', 'owner', 'other'];
    for (let i = 0; i < 6; i++) clients.push(openClient(front, name, f.cookie(users[i % 3]!), { persisted: true }));
    await Promise.all(clients.map((c) => synced(c, 10_000)));
    for (const [i, c] of clients.entries()) c.doc.getArray<string>('log').push([`first-${i}`]);
    await eventually(() => clients.every((c) => c.doc.getArray('log').length === 6), 10_000);

    // Round robin put half the clients on node A: they lose their socket and come back through
    // nginx, which now sends them to node B.
    cluster.nodes[0]!.child.kill('SIGKILL');
    await cluster.nodes[0]!.exited;
    await eventually(() => clients.some((c) => c.closes.length > 0), 10_000);
    await Promise.all(clients.map((c) => eventually(() => c.provider.wsconnected && c.provider.synced, 10_000)));
    for (const [i, c] of clients.entries()) c.doc.getArray<string>('log').push([`second-${i}`]);
    await eventually(() => clients.every((c) => c.doc.getArray('log').length === 12), 10_000);
    const sorted = (c: TestClient) => c.doc.getArray<string>('log').toArray().slice().sort();
    for (const c of clients) expect(sorted(c)).toEqual(sorted(clients[0]!));
  }, 60_000);
});
