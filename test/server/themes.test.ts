import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTheme, setLevels } from '../../shared/themes';
import { closeDocRegistry, withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { listAudit } from '../../server/store/audit';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';
import { codebookDocName } from '../../shared/docNames';

for (const dialect of testDialects()) {
  describe(`theme governance over REST (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let lead: ApiClient, coder: ApiClient, auditor: ApiClient;
    let sid: string;
    let ids: Record<string, string>;

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      const seeded = await seedUsers(s, ['lead', 'coder', 'auditor']);
      ({ lead, coder, auditor } = { lead: seeded.users.lead!.api, coder: seeded.users.coder!.api, auditor: seeded.users.auditor!.api });
      sid = (await lead.post('/api/studies', { title: 'Themes' })).json.study.id;
      await joinStudy(lead, sid, 'coder@example.org', 'coder');
      await joinStudy(lead, sid, 'auditor@example.org', 'auditor');
      const leadId = seeded.users.lead!.id;
      ids = await withDoc(s, codebookDocName(sid), (doc) => {
        setLevels(doc, ['Area', 'Superordinate theme', 'Theme', 'Sub-theme']);
        const area = addTheme(doc, { label: 'Relational safety', createdBy: leadId });
        const trust = addTheme(doc, { label: 'Trust', parentId: area, createdBy: leadId });
        const safety = addTheme(doc, { label: 'Feeling safe', parentId: area, createdBy: leadId });
        const rupture = addTheme(doc, { label: 'Rupture', parentId: area, createdBy: leadId });
        return { area, trust, safety, rupture };
      });
    });
    afterEach(async () => {
      await closeDocRegistry(s);
      await close();
    });

    it('lets a lead merge a theme, recording both labels and the rationale', async () => {
      const r = await lead.post(`/api/studies/${sid}/themes/${ids.safety}/merge`, { into: ids.trust, rationale: 'coders used them interchangeably', disagreementKey: 'd-123' });
      expect(r.status).toBe(200);
      const merged = r.json.themes.find((t: { id: string }) => t.id === ids.safety);
      expect(merged).toMatchObject({ status: 'retired', mergedInto: ids.trust });
      const event = (await listAudit(s.db, sid)).find((e) => e.action === 'theme.merge')!;
      expect(event.data).toMatchObject({ themeLabel: 'Feeling safe', intoLabel: 'Trust', rationale: 'coders used them interchangeably', disagreementKey: 'd-123' });
      expect(event.actorId).not.toBeNull();
      const tree = (await coder.get(`/api/studies/${sid}/themes`)).json;
      expect(tree.levels.names).toEqual(['Area', 'Superordinate theme', 'Theme', 'Sub-theme']);
      expect(tree.themes.find((t: { id: string }) => t.id === ids.trust).levelName).toBe('Superordinate theme');
    });

    it('refuses coders and auditors, and changes nothing', async () => {
      for (const who of [coder, auditor]) {
        expect((await who.post(`/api/studies/${sid}/themes/${ids.safety}/merge`, { into: ids.trust })).status).toBe(403);
        expect((await who.post(`/api/studies/${sid}/themes/${ids.rupture}/retire`, {})).status).toBe(403);
        expect((await who.post(`/api/studies/${sid}/themes/${ids.rupture}/finalise`, {})).status).toBe(403);
      }
      const tree = (await lead.get(`/api/studies/${sid}/themes`)).json;
      expect(tree.themes.every((t: { status: string }) => t.status === 'active')).toBe(true);
      expect((await listAudit(s.db, sid)).some((e) => e.action.startsWith('theme.'))).toBe(false);
    });

    it('answers a refused model rule with its code and writes nothing', async () => {
      const self = await lead.post(`/api/studies/${sid}/themes/${ids.trust}/merge`, { into: ids.trust });
      expect(self.status).toBe(409);
      expect(self.json.error.details.rule).toBe('merge_into_self');
      const missing = await lead.post(`/api/studies/${sid}/themes/nope/retire`, {});
      expect(missing.status).toBe(404);
      const parent = await lead.post(`/api/studies/${sid}/themes/${ids.area}/retire`, {});
      expect(parent.status).toBe(409);
      expect(parent.json.error.details.rule).toBe('has_active_children');
      expect((await listAudit(s.db, sid)).some((e) => e.action.startsWith('theme.'))).toBe(false);
    });

    it('retires and finalises, and refuses governance once the codebook is final', async () => {
      expect((await lead.post(`/api/studies/${sid}/themes/${ids.rupture}/retire`, {})).json.themes.find((t: { id: string }) => t.id === ids.rupture).status).toBe('retired');
      expect((await lead.post(`/api/studies/${sid}/themes/${ids.trust}/finalise`, {})).json.themes.find((t: { id: string }) => t.id === ids.trust).status).toBe('final');
      expect((await lead.patch(`/api/studies/${sid}`, { codebookPhase: 'final' })).status).toBe(200);
      expect((await lead.post(`/api/studies/${sid}/themes/${ids.safety}/retire`, {})).status).toBe(409);
      const actions = (await listAudit(s.db, sid)).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['theme.retire', 'theme.finalise', 'study.update']));
    });
  });
}
