import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, apiFor, seedUsers, joinStudy } from '../helpers/http';
import { base64 } from '../interchange/download';
import { SAMPLES } from '../interchange/seedStudy';

const sample = () => ({ name: 'synthetic_two_coders_ipa.qde', data: base64(readFileSync(`${SAMPLES}/synthetic_two_coders_ipa.qde`)) });

/**
 * Issue 14 item 1: a pending account (made by a project import) may only be handed over by an
 * invitation of the study whose import created it, issued by a lead of that study. The attack:
 * a coder (or auditor) of S3 reads the pending e-mail from S3's members, adds the account to a
 * study of their own, invites "it" there with claimUserId and accepts under a new password.
 */
for (const dialect of testDialects()) {
  describe(`pending (imported) accounts cannot be taken over from another study (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let lead: ApiClient;
    let sid: string;
    let pending: { userId: string; email: string };
    let apis: Record<string, ApiClient>;

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      const { users } = await seedUsers(s, ['lead', 'x', 'aud']);
      lead = users.lead!.api;
      apis = { x: users.x!.api, aud: users.aud!.api };
      const imported = await lead.post('/api/import/project', sample());
      expect(imported.status).toBe(201);
      sid = imported.json.study.id;
      for (const [name, role] of [['x', 'coder'], ['aud', 'auditor']] as const) {
        expect((await joinStudy(lead, sid, users[name]!.email, role)).status).toBe(200);
      }
      const members = (await users.x!.api.get(`/api/studies/${sid}/members`)).json.members as Array<{ userId: string; email: string; name: string; pending: boolean }>;
      const coderA = members.find((m) => m.name === 'Coder A' && m.pending)!;
      pending = { userId: coderA.userId, email: coderA.email };
    });
    afterEach(async () => close());

    for (const attacker of ['x', 'aud']) {
      it(`refuses ${attacker === 'x' ? 'a coder' : 'an auditor'} of the import's study who tries it through a study of their own`, async () => {
        const api = apis[attacker]!;
        const own = (await api.post('/api/studies', { title: 'Mine' })).json.study.id as string;
        // Inviting the pending account's e-mail to another study is answered as for any address,
        // adds nobody, and its link does not make the holder that account.
        const added = await api.post(`/api/studies/${own}/invitations`, { email: pending.email, role: 'coder' });
        expect(added.status).toBe(201);
        expect((await api.get(`/api/studies/${own}/members`)).json.members.map((m: { userId: string }) => m.userId)).not.toContain(pending.userId);
        expect((await apiFor(s).client().post(`/api/invitations/${added.json.token}/accept`, { name: 'Me', password: 'attacker-password' })).status).toBe(409);
        // Even if it were a member there, that study may not hand it over.
        const invited = await api.post(`/api/studies/${own}/invitations`, { email: `${attacker}.new@example.org`, role: 'coder', claimUserId: pending.userId });
        expect(invited.status).toBe(404);
        // Nor may they in the import's study itself (they are no lead there).
        expect((await api.post(`/api/studies/${sid}/invitations`, { email: `${attacker}.new@example.org`, role: 'coder', claimUserId: pending.userId })).status).toBe(403);
        // The account is still pending, and nothing was claimed.
        const after = (await lead.get(`/api/studies/${sid}/members`)).json.members.find((m: { userId: string }) => m.userId === pending.userId);
        expect(after).toMatchObject({ pending: true, email: pending.email });
      });
    }

    it('refuses an invitation of another study even when the account was made a member there directly', async () => {
      // The state the attack left behind before the fix: the pending account is a member of S2.
      const own = (await apis.x!.post('/api/studies', { title: 'Mine' })).json.study.id as string;
      const { insertMember } = await import('../../server/store/members');
      await insertMember(s.db, { studyId: own, userId: pending.userId, role: 'coder', now: s.now() });
      expect((await apis.x!.post(`/api/studies/${own}/invitations`, { email: 'x.new@example.org', role: 'coder', claimUserId: pending.userId })).status).toBe(404);
    });

    it("lets a lead of the import's study hand it over, and records the claim in that study's trail", async () => {
      const inv = await lead.post(`/api/studies/${sid}/invitations`, { email: 'coder.a@uni.example', role: 'coder', claimUserId: pending.userId });
      expect(inv.status).toBe(201);
      const accepted = await apiFor(s).client().post(`/api/invitations/${inv.json.token}/accept`, { name: 'Coder A', password: 'coder-a-password' });
      expect(accepted.status).toBe(201);
      expect(accepted.json.user.id).toBe(pending.userId);
      const events = (await lead.get(`/api/studies/${sid}/audit?limit=500`)).json.events as Array<{ action: string; target: string; data: Record<string, unknown> }>;
      const claim = events.find((e) => e.action === 'account.claim');
      expect(claim).toMatchObject({ target: `user:${pending.userId}`, data: { email: 'coder.a@uni.example' } });
    });
  });
}
