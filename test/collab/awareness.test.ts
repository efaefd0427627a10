import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AWARENESS_BURST } from '../../server/collab/limits';
import type { RunningServer } from '../../server/server';
import { eventually, testDialects, testServer } from '../helpers/env';
import { type StudyFixture, type TestClient, docs, openClient, rawSocket, seedStudy, synced } from '../helpers/collab';

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

const presence = { user: { name: 'Owner', color: '#e11d48' }, cursor: { anchor: 120, head: 164 }, selection: 'theme-7' };

for (const dialect of testDialects()) {
  describe(`awareness (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    const clients: TestClient[] = [];
    const open = (name: string, user: string) => {
      const c = openClient(server, name, f.cookie(user));
      clients.push(c);
      return c;
    };
    const setup = async (mode: 'open' | 'blind') => {
      ({ server, close } = await testServer(dialect));
      f = await seedStudy(server.services, mode);
    };

    beforeEach(() => {
      close = async () => undefined;
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await close();
    });

    it('in blind mode relays only {user} on the codebook: no cursor or selection', async () => {
      await setup('blind');
      const name = docs.codebook(f);
      const owner = open(name, 'owner');
      const other = open(name, 'other');
      const lead = open(name, 'lead');
      await Promise.all([owner, other, lead].map((c) => synced(c)));
      owner.provider.awareness.setLocalState(presence);
      const id = owner.doc.clientID;
      for (const viewer of [other, lead]) {
        await eventually(() => viewer.provider.awareness.getStates().get(id)?.user);
        expect(viewer.provider.awareness.getStates().get(id)).toEqual({ user: { name: 'Owner', color: '#e11d48' } });
      }
    });

    it('in open mode relays the whole presence state', async () => {
      await setup('open');
      const name = docs.codebook(f);
      const owner = open(name, 'owner');
      const other = open(name, 'other');
      await Promise.all([synced(owner), synced(other)]);
      owner.provider.awareness.setLocalState(presence);
      await eventually(() => other.provider.awareness.getStates().get(owner.doc.clientID)?.cursor);
      expect(other.provider.awareness.getStates().get(owner.doc.clientID)).toEqual(presence);
    });

    it('binds states to the connection that announced them: nobody speaks for another client', async () => {
      await setup('open');
      const name = docs.codebook(f);
      const owner = open(name, 'owner');
      const lead = open(name, 'lead');
      await Promise.all([synced(owner), synced(lead)]);
      owner.provider.awareness.setLocalState(presence);
      const victim = owner.doc.clientID;
      await eventually(() => lead.provider.awareness.getStates().get(victim)?.cursor);

      const raw = await rawSocket(server, name, f.cookie('other'));
      raw.ws.send(awarenessFrame(4242, 1, { user: { name: 'Intruder' } })); // its own id: relayed
      raw.ws.send(awarenessFrame(victim, 10_000, { user: { name: 'Forged' }, cursor: { anchor: 0 } }));
      await eventually(() => lead.provider.awareness.getStates().get(4242)?.user);
      owner.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 2 }); // a later real change
      await eventually(() => (lead.provider.awareness.getStates().get(victim) as typeof presence | undefined)?.cursor.anchor === 1);
      expect(lead.provider.awareness.getStates().get(victim)).toMatchObject({ user: presence.user });
      raw.ws.close();
      await eventually(() => !lead.provider.awareness.getStates().has(4242)); // removed when it left
    });

    it('rate-limits awareness floods by coalescing: far fewer relays, the newest state wins', async () => {
      await setup('open');
      const name = docs.codebook(f);
      const lead = open(name, 'lead');
      const owner = open(name, 'owner');
      await Promise.all([synced(lead), synced(owner)]);
      let relayed = 0;
      lead.provider.awareness.on('update', ({ updated, added }: { updated: number[]; added: number[] }) => {
        if ([...updated, ...added].includes(777)) relayed++;
      });
      const raw = await rawSocket(server, name, f.cookie('other'));
      await eventually(() => raw.received.length > 0); // authorised (else the pending-queue limit applies)
      const flood = 400;
      for (let i = 1; i <= flood; i++) raw.ws.send(awarenessFrame(777, i, { user: { name: 'Flood' }, n: i }));
      await eventually(() => (lead.provider.awareness.getStates().get(777) as { n?: number } | undefined)?.n === flood, 10_000);
      expect(relayed).toBeLessThan(AWARENESS_BURST + 30);
      expect(owner.provider.awareness.getStates().get(777)).toMatchObject({ n: flood });
      raw.ws.close();
    });
  });
}
