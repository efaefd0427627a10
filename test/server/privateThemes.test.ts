import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCoding, addStatement } from '../../shared/coding';
import { addJournalEntry } from '../../shared/reconcile';
import { docName, codebookDocName } from '../../shared/docNames';
import { addTheme } from '../../shared/themes';
import { closeDocRegistry, withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { type BlindMember, seedBlindStudy } from '../helpers/blindStudy';
import type { ApiClient } from '../helpers/http';

const SECRET = 'Shame in rupture';
const SECRET_SUB = 'Rupture at handover';

// Every REST door that shows themes or what refers to them (issue 15 item 1): a private theme
// must not reach another coder or a blind lead by any of them before reveal.
const DOORS = (sid: string, tid: string) => [
  `/api/studies/${sid}/themes`,
  `/api/studies/${sid}/themes/browse`,
  `/api/studies/${sid}/themes/table`,
  `/api/studies/${sid}/themes/table?format=md`,
  `/api/studies/${sid}/export/csv?what=themes`,
  `/api/studies/${sid}/export/csv?what=codings`,
  `/api/studies/${sid}/export/codebook`,
  `/api/studies/${sid}/groups`,
  `/api/studies/${sid}/export/project?format=qde`,
  `/api/studies/${sid}/agreement`,
  `/api/studies/${sid}/reconciliation`,
  `/api/transcripts/${tid}/disagreements`,
  `/api/studies/${sid}/audit`,
  `/api/studies/${sid}/codebook/reconciliation`,
];

for (const dialect of testDialects()) {
  describe(`private themes at every REST door (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let api: Record<BlindMember, ApiClient>;
    let ids: Record<string, string>;
    let sid: string, tid: string, work: string, shame: string;

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      ({ api, ids, sid, tid } = await seedBlindStudy(s));
      const text = (await api.lead.get(`/api/transcripts/${tid}`)).json.text as string;
      // The lead's a-priori theme is shared; alice's themes are private, one under the shared theme.
      work = await withDoc(s, codebookDocName(sid), (doc) => addTheme(doc, { label: 'Work', createdBy: ids.lead! }), ids.lead!);
      const privateName = docName({ kind: 'privateCodebook', studyId: sid, ownerId: ids.alice! });
      ({ shame } = await withDoc(
        s,
        codebookDocName(sid),
        async (shared) => ({
          shame: await withDoc(s, privateName, (mine) => {
            const shame = addTheme(mine, { label: SECRET, createdBy: ids.alice! }, shared);
            addTheme(mine, { label: SECRET_SUB, parentId: work, createdBy: ids.alice! }, shared);
            return shame;
          }, ids.alice!),
        }),
      ));
      await withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId: ids.alice! }), (doc) => {
        addCoding(doc, text.length, { themeId: shame, start: 0, end: 20 });
        addStatement(doc, text.length, { text: 'feels exposed', start: 0, end: 20, themeIds: [shame] });
      }, ids.alice!);
      await withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId: ids.bob! }), (doc) => addCoding(doc, text.length, { themeId: work, start: 0, end: 20 }), ids.bob!);
    });
    afterEach(async () => {
      await closeDocRegistry(s);
      await close();
    });

    const leaks = async (who: ApiClient) => {
      const found: string[] = [];
      for (const path of DOORS(sid, tid)) {
        const r = await who.get(path);
        if (r.text.includes(SECRET) || r.text.includes(SECRET_SUB)) found.push(`${path} (${r.status})`);
      }
      return found;
    };
    const labels = async (who: ApiClient) => ((await who.get(`/api/studies/${sid}/themes`)).json.themes as Array<{ label: string; owner: string | null }>).map((t) => `${t.label}${t.owner ? ` [${t.owner === ids.alice ? 'alice' : t.owner}]` : ''}`);

    it('shows a private theme to its owner and auditors only until reveal, then to every member', async () => {
      expect(await labels(api.alice)).toEqual(['Work', SECRET_SUB + ' [alice]', SECRET + ' [alice]']);
      expect(await labels(api.auditor)).toEqual(['Work', SECRET_SUB + ' [alice]', SECRET + ' [alice]']);
      expect(await labels(api.bob)).toEqual(['Work']);
      expect(await labels(api.lead)).toEqual(['Work']);
      expect(await leaks(api.bob)).toEqual([]);
      expect(await leaks(api.lead)).toEqual([]);
      // The auditor reads it wherever the door shows themes (the control that the probe can find it).
      expect((await leaks(api.auditor)).length).toBeGreaterThan(3);

      expect((await api.lead.post(`/api/transcripts/${tid}/phase`, { phase: 'reconciling' })).status).toBe(200);
      expect(await labels(api.bob)).toEqual(['Work', SECRET_SUB + ' [alice]', SECRET + ' [alice]']);
      expect(await labels(api.lead)).toEqual(['Work', SECRET_SUB + ' [alice]', SECRET + ' [alice]']);
      const study = (await api.lead.get(`/api/studies/${sid}`)).json.study;
      expect(study.themesRevealedAt).toEqual(expect.any(Number));
      const events = (await api.auditor.get(`/api/studies/${sid}/audit`)).json.events as Array<{ action: string; data: unknown }>;
      expect(events.filter((e) => e.action === 'themes.reveal').map((e) => e.data)).toEqual([{ reason: 'transcript' }]);
      // The revealed disagreement names alice's private theme for everyone who reads it.
      const disagreements = await api.bob.get(`/api/transcripts/${tid}/disagreements`);
      expect(disagreements.status).toBe(200);
      expect(disagreements.json.regions.map((r: { themeId: string }) => r.themeId).sort()).toEqual([shame, work].sort());
    });

    it('keeps a coder\'s reflexive journal private until reveal and exports it with the reconciliation record', async () => {
      await withDoc(s, docName({ kind: 'journal', studyId: sid, ownerId: ids.alice! }), (doc) => addJournalEntry(doc, { text: 'I expected shame to be about the patient, not the team.', at: 1000 }), ids.alice!);
      const journals = async (who: ApiClient) => {
        const r = await who.get(`/api/studies/${sid}/reconciliation`);
        expect(r.status).toBe(200);
        return r.json.record?.journals ?? r.json.journals;
      };
      const entry = { coder: 'alice', entries: [{ at: 1000, text: 'I expected shame to be about the patient, not the team.' }] };
      expect(await journals(api.auditor)).toEqual([entry]);
      expect(await journals(api.lead)).toEqual([]);
      expect(JSON.stringify((await api.lead.get(`/api/studies/${sid}/reconciliation?format=md`)).text)).not.toContain('expected shame');
      expect((await api.lead.post(`/api/studies/${sid}/themes/reveal`, {})).status).toBe(200);
      expect(await journals(api.lead)).toEqual([entry]);
      // An empty entry is refused by the model and writes nothing.
      await expect(withDoc(s, docName({ kind: 'journal', studyId: sid, ownerId: ids.alice! }), (doc) => addJournalEntry(doc, { text: '   ', at: 2000 }), ids.alice!)).rejects.toBeInstanceOf(RangeError);
      expect((await journals(api.auditor))[0].entries).toHaveLength(1);
    });

    it('refuses a private codebook write under another coder\'s theme and a non-lead reveal, changing nothing', async () => {
      // Bob cannot place a theme under alice's private theme: it is not in his combined tree.
      await expect(
        withDoc(s, codebookDocName(sid), (shared) =>
          withDoc(s, docName({ kind: 'privateCodebook', studyId: sid, ownerId: ids.bob! }), (mine) => addTheme(mine, { label: 'Mine', parentId: shame, createdBy: ids.bob! }, shared), ids.bob!),
        ),
      ).rejects.toMatchObject({ code: 'parent_not_found' });
      for (const who of [api.alice, api.bob, api.auditor]) {
        const r = await who.post(`/api/studies/${sid}/themes/reveal`, {});
        expect([r.status, r.json.error.code]).toEqual([403, 'forbidden']);
      }
      expect((await api.lead.get(`/api/studies/${sid}`)).json.study.themesRevealedAt).toBeNull();
      expect(await labels(api.bob)).toEqual(['Work']);
    });
  });
}
