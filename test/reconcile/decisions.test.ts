import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLayer } from '../../shared/coding';
import { docName } from '../../shared/docNames';
import { readThemeTree } from '../../shared/themes';
import { codebookDocName } from '../../server/commands/themes/themeTree';
import { closeDocRegistry, withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { type Seeded, TEXT, seedReconciliation } from './seed';

for (const dialect of testDialects()) {
  describe(`codebook decisions from a disagreement (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let f: Seeded;

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      f = await seedReconciliation(s);
      await f.api.lead.post(`/api/transcripts/${f.tid}/phase`, { phase: 'reconciling' });
    });
    afterEach(async () => {
      await closeDocRegistry(s);
      await close();
    });

    it('renames, redefines, splits, merges and retires, each linked to the item in the audit trail', async () => {
      const { api, tid, sid, themes } = f;
      const items = (await api.lead.get(`/api/transcripts/${tid}/discussion`)).json.items as Array<{ key: string; themeId: string }>;
      const key = items.find((i) => i.themeId === themes.trust)!.key;
      const decide = (body: object, who = api.lead) => who.post(`/api/transcripts/${tid}/discussion/${key}/decision`, body);

      expect((await decide({ op: 'rename', themeId: themes.trust, label: 'Mistrust', rationale: 'x' }, api.alice)).status).toBe(403);
      expect((await decide({ op: 'rename', themeId: themes.trust, rationale: 'no label' })).status).toBe(400);
      expect((await decide({ op: 'rename', themeId: themes.trust, label: 'Trust in the team', rationale: 'Narrower than we thought.' })).status).toBe(200);
      expect((await decide({ op: 'redefine', themeId: themes.trust, description: 'Relying on colleagues on shift.', rationale: 'Make the boundary explicit.' })).status).toBe(200);

      // Split: the agreed Trust coding (lines 1-3) moves to a new theme beside Trust.
      const consensus = docName({ kind: 'consensus', transcriptId: tid });
      const agreedTrust = (await withDoc(s, consensus, (d) => readLayer(d, TEXT.length).codings)).find((c) => c.themeId === themes.trust)!;
      expect((await decide({ op: 'split', themeId: themes.trust, label: 'Being caught', codingIds: ['nope'], rationale: 'x' })).status).toBe(400);
      const split = await decide({ op: 'split', themeId: themes.trust, label: 'Being caught', codingIds: [agreedTrust.id], rationale: 'Two ideas under one label.' });
      expect(split.status).toBe(200);
      const newThemeId = split.json.decision.newThemeId as string;
      expect((await withDoc(s, consensus, (d) => readLayer(d, TEXT.length).codings)).find((c) => c.id === agreedTrust.id)!.themeId).toBe(newThemeId);

      expect((await decide({ op: 'merge', themeId: themes.doubt, into: themes.fear, rationale: 'Same experience.' })).status).toBe(200);
      expect((await decide({ op: 'retire', themeId: themes.hope, rationale: 'Not grounded in the data.' })).status).toBe(200);

      await closeDocRegistry(s);
      const tree = await withDoc(s, codebookDocName(sid), (d) => readThemeTree(d));
      expect(tree.byId.get(themes.trust)).toMatchObject({ label: 'Trust in the team', description: 'Relying on colleagues on shift.' });
      expect(tree.byId.get(newThemeId)).toMatchObject({ label: 'Being caught', parentId: null });
      expect(tree.byId.get(themes.doubt)!.mergedInto).toBe(themes.fear);
      expect(tree.byId.get(themes.hope)!.status).toBe('retired');

      const audit = (await api.auditor.get(`/api/studies/${sid}/audit`)).json;
      expect(audit.verified).toBe(true);
      const linked = (audit.events as Array<{ action: string; data: { disagreementKey?: string; rationale?: string } }>).filter((e) => e.data.disagreementKey === key);
      expect(linked.map((e) => e.action)).toEqual(['theme.rename', 'theme.redefine', 'theme.split', 'theme.merge', 'theme.retire']);
      expect(linked.every((e) => typeof e.data.rationale === 'string' && e.data.rationale.length > 0)).toBe(true);
      const item = (await api.alice.get(`/api/transcripts/${tid}/discussion`)).json.items.find((i: { key: string }) => i.key === key);
      expect(item.decisions.map((d: { op: string }) => d.op)).toEqual(['rename', 'redefine', 'split', 'merge', 'retire']);
      const record = (await api.auditor.get(`/api/studies/${sid}/reconciliation`)).json;
      const recorded = record.transcripts[0].items.find((i: { key: string }) => i.key === key);
      expect(recorded.decisions.map((d: { detail: string }) => d.detail)).toEqual(['renamed to "Trust in the team"', 'description changed', 'split: 1 coding(s) moved to new theme "Being caught"', 'merged into Fear', 'retired']);
    });
  });
}
