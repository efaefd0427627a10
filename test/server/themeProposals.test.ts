import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTheme, PROPOSALS_SIGNAL_MAP, readThemeTree } from '../../shared/themes';
import { closeDocRegistry, withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { listAudit } from '../../server/store/audit';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';
import { codebookDocName } from '../../shared/docNames';

for (const dialect of testDialects()) {
  describe(`proposals to change governed themes (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let lead: ApiClient, coder: ApiClient, other: ApiClient, auditor: ApiClient, stranger: ApiClient, admin: ApiClient;
    let sid: string;
    let ids: { area: string; trust: string; loss: string };
    const tree = () => withDoc(s, codebookDocName(sid), (doc) => readThemeTree(doc));
    const themeEvents = async () => (await listAudit(s.db, sid)).filter((e) => e.action.startsWith('theme.'));

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      const seeded = await seedUsers(s, ['lead', 'coder', 'other', 'auditor', 'stranger']);
      [lead, coder, other, auditor, stranger] = ['lead', 'coder', 'other', 'auditor', 'stranger'].map((n) => seeded.users[n]!.api) as [ApiClient, ApiClient, ApiClient, ApiClient, ApiClient];
      admin = seeded.admin;
      sid = (await lead.post('/api/studies', { title: 'Proposals', codingMode: 'blind' })).json.study.id;
      for (const [email, role] of [['coder', 'coder'], ['other', 'coder'], ['auditor', 'auditor']]) await joinStudy(lead, sid, `${email}@example.org`, role!);
      const leadId = seeded.users.lead!.id;
      ids = await withDoc(s, codebookDocName(sid), (doc) => {
        const area = addTheme(doc, { label: 'Relational safety', createdBy: leadId });
        const trust = addTheme(doc, { label: 'Trust', parentId: area, createdBy: leadId });
        const loss = addTheme(doc, { label: 'Loss', createdBy: leadId });
        return { area, trust, loss };
      });
    });
    afterEach(async () => {
      await closeDocRegistry(s);
      await close();
    });

    it('lets a coder propose a rename that the lead accepts: applied to the shared codebook, audited, signalled', async () => {
      const made = await coder.post(`/api/studies/${sid}/themes/${ids.trust}/proposals`, { change: { kind: 'rename', label: 'Trusting others' }, rationale: 'closer to the words' });
      expect(made.status).toBe(200);
      expect(made.json).toMatchObject({ themeId: ids.trust, status: 'open', change: { kind: 'rename', label: 'Trusting others' } });
      expect((await tree()).byId.get(ids.trust)!.label).toBe('Trust');
      const listed = (await lead.get(`/api/studies/${sid}/theme-proposals`)).json.proposals;
      expect(listed.map((p: { id: string }) => p.id)).toEqual([made.json.id]);
      const accepted = await lead.post(`/api/studies/${sid}/theme-proposals/${made.json.id}/accept`, { note: 'agreed' });
      expect(accepted.status).toBe(200);
      expect(accepted.json.status).toBe('accepted');
      expect((await tree()).byId.get(ids.trust)!.label).toBe('Trusting others');
      const events = await themeEvents();
      expect(events.map((e) => e.action)).toEqual(['theme.propose', 'theme.proposal.accepted']);
      expect(events[1]!.data).toMatchObject({ proposalId: made.json.id, themeLabel: 'Trust', change: { kind: 'rename', label: 'Trusting others' }, note: 'agreed' });
      expect(await withDoc(s, codebookDocName(sid), (doc) => doc.getMap(PROPOSALS_SIGNAL_MAP).get('rev'))).toBeTypeOf('number');
      expect((await lead.post(`/api/studies/${sid}/theme-proposals/${made.json.id}/decline`, {})).status).toBe(409);
    });

    it('applies an accepted move and retirement, and a declined proposal changes nothing', async () => {
      const move = (await coder.post(`/api/studies/${sid}/themes/${ids.loss}/proposals`, { change: { kind: 'move', parentId: ids.area } })).json;
      const retire = (await other.post(`/api/studies/${sid}/themes/${ids.trust}/proposals`, { change: { kind: 'retire' } })).json;
      expect((await lead.post(`/api/studies/${sid}/theme-proposals/${retire.id}/decline`, { note: 'still used' })).json.status).toBe('declined');
      expect((await tree()).byId.get(ids.trust)!.status).toBe('active');
      await lead.post(`/api/studies/${sid}/theme-proposals/${move.id}/accept`, {});
      expect((await tree()).byId.get(ids.loss)!.parentId).toBe(ids.area);
    });

    it('shows a coder only their own proposals (blind mode stays blind), leads and auditors all of them', async () => {
      await coder.post(`/api/studies/${sid}/themes/${ids.trust}/proposals`, { change: { kind: 'describe', description: 'mine' } });
      await other.post(`/api/studies/${sid}/themes/${ids.trust}/proposals`, { change: { kind: 'describe', description: 'theirs' } });
      const seen = async (who: ApiClient) => (await who.get(`/api/studies/${sid}/theme-proposals`)).json.proposals.map((p: { change: { description: string } }) => p.change.description).sort();
      expect(await seen(coder)).toEqual(['mine']);
      expect(await seen(other)).toEqual(['theirs']);
      expect(await seen(lead)).toEqual(['mine', 'theirs']);
      expect(await seen(auditor)).toEqual(['mine', 'theirs']);
      expect((await stranger.get(`/api/studies/${sid}/theme-proposals`)).status).toBe(404);
    });

    it('refuses proposals from leads, auditors and strangers, and decisions from coders and auditors, changing nothing', async () => {
      const body = { change: { kind: 'rename', label: 'X' } };
      expect((await auditor.post(`/api/studies/${sid}/themes/${ids.trust}/proposals`, body)).status).toBe(403);
      expect((await lead.post(`/api/studies/${sid}/themes/${ids.trust}/proposals`, body)).status).toBe(403);
      expect((await stranger.post(`/api/studies/${sid}/themes/${ids.trust}/proposals`, body)).status).toBe(404);
      const p = (await coder.post(`/api/studies/${sid}/themes/${ids.trust}/proposals`, body)).json;
      for (const who of [coder, other, auditor]) {
        expect((await who.post(`/api/studies/${sid}/theme-proposals/${p.id}/accept`, {})).status).toBe(403);
        expect((await who.post(`/api/studies/${sid}/theme-proposals/${p.id}/decline`, {})).status).toBe(403);
      }
      expect((await stranger.post(`/api/studies/${sid}/theme-proposals/${p.id}/accept`, {})).status).toBe(404);
      // An instance admin who is not a member governs over REST (docs/permissions.md) but does not propose.
      expect((await admin.post(`/api/studies/${sid}/themes/${ids.trust}/proposals`, body)).status).toBe(403);
      expect((await admin.get(`/api/studies/${sid}/theme-proposals`)).json.proposals).toHaveLength(1);
      expect((await lead.post(`/api/studies/${sid}/theme-proposals/nope/accept`, {})).status).toBe(404);
      expect((await tree()).byId.get(ids.trust)!.label).toBe('Trust');
      expect((await themeEvents()).map((e) => e.action)).toEqual(['theme.propose']);
    });

    it('refuses a change the theme model would refuse, or bad input, when it is proposed', async () => {
      const cases: Array<[string, unknown, number]> = [
        [ids.area, { kind: 'retire' }, 409], // has a live sub-theme
        [ids.area, { kind: 'move', parentId: ids.trust }, 409], // into its own descendant
        ['nope', { kind: 'rename', label: 'X' }, 404],
        [ids.trust, { kind: 'rename', label: '' }, 400],
        [ids.trust, { kind: 'recolour', color: 'red' }, 400],
        [ids.trust, { kind: 'delete' }, 400],
      ];
      for (const [themeId, change, status] of cases) expect((await coder.post(`/api/studies/${sid}/themes/${themeId}/proposals`, { change })).status).toBe(status);
      expect((await lead.get(`/api/studies/${sid}/theme-proposals`)).json.proposals).toEqual([]);
      expect(await themeEvents()).toEqual([]);
    });

    it('refuses proposals once the codebook is final, and accepting what the model now refuses', async () => {
      const retire = (await coder.post(`/api/studies/${sid}/themes/${ids.trust}/proposals`, { change: { kind: 'retire' } })).json;
      await lead.post(`/api/studies/${sid}/themes/${ids.trust}/retire`, {});
      const late = await lead.post(`/api/studies/${sid}/theme-proposals/${retire.id}/accept`, {});
      expect(late.status).toBe(409);
      expect(late.json.error.details.rule).toBe('theme_retired');
      expect((await lead.get(`/api/studies/${sid}/theme-proposals`)).json.proposals[0].status).toBe('open');
      expect((await lead.patch(`/api/studies/${sid}`, { codebookPhase: 'final' })).status).toBe(200);
      expect((await coder.post(`/api/studies/${sid}/themes/${ids.loss}/proposals`, { change: { kind: 'rename', label: 'Grief' } })).status).toBe(409);
      expect((await lead.post(`/api/studies/${sid}/theme-proposals/${retire.id}/decline`, {})).status).toBe(200);
    });
  });
}
