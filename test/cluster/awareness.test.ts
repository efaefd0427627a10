import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/env';
import { type TestClient, docs, openClient, synced } from '../helpers/collab';
import { PG_URL, clusterPerTest } from './cluster';

describe.skipIf(!PG_URL)('several nodes on one PostgreSQL: presence', () => {
  const { clients, startCluster } = clusterPerTest();

  async function pair(mode: 'open' | 'blind') {
    const cluster = await startCluster(2, mode);
    const { f, nodes } = cluster;
    const name = docs.codebook(f);
    const onA = openClient(nodes[0]!.server, name, f.cookie('owner'));
    const onB = openClient(nodes[1]!.server, name, f.cookie('other'));
    clients.push(onA, onB);
    await Promise.all([synced(onA), synced(onB)]);
    return { onA, onB };
  }
  const seenBy = (viewer: TestClient, subject: TestClient) => viewer.provider.awareness.getStates().get(subject.doc.clientID);

  it('shows a coder on node A to a coder on node B, and removes them when they leave', async () => {
    const { onA, onB } = await pair('open');
    onA.provider.awareness.setLocalState({ user: { name: 'Ana', color: '#c33' }, cursor: { line: 3 } });
    await eventually(() => expect(seenBy(onB, onA)).toEqual({ user: { name: 'Ana', color: '#c33' }, cursor: { line: 3 } }));
    onB.provider.awareness.setLocalState({ user: { name: 'Ben', color: '#33c' } });
    await eventually(() => expect(seenBy(onA, onB)).toEqual({ user: { name: 'Ben', color: '#33c' } }));
    onA.provider.disconnect();
    await eventually(() => seenBy(onB, onA) === undefined);
  });

  it('reduces presence to name and colour across nodes in a blind study', async () => {
    const { onA, onB } = await pair('blind');
    onA.provider.awareness.setLocalState({ user: { name: 'Ana', color: '#c33' }, selection: { from: 10, to: 42 } });
    await eventually(() => expect(seenBy(onB, onA)).toEqual({ user: { name: 'Ana', color: '#c33' } }));
  });
});
