import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCoding, addStatement } from '../../shared/coding';
import { codebookDocName, codebookMapDocName, docName } from '../../shared/docNames';
import { addTheme } from '../../shared/themes';
import { closeDocRegistry, withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { BLIND_TEXT, type BlindMember, seedBlindStudy } from '../helpers/blindStudy';
import type { ApiClient } from '../helpers/http';


// Two blind coders with private themes (issue 15 item 2), the lead's shared "Work":
//   alice: "Shame in rupture" l. 1-2, "Hunger" l. 5
//   bob:   "Ruptures and shame" l. 1-3, "Belonging" l. 5, shared "Work" l. 6
for (const dialect of testDialects()) {
  describe(`codebook reconciliation (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let api: Record<BlindMember, ApiClient>;
    let ids: Record<string, string>;
    let sid: string, tid: string, work: string;
    let t: Record<'shame' | 'hunger' | 'rupture' | 'belonging', string>;
    let lines: Array<{ start: number; end: number }>;

    const privateTheme = (owner: string, label: string) =>
      withDoc(s, codebookDocName(sid), (shared) => withDoc(s, docName({ kind: 'privateCodebook', studyId: sid, ownerId: owner }), (mine) => addTheme(mine, { label, createdBy: owner }, shared), owner));
    const code = (owner: string, themeId: string, from: number, to: number) =>
      withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId: owner }), (doc) => addCoding(doc, BLIND_TEXT.length, { themeId, start: lines[from - 1]!.start, end: lines[to - 1]!.end, createdAt: 1 }), owner);
    const view = async (who: ApiClient = api.lead) => {
      const r = await who.get(`/api/studies/${sid}/codebook/reconciliation`);
      expect(r.status).toBe(200);
      return r.json;
    };
    const decide = (body: Record<string, unknown>, who: ApiClient = api.lead) => who.post(`/api/studies/${sid}/codebook/decisions`, body);
    const mapState = () => withDoc(s, codebookMapDocName(sid), (doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'));
    const auditActions = async () => ((await api.auditor.get(`/api/studies/${sid}/audit`)).json.events as Array<{ action: string }>).map((e) => e.action);
    const percentAgreement = async (themeId: string) => {
      const r = await api.lead.get(`/api/studies/${sid}/agreement?unit=line`);
      return r.json.report.themes.find((x: { themeId: string }) => x.themeId === themeId)?.percentAgreement.value;
    };

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      ({ api, ids, sid, tid } = await seedBlindStudy(s));
      lines = (await api.lead.get(`/api/transcripts/${tid}`)).json.lines;
      work = await withDoc(s, codebookDocName(sid), (doc) => addTheme(doc, { label: 'Work', createdBy: ids.lead! }), ids.lead!);
      t = {
        shame: await privateTheme(ids.alice!, 'Shame in rupture'),
        hunger: await privateTheme(ids.alice!, 'Hunger'),
        rupture: await privateTheme(ids.bob!, 'Ruptures and shame'),
        belonging: await privateTheme(ids.bob!, 'Belonging'),
      };
      await code(ids.alice!, t.shame, 1, 2);
      await code(ids.alice!, t.hunger, 5, 5);
      await withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId: ids.alice! }), (doc) => addStatement(doc, BLIND_TEXT.length, { text: 'feels exposed', start: 0, end: 5, themeIds: [t.shame] }), ids.alice!);
      await code(ids.bob!, t.rupture, 1, 3);
      await code(ids.bob!, t.belonging, 5, 5);
      await code(ids.bob!, work, 6, 6);
    });
    afterEach(async () => {
      await closeDocRegistry(s);
      await close();
    });

    it('shows the private themes only where the access rule lets the caller read them, and decides nothing before the reveal', async () => {
      const before = await view();
      expect([before.revealed, before.canDecide, before.coders, before.shared.map((x: { label: string }) => x.label)]).toEqual([false, false, [], ['Work']]);
      expect(before.shared[0].lines).toBeNull();
      const asAuditor = await view(api.auditor);
      expect(asAuditor.coders.map((c: { name: string; themes: Array<{ label: string }> }) => [c.name, c.themes.map((x) => x.label)])).toEqual([
        ['alice', ['Shame in rupture', 'Hunger']],
        ['bob', ['Ruptures and shame', 'Belonging']],
      ]);
      for (const who of [api.alice, api.bob]) expect((await who.get(`/api/studies/${sid}/codebook/reconciliation`)).status).toBe(403);
      const state = await mapState();
      const early = await decide({ op: 'exclude', themeId: t.hunger, rationale: 'off topic' });
      expect([early.status, early.json.error.code]).toEqual([409, 'conflict']);
      expect(await mapState()).toBe(state);
    });

    it('suggests matches by name and by the overlap of coded lines, with hand-checked figures', async () => {
      expect((await api.lead.post(`/api/studies/${sid}/themes/reveal`, {})).status).toBe(200);
      const v = await view();
      expect([v.revealed, v.canDecide, v.summary]).toEqual([true, true, { privateThemes: 4, decided: 0, unmapped: 4, excluded: 0 }]);
      const alice = v.coders.find((c: { name: string }) => c.name === 'alice');
      const shame = alice.themes.find((x: { id: string }) => x.id === t.shame);
      expect([shame.codings, shame.lines]).toEqual([1, 2]);
      // {shame, rupture} against {rupture, shame}: Dice 1; lines {1,2} and {1,2,3}: 2 shared of 3.
      expect(shame.suggestions[0]).toMatchObject({ themeId: t.rupture, label: 'Ruptures and shame', nameSimilarity: 1, overlap: { shared: 2, union: 3, jaccard: 2 / 3 } });
      expect(shame.suggestions[0].score).toBeCloseTo((1 + 2 / 3) / 2, 12);
      // "Hunger" and "Belonging" share no word but line 5: Jaccard 1, score 1/2. Alice's own themes are never suggested.
      const hunger = alice.themes.find((x: { id: string }) => x.id === t.hunger);
      expect(hunger.suggestions.map((m: { themeId: string; overlap: unknown; score: number }) => [m.themeId, m.overlap, m.score])).toEqual([[t.belonging, { shared: 1, union: 1, jaccard: 1 }, 0.5]]);
    });

    it('merges, maps and excludes: codings, statements, agreement and the reconciliation of codings follow; live in the document; audited', async () => {
      expect((await api.lead.post(`/api/studies/${sid}/themes/reveal`, {})).status).toBe(200);
      const agreement0 = (await api.lead.get(`/api/studies/${sid}/agreement?unit=line`)).json;
      expect(agreement0.codebook).toMatchObject({ unmapped: 4, excluded: 0 });
      // Unmapped, alice's l. 1-2 and bob's l. 1-3 are two themes: 4 of 6 lines agree for each.
      expect(await percentAgreement(t.shame)).toBeCloseTo(4 / 6, 12);

      const merged = await decide({ op: 'merge', themeIds: [t.shame, t.rupture], label: 'Shame in rupture', parentId: work, rationale: 'Same experience, two names' });
      expect(merged.status).toBe(200);
      const shared = merged.json.createdThemeId as string;
      expect(merged.json.decisions.map((d: { themeId: string; op: string; target: string; revision: number }) => [d.themeId, d.op, d.target, d.revision])).toEqual([
        [t.shame, 'merge', shared, 1],
        [t.rupture, 'merge', shared, 1],
      ]);
      // One theme now: alice l. 1-2, bob l. 1-3, so 5 of 6 lines agree.
      expect(await percentAgreement(shared)).toBeCloseTo(5 / 6, 12);
      const tree = (await api.alice.get(`/api/studies/${sid}/themes`)).json;
      const byId = new Map((tree.themes as Array<{ id: string; mergedInto: string | null; parentId: string | null; owner: string | null }>).map((x) => [x.id, x]));
      expect([byId.get(t.shame)?.mergedInto, byId.get(t.rupture)?.mergedInto, byId.get(shared)?.parentId, byId.get(shared)?.owner]).toEqual([shared, shared, work, null]);

      expect((await decide({ op: 'exclude', themeId: t.hunger, rationale: 'Not about the experience studied' })).status).toBe(200);
      const agreement = (await api.lead.get(`/api/studies/${sid}/agreement?unit=line`)).json;
      expect(agreement.codebook).toEqual({ unmapped: 1, excluded: 1, unmappedThemes: [{ id: t.belonging, label: 'Belonging', owner: ids.bob }] });
      expect(agreement.report.themes.map((x: { themeId: string }) => x.themeId)).not.toContain(t.hunger);

      // Revising keeps the history: hunger is mapped onto Work after all.
      const revised = await decide({ op: 'map', themeId: t.hunger, into: work, rationale: 'Hunger at work is about work' });
      expect(revised.json.decisions[0]).toMatchObject({ op: 'map', target: work, revision: 2, history: [{ op: 'exclude', target: null, revision: 1, rationale: 'Not about the experience studied' }] });

      // The reconciliation of codings reads the mapping: the merged theme agrees on l. 1-2 and
      // disputes l. 3; hunger counts as Work; only belonging stays a theme of its own.
      expect((await api.lead.post(`/api/transcripts/${tid}/phase`, { phase: 'reconciling' })).status).toBe(200);
      const discussion = (await api.bob.get(`/api/transcripts/${tid}/discussion`)).json;
      expect([...new Set(discussion.items.map((i: { themeId: string }) => i.themeId))].sort()).toEqual([shared, work, t.belonging].sort());
      const statements = (await api.auditor.get(`/api/studies/${sid}/codebook/reconciliation`)).json;
      expect(statements.coders.find((c: { name: string }) => c.name === 'alice').themes.find((x: { id: string }) => x.id === t.shame).countsAs).toEqual({ id: shared, label: 'Shame in rupture' });

      const map = await withDoc(s, codebookMapDocName(sid), (doc) => doc.getMap('decisions').toJSON());
      expect(Object.keys(map).sort()).toEqual([t.shame, t.rupture, t.hunger].sort());
      const actions = await auditActions();
      expect(actions.filter((a) => a.startsWith('codebook.'))).toEqual(['codebook.decide', 'codebook.decide', 'codebook.revise']);
    });

    it('refuses bad decisions with a clear error and changes nothing', async () => {
      expect((await api.lead.post(`/api/studies/${sid}/themes/reveal`, {})).status).toBe(200);
      expect((await decide({ op: 'map', themeId: t.hunger, into: t.belonging, rationale: 'same' })).status).toBe(200);
      const state = await mapState();
      const audits = (await auditActions()).length;
      const themes = (await api.lead.get(`/api/studies/${sid}/themes`)).json.themes.length;
      const refusals: Array<[Record<string, unknown>, ApiClient, number, string, string?]> = [
        [{ op: 'map', themeId: t.belonging, into: t.hunger, rationale: 'x' }, api.lead, 409, 'conflict', 'cycle'],
        [{ op: 'map', themeId: t.shame, into: t.shame, rationale: 'x' }, api.lead, 409, 'conflict', 'merge_into_self'],
        [{ op: 'merge', themeIds: [t.shame, t.shame], label: 'Twice', rationale: 'x' }, api.lead, 409, 'conflict', 'merge_into_self'],
        [{ op: 'map', themeId: t.shame, into: 'no-such-theme', rationale: 'x' }, api.lead, 404, 'not_found', 'target_not_found'],
        [{ op: 'promote', themeId: 'no-such-theme', rationale: 'x' }, api.lead, 404, 'not_found', 'theme_not_found'],
        [{ op: 'merge', themeIds: [t.shame, t.rupture], label: 'Under itself', parentId: t.shame, rationale: 'x' }, api.lead, 409, 'conflict', 'cycle'],
        [{ op: 'exclude', themeId: work, rationale: 'x' }, api.lead, 400, 'validation_failed', 'invalid_input'],
        [{ op: 'exclude', themeId: t.shame, rationale: '  ' }, api.lead, 400, 'validation_failed'],
        [{ op: 'exclude', themeId: t.shame, rationale: 'x' }, api.alice, 403, 'forbidden'],
        [{ op: 'exclude', themeId: t.shame, rationale: 'x' }, api.auditor, 403, 'forbidden'],
      ];
      for (const [body, who, status, code, rule] of refusals) {
        const r = await decide(body, who);
        expect([JSON.stringify(body), r.status, r.json.error.code, r.json.error.details?.rule]).toEqual([JSON.stringify(body), status, code, rule]);
      }
      expect(await mapState()).toBe(state);
      expect((await auditActions()).length).toBe(audits);
      expect((await api.lead.get(`/api/studies/${sid}/themes`)).json.themes.length).toBe(themes);
    });
  });
}
