import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCoding, addNote } from '../../shared/coding';
import { docName, codebookDocName } from '../../shared/docNames';
import { addTheme } from '../../shared/themes';
import { closeDocRegistry, withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';

const TEXT = Array.from({ length: 10 }, (_, i) => `P1: line number ${i + 1} of the interview`).join('\n');

for (const dialect of testDialects()) {
  describe(`agreement API (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let lead: ApiClient, alice: ApiClient, auditor: ApiClient;
    let ids: Record<string, string>;
    let sid: string, tid: string, theme: string, other: string;
    let lines: Array<{ n: number; start: number; end: number }>;

    const code = (owner: string, themeId: string, fromLine: number, toLine: number) =>
      withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId: owner }), (doc) =>
        addCoding(doc, TEXT.length, { themeId, start: lines[fromLine - 1]!.start, end: lines[toLine - 1]!.end, createdAt: 1 }),
      owner);

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      const seeded = await seedUsers(s, ['lead', 'alice', 'bob', 'auditor']);
      ids = Object.fromEntries(Object.entries(seeded.users).map(([k, v]) => [k, v.id]));
      ({ lead, alice, auditor } = { lead: seeded.users.lead!.api, alice: seeded.users.alice!.api, auditor: seeded.users.auditor!.api });
      sid = (await lead.post('/api/studies', { title: 'Agreement', codingMode: 'blind' })).json.study.id;
      for (const [email, role] of [['alice@example.org', 'coder'], ['bob@example.org', 'coder'], ['auditor@example.org', 'auditor']]) await joinStudy(lead, sid, email!, role!);
      const p = (await lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P1' })).json.participant;
      tid = (await lead.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: 'T', text: TEXT })).json.transcript.id;
      lines = (await lead.get(`/api/transcripts/${tid}`)).json.lines;
      ({ theme, other } = await withDoc(s, codebookDocName(sid), (doc) => ({
        theme: addTheme(doc, { label: 'Trust', createdBy: ids.lead! }),
        other: addTheme(doc, { label: 'Doubt', createdBy: ids.lead! }),
      })));
      await code(ids.alice!, theme, 1, 4);
      await code(ids.bob!, theme, 1, 3);
    });
    afterEach(async () => {
      await closeDocRegistry(s);
      await close();
    });

    it('computes line-unit agreement from the stored layers (hand-checked figures)', async () => {
      const r = await lead.get(`/api/studies/${sid}/agreement?unit=line&themes=${theme}`);
      expect(r.status).toBe(200);
      const row = r.json.report.themes[0];
      expect(row.units).toBe(10);
      // 9 of 10 lines agree; A codes 4 lines, B 3: p_e = .4*.3 + .6*.7 = .54.
      expect(row.percentAgreement.value).toBeCloseTo(0.9, 10);
      expect(row.cohenKappa.value).toBeCloseTo((0.9 - 0.54) / (1 - 0.54), 10);
      // Krippendorff: o_yn = o_ny = 1, n_y = 7, n_n = 13, n = 20: alpha = 1 - 19 * 2 / (2 * 7 * 13).
      expect(row.alpha.value).toBeCloseTo(1 - (19 * 2) / (2 * 7 * 13), 10);
      expect(r.json.coders.map((c: { name: string }) => c.name).sort()).toEqual(['alice', 'bob']);
      expect(r.json.themes.find((t: { id: string }) => t.id === theme).label).toBe('Trust');
    });

    it('leaves out a lead whose layer holds no coding (no "0 codings" coder), and counts them once they code', async () => {
      // The lead wrote a note only: a layer document exists, without codings.
      await withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId: ids.lead! }), (doc) => addNote(doc, TEXT.length, { kind: 'descriptive', text: 'context', start: lines[0]!.start, end: lines[0]!.end }), ids.lead!);
      const before = await lead.get(`/api/studies/${sid}/agreement?unit=line&themes=${theme}`);
      expect(before.json.coders.map((c: { name: string }) => c.name).sort()).toEqual(['alice', 'bob']);
      expect(before.json.report.themes[0].percentAgreement.value).toBeCloseTo(0.9, 10);
      await code(ids.lead!, theme, 1, 4);
      const after = await lead.get(`/api/studies/${sid}/agreement?unit=line&themes=${theme}`);
      expect(after.json.coders.map((c: { name: string }) => c.name).sort()).toEqual(['alice', 'bob', 'lead']);
    });

    it('keeps coders out until the transcript is revealed, and lets auditors in', async () => {
      const early = await alice.get(`/api/studies/${sid}/agreement`);
      expect(early.status).toBe(403);
      expect((await auditor.get(`/api/studies/${sid}/agreement`)).status).toBe(200);
      await lead.post(`/api/transcripts/${tid}/phase`, { phase: 'reconciling' });
      expect((await alice.get(`/api/studies/${sid}/agreement`)).status).toBe(200);
    });

    it('applies merges: codings of a merged theme count for its target', async () => {
      await code(ids.bob!, other, 4, 4);
      const before = (await lead.get(`/api/studies/${sid}/agreement?themes=${theme}`)).json.report.themes[0];
      expect(before.percentAgreement.value).toBeCloseTo(0.9, 10);
      await lead.post(`/api/studies/${sid}/themes/${other}/merge`, { into: theme });
      const after = (await lead.get(`/api/studies/${sid}/agreement?themes=${theme}`)).json.report.themes[0];
      expect(after.percentAgreement.value).toBe(1);
    });

    it('refuses bad query parameters with 400', async () => {
      expect((await lead.get(`/api/studies/${sid}/agreement?unit=paragraph`)).status).toBe(400);
      expect((await lead.get(`/api/studies/${sid}/agreement?bootstrap=5`)).status).toBe(400);
      expect((await lead.get(`/api/studies/${sid}/agreement?colour=red`)).status).toBe(400);
    });

    it('reports a seeded bootstrap interval', async () => {
      const a = (await lead.get(`/api/studies/${sid}/agreement?bootstrap=500&seed=7`)).json;
      const b = (await lead.get(`/api/studies/${sid}/agreement?bootstrap=500&seed=7`)).json;
      expect(a.seed).toBe(7);
      expect(a.report.overall.ci).toEqual(b.report.overall.ci);
    });

    it('shows disagreement regions only to those who may read every layer', async () => {
      expect((await lead.get(`/api/transcripts/${tid}/disagreements`)).status).toBe(403); // blind, coding
      const audit = await auditor.get(`/api/transcripts/${tid}/disagreements`);
      expect(audit.status).toBe(200);
      const [region] = audit.json.regions;
      // Both coded the theme on lines 1-3; alice went on to line 4: a boundary disagreement.
      expect(region).toMatchObject({ kind: 'boundary', themeId: theme, start: lines[2]!.end, end: lines[3]!.end });
      expect(region.lines.label).toBe('l. 4');
      expect(region.quote).toContain('line number 4');
      expect(audit.json.regions).toHaveLength(1);
      await lead.patch(`/api/studies/${sid}`, { codingMode: 'open' });
      expect((await lead.get(`/api/transcripts/${tid}/disagreements`)).status).toBe(200);
      expect((await alice.get(`/api/transcripts/${tid}/disagreements`)).status).toBe(200);
      const again = (await auditor.get(`/api/transcripts/${tid}/disagreements`)).json.regions[0];
      expect(again.key).toBe(region.key);
      // Only alice codes line 7: a presence disagreement, and the first region keeps its key.
      await code(ids.alice!, theme, 7, 7);
      const now = (await auditor.get(`/api/transcripts/${tid}/disagreements`)).json.regions;
      expect(now.map((r: { kind: string }) => r.kind).sort()).toEqual(['boundary', 'presence']);
      expect(now.find((r: { kind: string }) => r.kind === 'boundary').key).toBe(region.key);
      expect(now.find((r: { kind: string }) => r.kind === 'presence').lines.label).toBe('l. 7');
    });
  });
}
