import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol';
import { closedWith, docs, openClient, synced } from '../helpers/collab';
import { PG_URL, nodeApi, clusterPerTest } from './cluster';

describe.skipIf(!PG_URL)('several nodes on one PostgreSQL: rights', () => {
  const { clients, startCluster } = clusterPerTest();

  it('closes the affected connection on node B within a second of a rights change on node A (4205)', async () => {
    const cluster = await startCluster(2);
    const { f, nodes } = cluster;
    const [a, b] = nodes;
    const name = docs.codebook(f);
    const affected = openClient(b!.server, name, f.cookie('other'));
    const bystander = openClient(b!.server, name, f.cookie('owner'));
    clients.push(affected, bystander);
    await Promise.all([synced(affected), synced(bystander)]);
    const started = Date.now();
    const r = await nodeApi(a!, f.cookie('lead'), 'PATCH', `/api/studies/${f.studyId}/members/${f.users.other!.id}`, { role: 'auditor' });
    expect(r.status).toBe(200);
    await closedWith(affected, CloseCode.AuthorizationChanged.code, 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    // Re-authorised afresh on reconnect: now a reader. The owner's rights did not change.
    await synced(affected);
    expect(bystander.closes).toEqual([]);
  });

  it('ends connections on node B of a session that logged out on node A', async () => {
    const cluster = await startCluster(2);
    const { f, nodes } = cluster;
    const [a, b] = nodes;
    const c = openClient(b!.server, docs.codebook(f), f.cookie('owner'));
    clients.push(c);
    await synced(c);
    expect((await nodeApi(a!, f.cookie('owner'), 'POST', '/api/auth/logout', {})).status).toBeLessThan(300);
    await closedWith(c, CloseCode.AuthorizationChanged.code, 1000);
  });
});
