import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCluster, addGroupTheme, moveCard, placePet } from '../../shared/boards';
import { addStatement, readLayer } from '../../shared/coding';
import { codebookDocName, docName } from '../../shared/docNames';
import { readThemeTree } from '../../shared/themes';
import { closeDocRegistry, withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';

const TEXT = Array.from({ length: 8 }, (_, i) => `P1: line ${i + 1} of the interview, said slowly`).join('\n');
type Who = 'lead' | 'alice' | 'bob' | 'auditor';

for (const dialect of testDialects()) {
  describe(`clustering boards over REST (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let api: Record<Who | 'outsider', ApiClient>;
    let ids: Record<string, string>;
    let sid: string, tid: string, pet: string, get: string;

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      const seeded = await seedUsers(s, ['lead', 'alice', 'bob', 'auditor', 'outsider']);
      ids = Object.fromEntries(Object.entries(seeded.users).map(([k, v]) => [k, v.id]));
      api = Object.fromEntries(Object.entries(seeded.users).map(([k, v]) => [k, v.api])) as typeof api;
      sid = (await api.lead.post('/api/studies', { title: 'Blind boards', codingMode: 'blind' })).json.study.id;
      for (const [email, role] of [['alice@example.org', 'coder'], ['bob@example.org', 'coder'], ['auditor@example.org', 'auditor']]) await joinStudy(api.lead, sid, email!, role!);
      const p = (await api.lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P01' })).json.participant;
      tid = (await api.lead.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: 'Interview', text: TEXT })).json.transcript.id;
      const text = (await api.lead.get(`/api/transcripts/${tid}`)).json.text as string;
      // Alice writes two statements, names a PET for one and clusters it into a GET, all in her
      // private codebook (blind mode), through the same operations the board screen uses.
      const layerName = docName({ kind: 'layer', transcriptId: tid, ownerId: ids.alice! });
      const mine = docName({ kind: 'privateCodebook', studyId: sid, ownerId: ids.alice! });
      await withDoc(s, codebookDocName(sid), (shared) =>
        withDoc(s, mine, async (priv) => {
          const tree = () => readThemeTree(shared, [{ ownerId: ids.alice!, doc: priv }]);
          pet = addCluster(priv, tree(), { label: 'Watching for rejection', caseId: tid, createdBy: ids.alice! }, shared);
          get = addGroupTheme(priv, tree(), { label: 'Vigilance in the room', createdBy: ids.alice! }, shared);
          placePet(priv, tree(), pet, get, shared);
          await withDoc(s, layerName, (layer) => {
            const a = addStatement(layer, text.length, { text: 'Reads the therapist\'s face for boredom', start: text.indexOf('line 2'), end: text.indexOf('line 2') + 6 });
            addStatement(layer, text.length, { text: 'Time slows down', start: text.indexOf('line 5'), end: text.indexOf('line 5') + 6 });
            moveCard(layer, text.length, a, { to: pet });
          }, ids.alice!);
        }, ids.alice!),
      );
    });
    afterEach(async () => {
      await closeDocRegistry(s);
      await close();
    });

    const caseBoard = (who: Who | 'outsider') => api[who].get(`/api/transcripts/${tid}/boards/${ids.alice}`);
    const groupBoard = (who: Who | 'outsider') => api[who].get(`/api/studies/${sid}/boards/${ids.alice}`);

    it('serves the coder\'s board: statements as cards with line references, in the PET they were clustered into', async () => {
      const r = await caseBoard('alice');
      expect(r.status).toBe(200);
      expect(r.json.terms).toMatchObject({ pet: 'Personal experiential theme', get: 'Group experiential theme' });
      expect(r.json.clusters.map((c: { label: string; cards: string[]; levelName: string }) => [c.label, c.cards.length, c.levelName])).toEqual([['Watching for rejection', 1, 'Personal experiential theme']]);
      const byId = new Map(r.json.cards.map((c: { id: string }) => [c.id, c]));
      expect(byId.get(r.json.clusters[0].cards[0])).toMatchObject({ text: 'Reads the therapist\'s face for boredom', lineRange: 'l. 2' });
      expect(r.json.unclustered.map((id: string) => (byId.get(id) as { text: string }).text)).toEqual(['Time slows down']);
      const g = await groupBoard('alice');
      expect(g.status).toBe(200);
      expect(g.json.gets.map((x: { label: string; participants: string[]; pets: Array<{ label: string }> }) => [x.label, x.participants, x.pets.map((p) => p.label)])).toEqual([['Vigilance in the room', ['P01'], ['Watching for rejection']]]);
    });

    it('follows the private codebook\'s rule: owner and auditors before reveal, every member after, nobody outside', async () => {
      const statuses = async () => {
        const out: Record<string, [number, number]> = {};
        for (const who of ['lead', 'alice', 'bob', 'auditor', 'outsider'] as const) out[who] = [(await caseBoard(who)).status, (await groupBoard(who)).status];
        return out;
      };
      expect(await statuses()).toEqual({ lead: [403, 403], alice: [200, 200], bob: [403, 403], auditor: [200, 200], outsider: [404, 404] });
      // A refusal carries no label of the board.
      expect((await caseBoard('bob')).text).not.toContain('Watching');
      expect((await api.lead.post(`/api/transcripts/${tid}/phase`, { phase: 'reconciling' })).status).toBe(200);
      expect(await statuses()).toEqual({ lead: [200, 200], alice: [200, 200], bob: [200, 200], auditor: [200, 200], outsider: [404, 404] });
    });

    it('refuses bad input: an unknown transcript or coder, an auditor as a board\'s coder', async () => {
      expect((await api.alice.get(`/api/transcripts/nope/boards/${ids.alice}`)).status).toBe(404);
      expect((await api.alice.get(`/api/transcripts/${tid}/boards/nobody`)).json.error.code).toBe('not_found');
      expect((await api.alice.get(`/api/transcripts/${tid}/boards/${ids.auditor}`)).status).toBe(404);
      expect((await api.alice.get(`/api/studies/${sid}/boards/${ids.auditor}`)).status).toBe(404);
      // The shared scope holds no PET in a blind study before reconciliation.
      const shared = await api.alice.get(`/api/studies/${sid}/boards/shared`);
      expect([shared.status, shared.json.gets, shared.json.unplaced]).toEqual([200, [], []]);
      // Nothing of the above wrote: alice's layer is as she left it.
      const statements = await withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId: ids.alice! }), (d) => readLayer(d, TEXT.length).statements.length);
      expect(statements).toBe(2);
    });
  });
}
