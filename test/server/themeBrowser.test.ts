import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCoding, readLayer } from '../../shared/coding';
import { docName, codebookDocName } from '../../shared/docNames';
import { addTheme } from '../../shared/themes';
import { closeDocRegistry, withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';

const textOf = (who: string) => Array.from({ length: 8 }, (_, i) => `${who}: line number ${i + 1} of the interview`).join('\n');

interface Extract {
  themeId: string;
  codedThemeId: string;
  source: 'coder' | 'consensus';
  transcriptId: string;
  pseudonym: string;
  coderName: string;
  lineRange: string;
  quote: string;
}
interface BrowsedTheme {
  id: string;
  label: string;
  counts: { codings: number; consensusCodings: number; participants: number; transcripts: number };
  totals: { codings: number; consensusCodings: number; participants: number; transcripts: number };
}

for (const dialect of testDialects()) {
  describe(`theme browser API (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let lead: ApiClient, alice: ApiClient, bob: ApiClient, auditor: ApiClient, stranger: ApiClient;
    let ids: Record<string, string>;
    let sid: string, t1: string, t2: string;
    let trust: string, safety: string, doubt: string;
    const lines: Record<string, Array<{ start: number; end: number }>> = {};
    const texts: Record<string, string> = {};

    const code = (tid: string, owner: string | 'consensus', themeId: string, from: number, to: number) =>
      withDoc(
        s,
        docName(owner === 'consensus' ? { kind: 'consensus', transcriptId: tid } : { kind: 'layer', transcriptId: tid, ownerId: owner }),
        (doc) => addCoding(doc, texts[tid]!.length, { themeId, start: lines[tid]![from - 1]!.start, end: lines[tid]![to - 1]!.end, createdAt: 1 }),
        owner === 'consensus' ? ids.lead! : owner,
      );
    const browse = async (who: ApiClient, query = '') => {
      const r = await who.get(`/api/studies/${sid}/themes/browse${query}`);
      expect(r.status).toBe(200);
      return r.json as { themes: BrowsedTheme[]; extracts: Extract[]; scope: { hiddenLayers: number } };
    };
    const themeRow = (body: { themes: BrowsedTheme[] }, id: string) => body.themes.find((t) => t.id === id)!;

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      const seeded = await seedUsers(s, ['lead', 'alice', 'bob', 'auditor', 'stranger']);
      ids = Object.fromEntries(Object.entries(seeded.users).map(([k, v]) => [k, v.id]));
      [lead, alice, bob, auditor, stranger] = ['lead', 'alice', 'bob', 'auditor', 'stranger'].map((n) => seeded.users[n]!.api) as [ApiClient, ApiClient, ApiClient, ApiClient, ApiClient];
      sid = (await lead.post('/api/studies', { title: 'Browse', codingMode: 'blind' })).json.study.id;
      for (const [email, role] of [['alice@example.org', 'coder'], ['bob@example.org', 'coder'], ['auditor@example.org', 'auditor']]) await joinStudy(lead, sid, email!, role!);
      const tids: string[] = [];
      for (const pseudonym of ['P1', 'P2']) {
        const p = (await lead.post(`/api/studies/${sid}/participants`, { pseudonym })).json.participant;
        const tid = (await lead.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: `Interview ${pseudonym}`, text: textOf(pseudonym) })).json.transcript.id as string;
        const got = (await lead.get(`/api/transcripts/${tid}`)).json;
        lines[tid] = got.lines;
        texts[tid] = got.text;
        tids.push(tid);
      }
      [t1, t2] = tids as [string, string];
      ({ trust, safety, doubt } = await withDoc(s, codebookDocName(sid), (doc) => {
        const trust = addTheme(doc, { label: 'Trust', createdBy: ids.lead! });
        return { trust, safety: addTheme(doc, { label: 'Safety', parentId: trust, createdBy: ids.lead! }), doubt: addTheme(doc, { label: 'Doubt', createdBy: ids.lead! }) };
      }));
      await code(t1, ids.alice!, trust, 1, 3);
      await code(t1, ids.alice!, safety, 5, 5);
      await code(t2, ids.alice!, safety, 2, 2);
      await code(t1, ids.bob!, trust, 2, 4);
      await code(t1, ids.bob!, doubt, 7, 8);
    });
    afterEach(async () => {
      await closeDocRegistry(s);
      await close();
    });

    it('lets a blind coder see only their own extracts and counts while coding', async () => {
      const mine = await browse(alice);
      expect(mine.extracts.every((e) => e.coderName === 'alice')).toBe(true);
      expect(mine.extracts).toHaveLength(3);
      expect(mine.scope.hiddenLayers).toBe(1); // bob's layer on t1
      expect(themeRow(mine, trust).counts).toEqual({ codings: 1, consensusCodings: 0, participants: 1, transcripts: 1 });
      // Safety sits under Trust: its two participants count for Trust in the totals.
      expect(themeRow(mine, trust).totals).toEqual({ codings: 3, consensusCodings: 0, participants: 2, transcripts: 2 });
      expect(themeRow(mine, doubt).counts.codings).toBe(0);

      const his = await browse(bob);
      expect(his.extracts.map((e) => e.coderName)).toEqual(['bob', 'bob']);
      expect(themeRow(his, safety).counts.codings).toBe(0);
    });

    it('shows a lead nothing of a blind study before reveal, and an auditor everything', async () => {
      const led = await browse(lead);
      expect(led.extracts).toEqual([]);
      expect(led.scope.hiddenLayers).toBe(3);
      const audited = await browse(auditor);
      expect(audited.extracts).toHaveLength(5);
      expect(audited.scope.hiddenLayers).toBe(0);
      expect(themeRow(audited, trust).counts).toEqual({ codings: 2, consensusCodings: 0, participants: 1, transcripts: 1 });
      expect(themeRow(audited, trust).totals).toEqual({ codings: 4, consensusCodings: 0, participants: 2, transcripts: 2 });
    });

    it('cites each extract with participant, transcript, coder, line range and quote', async () => {
      const { extracts } = await browse(auditor, `?theme=${trust}`);
      expect(extracts).toHaveLength(2);
      expect(extracts[0]).toMatchObject({ themeId: trust, source: 'coder', transcriptId: t1, pseudonym: 'P1', coderName: 'alice', lineRange: 'l. 1-3' });
      expect(extracts[0]!.quote).toContain('P1: line number 1 of the interview');
      expect(extracts[1]).toMatchObject({ coderName: 'bob', lineRange: 'l. 2-4' });
      const sub = await browse(auditor, `?theme=${safety}`);
      expect(sub.extracts.map((e) => [e.pseudonym, e.lineRange])).toEqual([['P1', 'l. 5'], ['P2', 'l. 2']]);
    });

    it('counts the codings of a merged theme for its target, keeping the coded theme', async () => {
      await lead.post(`/api/studies/${sid}/themes/${doubt}/merge`, { into: trust });
      const after = await browse(auditor);
      expect(themeRow(after, doubt).counts.codings).toBe(0);
      expect(themeRow(after, trust).counts.codings).toBe(3);
      const moved = after.extracts.find((e) => e.codedThemeId === doubt)!;
      expect(moved).toMatchObject({ themeId: trust, coderName: 'bob', lineRange: 'l. 7-8' });
    });

    it('opens the other layers and the consensus once the transcript is reconciling', async () => {
      await lead.post(`/api/transcripts/${t1}/phase`, { phase: 'reconciling' });
      // The reveal may seed the consensus (reconciliation's business); count on top of whatever it wrote.
      const seeded = await withDoc(s, docName({ kind: 'consensus', transcriptId: t1 }), (doc) => readLayer(doc, texts[t1]!.length).codings);
      await code(t1, 'consensus', trust, 1, 4);
      const mine = await browse(alice);
      expect(new Set(mine.extracts.map((e) => e.coderName))).toEqual(new Set(['alice', 'bob', 'Consensus']));
      // Alice's t2 extract is still hers alone; bob has no layer there, so nothing is hidden.
      expect(mine.scope.hiddenLayers).toBe(0);
      const seededTrust = seeded.filter((c) => c.themeId === trust).length;
      expect(themeRow(mine, trust).counts).toEqual({ codings: 2, consensusCodings: seededTrust + 1, participants: 1, transcripts: 1 });
      const led = await browse(lead);
      expect(led.extracts.filter((e) => e.transcriptId === t2)).toEqual([]);
      const consensus = led.extracts.filter((e) => e.source === 'consensus');
      expect(consensus).toHaveLength(seeded.length + 1);
      expect(consensus.map((e) => e.lineRange)).toContain('l. 1-4');
    });

    it('lets every member read every layer in open mode, as their workspace does', async () => {
      await lead.patch(`/api/studies/${sid}`, { codingMode: 'open' });
      const mine = await browse(alice);
      expect(mine.scope.hiddenLayers).toBe(0);
      expect(mine.extracts).toHaveLength(5);
      expect((await browse(lead)).extracts).toHaveLength(5);
    });

    it('refuses strangers, unknown themes and unknown parameters', async () => {
      expect((await stranger.get(`/api/studies/${sid}/themes/browse`)).status).toBe(404);
      expect((await auditor.get(`/api/studies/${sid}/themes/browse?theme=nope`)).status).toBe(404);
      expect((await auditor.get(`/api/studies/${sid}/themes/browse?colour=red`)).status).toBe(400);
    });
  });
}
