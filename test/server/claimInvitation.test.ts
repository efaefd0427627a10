import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../server/ids';
import type { Services } from '../../server/services';
import { insertMember } from '../../server/store/members';
import { insertUser } from '../../server/store/users';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, apiFor, seedUsers, joinStudy } from '../helpers/http';

for (const dialect of testDialects()) {
  describe(`handing over an imported (pending) account by invitation (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let lead: ApiClient;
    let sid: string;
    let pendingId: string;

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      const seeded = await seedUsers(s, ['lead', 'coder']);
      lead = seeded.users.lead!.api;
      sid = (await lead.post('/api/studies', { title: 'Imported from NVivo' })).json.study.id;
      await joinStudy(lead, sid, 'coder@example.org', 'coder');
      // What a project import creates for a coder of another tool: no password, cannot sign in.
      pendingId = newId();
      await insertUser(s.db, { id: pendingId, email: `jo.${pendingId}@pending.invalid`, name: 'Jo (NVivo)', passwordHash: '', isAdmin: false, now: 1, pendingStudyId: sid });
      await insertMember(s.db, { studyId: sid, userId: pendingId, role: 'coder', now: 1 });
    });
    afterEach(async () => close());

    it('lists the account as pending and lets the invitee become it, keeping its id', async () => {
      const members = (await lead.get(`/api/studies/${sid}/members`)).json.members;
      expect(members.find((m: { userId: string }) => m.userId === pendingId).pending).toBe(true);
      for (const password of ['', 'anything at all']) {
        expect((await apiFor(s).client().post('/api/auth/login', { email: `jo.${pendingId}@pending.invalid`, password })).status).toBe(401);
      }
      const inv = await lead.post(`/api/studies/${sid}/invitations`, { email: 'jo@uni.example', role: 'coder', claimUserId: pendingId });
      expect(inv.status).toBe(201);
      const jo = apiFor(s).client();
      const accepted = await jo.post(`/api/invitations/${inv.json.token}/accept`, { name: 'Jo Quinn', password: 'jo-password' });
      expect(accepted.status).toBe(201);
      expect(accepted.json.user).toMatchObject({ id: pendingId, email: 'jo@uni.example', name: 'Jo Quinn' });
      expect((await jo.get(`/api/studies/${sid}`)).json.study.role).toBe('coder');
      const after = (await lead.get(`/api/studies/${sid}/members`)).json.members.find((m: { userId: string }) => m.userId === pendingId);
      expect(after).toMatchObject({ pending: false, email: 'jo@uni.example' });
      expect((await apiFor(s).client().post('/api/auth/login', { email: 'jo@uni.example', password: 'jo-password' })).status).toBe(200);
    });

    it('refuses to hand over an account that is not pending', async () => {
      const members = (await lead.get(`/api/studies/${sid}/members`)).json.members;
      const coderId = members.find((m: { email: string }) => m.email === 'coder@example.org').userId;
      const r = await lead.post(`/api/studies/${sid}/invitations`, { email: 'thief@uni.example', role: 'coder', claimUserId: coderId });
      expect(r.status).toBe(409);
      expect((await lead.post(`/api/studies/${sid}/invitations`, { email: 'x@uni.example', role: 'coder', claimUserId: 'nobody' })).status).toBe(404);
    });
  });
}
