import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/env';
import { docs, openClient, synced } from '../helpers/collab';
import { PG_URL, pgQuery, clusterPerTest } from './cluster';

describe.skipIf(!PG_URL)('several nodes on one PostgreSQL: a lost listener connection', () => {
  const { clients, startCluster } = clusterPerTest();

  const listenerPids = async (nodePid: number) =>
    (await pgQuery<{ pid: number }>(`select pid from pg_stat_activity where application_name = $1`, [`concord-listen-${nodePid}`])).map((r) => r.pid);

  it('catches up on what was committed while its LISTEN connection was cut, and listens again', async () => {
    const cluster = await startCluster(2);
    const { f, nodes } = cluster;
    const [a, b] = nodes;
    const name = docs.codebook(f);
    const writer = openClient(a!.server, name, f.cookie('owner'));
    const reader = openClient(b!.server, name, f.cookie('auditor'));
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    writer.doc.getArray<string>('log').push(['before']);
    await eventually(() => reader.doc.getArray('log').length === 1);

    const [cut] = await listenerPids(b!.child.pid!);
    expect(cut).toBeDefined();
    await pgQuery('select pg_terminate_backend($1)', [cut]);
    // Written while B cannot hear: these notifications are lost to B.
    for (let i = 0; i < 20; i++) writer.doc.getArray<string>('log').push([`during-${i}`]);
    await eventually(() => reader.doc.getArray('log').length === 21, 5000);

    // B listens again on a new connection, and notifications flow as before.
    const again = await eventually(async () => {
      const pids = await listenerPids(b!.child.pid!);
      return pids.length === 1 && pids[0] !== cut ? pids : null;
    });
    expect(again).toHaveLength(1);
    writer.doc.getArray<string>('log').push(['after']);
    await eventually(() => reader.doc.getArray('log').length === 22);
    expect(reader.closes).toEqual([]);
  });
});
