import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/services';
import { listAudit } from '../../server/store/audit';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, apiFor, seedUsers } from '../helpers/http';

for (const dialect of testDialects()) {
  describe(`adding people by e-mail: invitations, never direct adds or account oracles (${dialect}, issue 14 item 9)`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let clock = 1_700_000_000_000;
    let lead: ApiClient;
    let ana: ApiClient;
    let bob: ApiClient;
    let ids: Record<string, string>;
    let sid: string;

    beforeEach(async () => {
      clock = 1_700_000_000_000;
      ({ s, close } = await testServices(dialect, { now: () => clock }));
      const { users } = await seedUsers(s, ['lead', 'ana', 'bob']);
      ({ lead, ana, bob } = { lead: users.lead!.api, ana: users.ana!.api, bob: users.bob!.api });
      ids = Object.fromEntries(Object.entries(users).map(([k, v]) => [k, v.id]));
      sid = (await lead.post('/api/studies', { title: 'Nurses at night' })).json.study.id;
    });
    afterEach(async () => close());

    const memberIds = async () => ((await lead.get(`/api/studies/${sid}/members`)).json.members as Array<{ userId: string }>).map((m) => m.userId).sort();
    /** The answer with its random parts (ids, token, link) replaced, to compare shapes. */
    const shape = (json: any) => JSON.stringify(json, (k, v) => (['id', 'token', 'path'].includes(k) ? 'x' : k === 'email' ? 'e' : v));

    it('answers an invitation the same whether the address has an account or not, adds nobody, and names nobody', async () => {
      const existing = await lead.post(`/api/studies/${sid}/invitations`, { email: 'ana@example.org', role: 'coder' });
      const unknown = await lead.post(`/api/studies/${sid}/invitations`, { email: 'nobody@example.org', role: 'coder' });
      expect([existing.status, unknown.status]).toEqual([201, 201]);
      expect(shape(existing.json)).toBe(shape(unknown.json));
      expect(existing.text).not.toContain('Ana');
      expect(existing.text).not.toContain(ids.ana);
      expect(await memberIds()).toEqual([ids.lead].sort());
      // The previews of both links look alike too.
      const [pa, pb] = [await apiFor(s).client().get(`/api/invitations/${existing.json.token}`), await apiFor(s).client().get(`/api/invitations/${unknown.json.token}`)];
      expect(shape(pa.json)).toBe(shape(pb.json));
    });

    it('no longer has a route that adds an existing account directly', async () => {
      const r = await lead.post(`/api/studies/${sid}/members`, { email: 'ana@example.org', role: 'coder' });
      expect(r.status).toBe(404);
      expect(await memberIds()).toEqual([ids.lead].sort());
    });

    it('shows the invitation only to its addressee, who joins with its role by accepting; the trail records it', async () => {
      const inv = (await lead.post(`/api/studies/${sid}/invitations`, { email: 'Ana@Example.org', role: 'auditor' })).json.invitation;
      expect((await bob.get('/api/me/invitations')).json.invitations).toEqual([]);
      const mine = (await ana.get('/api/me/invitations')).json.invitations;
      expect(mine).toEqual([{ id: inv.id, studyId: sid, studyTitle: 'Nurses at night', role: 'auditor', invitedBy: 'lead', expiresAt: inv.expiresAt }]);
      // Someone else cannot accept or decline it: answered as an unknown invitation.
      expect((await bob.post(`/api/me/invitations/${inv.id}/accept`)).status).toBe(404);
      expect((await bob.post(`/api/me/invitations/${inv.id}/decline`)).status).toBe(404);
      const accepted = await ana.post(`/api/me/invitations/${inv.id}/accept`);
      expect([accepted.status, accepted.json]).toEqual([200, { studyId: sid, role: 'auditor' }]);
      expect(await memberIds()).toEqual([ids.lead, ids.ana].sort());
      expect((await ana.get(`/api/studies/${sid}`)).json.study.role).toBe('auditor');
      const event = (await listAudit(s.db, sid)).find((e) => e.action === 'invitation.accept');
      expect(event).toMatchObject({ actorId: ids.ana, target: `invitation:${inv.id}`, data: { userId: ids.ana, role: 'auditor' } });
      // Used once: gone from the list, and a second acceptance or its link is refused.
      expect((await ana.get('/api/me/invitations')).json.invitations).toEqual([]);
      expect((await ana.post(`/api/me/invitations/${inv.id}/accept`)).status).toBe(404);
    });

    it('lets the addressee decline: no membership, the trail records it, the lead sees it, the link is dead', async () => {
      const created = (await lead.post(`/api/studies/${sid}/invitations`, { email: 'ana@example.org', role: 'coder' })).json;
      expect((await ana.post(`/api/me/invitations/${created.invitation.id}/decline`)).status).toBe(204);
      expect(await memberIds()).toEqual([ids.lead].sort());
      expect((await listAudit(s.db, sid)).some((e) => e.action === 'invitation.decline' && e.actorId === ids.ana)).toBe(true);
      const listed = (await lead.get(`/api/studies/${sid}/invitations`)).json.invitations;
      expect(listed[0].declinedAt).toBe(clock);
      expect((await ana.post(`/api/me/invitations/${created.invitation.id}/accept`)).status).toBe(404);
      expect((await apiFor(s).client().post(`/api/invitations/${created.token}/accept`, { name: 'x', password: 'xxxxxxxxxx' })).status).toBe(409);
    });

    it('hides an expired invitation from the list and refuses to accept it', async () => {
      const inv = (await lead.post(`/api/studies/${sid}/invitations`, { email: 'ana@example.org', role: 'coder' })).json.invitation;
      clock = inv.expiresAt;
      expect((await ana.get('/api/me/invitations')).json.invitations).toEqual([]);
      expect((await ana.post(`/api/me/invitations/${inv.id}/accept`)).status).toBe(404);
      expect(await memberIds()).toEqual([ids.lead].sort());
    });

    it('does not let a link make its holder an existing account, and names nobody when refusing', async () => {
      const created = (await bob.post('/api/studies', { title: 'Bob probes' })).json.study.id;
      const inv = (await bob.post(`/api/studies/${created}/invitations`, { email: 'ana@example.org', role: 'coder' })).json;
      const r = await apiFor(s).client().post(`/api/invitations/${inv.token}/accept`, { name: 'Not Ana', password: 'bob-chose-this' });
      expect(r.status).toBe(409);
      expect(r.text).not.toContain('Ana"');
      expect(r.text).not.toContain(ids.ana);
      expect((await bob.get(`/api/studies/${created}/members`)).json.members.map((m: { userId: string }) => m.userId)).toEqual([ids.bob]);
    });
  });
}
