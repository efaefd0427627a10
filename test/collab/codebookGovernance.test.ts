import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol';
import { addTheme, describeTheme, finaliseTheme, mergeTheme, moveTheme, recolourTheme, renameTheme, retireTheme, setLevels, themeEntry, themesMap } from '../../shared/themes';
import { withDoc } from '../../server/ydocs/withDoc';
import type { RunningServer } from '../../server/server';
import { eventually, testDialects, testServer } from '../helpers/env';
import { type StudyFixture, type TestClient, closedWith, docs, openClient, seedStudy, serverDoc, synced } from '../helpers/collab';
import { logSink } from '../hardening/logSink';

/**
 * Issue 14 item 3: over the socket a writer of the shared codebook may make only the changes
 * its role may make (shared/access.ts decideCodebookChange, the function REST uses too). Each
 * change below is sent by a real y-websocket client as each role; a refused one never reaches
 * the server's document, its log or the other clients, and closes the socket with 4403.
 */
interface Change {
  name: string;
  /** Makes the change on the client's copy; `a` and `b` are two fresh themes made by another coder. */
  make: (doc: Y.Doc, ids: { a: string; b: string; me: string }) => void;
  /** The part of the codebook the change touches, as the server holds it. */
  read: (doc: Y.Doc, ids: { a: string; b: string }) => unknown;
}

const field = (key: string) => (doc: Y.Doc, ids: { a: string }) => themeEntry(doc, ids.a)?.get(key) ?? null;
const levels = (doc: Y.Doc) => doc.getMap('meta').get('levels') ?? null;

const GOVERNANCE: Change[] = [
  { name: 'rename', make: (d, { a }) => renameTheme(d, a, 'Renamed by a socket'), read: field('label') },
  { name: 'retire', make: (d, { a }) => retireTheme(d, a), read: field('lifecycle') },
  { name: 'merge', make: (d, { a, b }) => mergeTheme(d, a, b), read: field('lifecycle') },
  { name: 'finalise', make: (d, { a }) => finaliseTheme(d, a), read: field('lifecycle') },
  { name: 'set the level names', make: (d) => setLevels(d, ['Realm', 'Theme', 'Sub']), read: levels },
  {
    name: 'add a theme already retired',
    make: (d, { a }) => d.transact(() => addTheme(d, { id: `${a}-x`, label: 'Born retired', createdBy: 'x' }) && themeEntry(d, `${a}-x`)!.set('lifecycle', { status: 'retired' })),
    read: (d, { a }) => themesMap(d).has(`${a}-x`),
  },
];
const NOBODY: Change[] = [
  { name: 'delete a theme', make: (d, { a }) => themesMap(d).delete(a), read: (d, { a }) => themesMap(d).has(a) },
  { name: 'replace a theme', make: (d, { a }) => themesMap(d).set(a, new Y.Map()), read: (d, { a }) => themeEntry(d, a)?.toJSON() ?? null },
  { name: 'claim a theme', make: (d, { a, me }) => themeEntry(d, a)!.set('createdBy', me), read: field('createdBy') },
];
const BUILDING: Change[] = [
  { name: 'add an unknown field', make: (d, { a }) => themeEntry(d, a)!.set('hidden', true), read: field('hidden') },
  { name: 'write another root type', make: (d) => d.getMap('sidecar').set('x', 1), read: (d) => d.getMap('sidecar').toJSON() },
  { name: 'add a theme', make: (d, { a, me }) => void addTheme(d, { id: `${a}-new`, label: 'New', createdBy: me }), read: (d, { a }) => themesMap(d).has(`${a}-new`) },
  { name: 'describe a theme', make: (d, { a }) => describeTheme(d, a, 'what it means'), read: field('description') },
  { name: 'recolour a theme', make: (d, { a }) => recolourTheme(d, a, '#123456'), read: field('color') },
  { name: 'move a theme', make: (d, { a, b }) => moveTheme(d, a, { parentId: b }), read: field('position') },
];

for (const dialect of testDialects()) {
  describe(`codebook governance over the socket (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    const sink = logSink();
    const clients: TestClient[] = [];
    let round = 0;

    beforeAll(async () => {
      ({ server, close } = await testServer(dialect, { log: sink.log }));
      f = await seedStudy(server.services, 'open');
      await withDoc(server.services, docs.codebook(f), (doc) => setLevels(doc, ['Area', 'Theme', 'Sub-theme']));
    });
    afterAll(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await close();
    });

    /** Two fresh themes by the other coder, a client of `user` synced with them, and a watcher. */
    async function prepare(user: string) {
      const n = ++round;
      const ids = { a: `a${n}`, b: `b${n}`, me: f.users[user]!.id };
      await withDoc(server.services, docs.codebook(f), (doc) => {
        addTheme(doc, { id: ids.a, label: `Theme ${n}`, createdBy: f.users.other!.id });
        addTheme(doc, { id: ids.b, label: `Target ${n}`, createdBy: f.users.other!.id });
      }, f.users.other!.id);
      const client = openClient(server, docs.codebook(f), f.cookie(user));
      const watcher = openClient(server, docs.codebook(f), f.cookie('other'));
      clients.push(client, watcher);
      await Promise.all([synced(client), synced(watcher)]);
      await eventually(() => themesMap(client.doc).has(ids.b) && themesMap(watcher.doc).has(ids.b));
      return { ids, client, watcher };
    }

    const onServer = (read: Change['read'], ids: { a: string; b: string }) => serverDoc(server.services, docs.codebook(f), (d) => JSON.stringify(read(d, ids)));

    async function expectRefused(user: string, change: Change) {
      const { ids, client, watcher } = await prepare(user);
      const before = await onServer(change.read, ids);
      const warned = sink.count('collab.closed', (e) => e.code === CloseCode.Forbidden.code && e.user === ids.me);
      change.make(client.doc, ids);
      expect(JSON.stringify(change.read(client.doc, ids))).not.toBe(before); // the client did change it
      await closedWith(client, CloseCode.Forbidden.code);
      // A later change by someone allowed arrives, so the refused one would have by now.
      await withDoc(server.services, docs.codebook(f), (doc) => describeTheme(doc, ids.b, 'after'), f.users.lead!.id);
      await eventually(() => themeEntry(watcher.doc, ids.b)?.get('description') === 'after');
      expect(await onServer(change.read, ids)).toBe(before);
      expect(JSON.stringify(change.read(watcher.doc, ids))).toBe(before);
      expect(sink.count('collab.closed', (e) => e.code === CloseCode.Forbidden.code && e.user === ids.me && e.level === 'warn' && String(e.refused).includes('may not'))).toBeGreaterThan(warned);
    }

    async function expectApplied(user: string, change: Change) {
      const { ids, client, watcher } = await prepare(user);
      const before = await onServer(change.read, ids);
      change.make(client.doc, ids);
      const wanted = JSON.stringify(change.read(client.doc, ids));
      expect(wanted).not.toBe(before);
      await eventually(async () => (await onServer(change.read, ids)) === wanted && JSON.stringify(change.read(watcher.doc, ids)) === wanted);
      expect(client.closes).not.toContain(CloseCode.Forbidden.code);
    }

    async function expectDropped(user: string, change: Change) {
      const { ids, client } = await prepare(user);
      const before = await onServer(change.read, ids);
      const answered = client.syncStep2Count();
      change.make(client.doc, ids);
      await eventually(() => client.syncStep2Count() > answered); // the read-only no-op answer
      expect(await onServer(change.read, ids)).toBe(before);
    }

    for (const change of GOVERNANCE) {
      it(`refuses a coder who tries to ${change.name}`, () => expectRefused('owner', change));
      it(`lets a lead ${change.name}`, () => expectApplied('lead', change));
      it(`drops an auditor's attempt to ${change.name}`, () => expectDropped('auditor', change));
    }
    for (const change of NOBODY) {
      it(`refuses a coder who tries to ${change.name}`, () => expectRefused('owner', change));
      it(`refuses a lead who tries to ${change.name}`, () => expectRefused('lead', change));
      it(`drops an auditor's attempt to ${change.name}`, () => expectDropped('auditor', change));
    }
    for (const change of BUILDING) {
      it(`lets a coder ${change.name}`, () => expectApplied('owner', change));
    }

    it('judges a rename hidden behind a gap: the update with the gap is refused, not parked', async () => {
      const { ids, client } = await prepare('owner');
      // Two updates of one client: the second (a rename) sent alone depends on the first.
      const forged = new Y.Doc();
      Y.applyUpdate(forged, Y.encodeStateAsUpdate(client.doc));
      const sv = Y.encodeStateVector(forged);
      describeTheme(forged, ids.a, 'first');
      const sv2 = Y.encodeStateVector(forged);
      renameTheme(forged, ids.a, 'Sneaky');
      const second = Y.encodeStateAsUpdate(forged, sv2);
      expect(Y.encodeStateAsUpdate(forged, sv).byteLength).toBeGreaterThan(second.byteLength);
      Y.applyUpdate(client.doc, second); // the client holds it pending and forwards it
      await closedWith(client, CloseCode.Forbidden.code);
      expect(await serverDoc(server.services, docs.codebook(f), (d) => themeEntry(d, ids.a)?.get('label'))).not.toBe('Sneaky');
    });

    it('the same decision answers REST: a coder\'s retire is 403, a lead\'s 200', async () => {
      const { ids } = await prepare('lead');
      expect((await f.api('owner').post(`/api/studies/${f.studyId}/themes/${ids.a}/retire`, {})).status).toBe(403);
      expect((await f.api('auditor').post(`/api/studies/${f.studyId}/themes/${ids.a}/retire`, {})).status).toBe(403);
      expect((await f.api('lead').post(`/api/studies/${f.studyId}/themes/${ids.a}/retire`, {})).status).toBe(200);
    });
  });
}

for (const dialect of testDialects()) {
  describe(`private codebook governance over the socket (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    const clients: TestClient[] = [];
    let round = 0;

    beforeAll(async () => {
      ({ server, close } = await testServer(dialect));
      f = await seedStudy(server.services, 'blind');
    });
    afterAll(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await close();
    });

    /** Two fresh themes in the owner's private codebook and the owner's synced client. */
    async function prepare() {
      const n = ++round;
      const ids = { a: `pa${n}`, b: `pb${n}`, me: f.users.owner!.id };
      await withDoc(server.services, docs.privateCodebook(f), (doc) => {
        addTheme(doc, { id: ids.a, label: `Mine ${n}`, createdBy: ids.me });
        addTheme(doc, { id: ids.b, label: `Cluster ${n}`, createdBy: ids.me });
      }, ids.me);
      const client = openClient(server, docs.privateCodebook(f), f.cookie('owner'));
      clients.push(client);
      await synced(client);
      await eventually(() => themesMap(client.doc).has(ids.b));
      return { ids, client };
    }
    const onServer = (read: Change['read'], ids: { a: string; b: string }) => serverDoc(server.services, docs.privateCodebook(f), (d) => JSON.stringify(read(d, ids)));

    // The owner names, places, merges and retires their own emergent themes (clustering does).
    for (const change of [...GOVERNANCE.filter((c) => c.name !== 'set the level names'), ...BUILDING]) {
      it(`lets the owner ${change.name} in their private codebook`, async () => {
        const { ids, client } = await prepare();
        change.make(client.doc, ids);
        const wanted = JSON.stringify(change.read(client.doc, ids));
        await eventually(async () => (await onServer(change.read, ids)) === wanted);
        expect(client.closes).not.toContain(CloseCode.Forbidden.code);
      });
    }
    // The level names are the shared codebook's; nothing is deleted or re-attributed anywhere.
    const disown: Change = { name: 'give a theme to someone else', make: (d, { a }) => themeEntry(d, a)!.set('createdBy', 'someone-else'), read: field('createdBy') };
    for (const change of [...GOVERNANCE.filter((c) => c.name === 'set the level names'), ...NOBODY.filter((c) => c.name !== 'claim a theme'), disown]) {
      it(`refuses the owner who tries to ${change.name} in their private codebook`, async () => {
        const { ids, client } = await prepare();
        const before = await onServer(change.read, ids);
        change.make(client.doc, ids);
        await closedWith(client, CloseCode.Forbidden.code);
        expect(await onServer(change.read, ids)).toBe(before);
      });
    }
  });
}
