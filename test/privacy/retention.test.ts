import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/services';
import { listAudit } from '../../server/store/audit';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';

const DAY = 86_400_000;

for (const dialect of testDialects()) {
  describe(`retention end date (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let clock = Date.parse('2026-03-01T12:00:00Z');
    let lead: ApiClient, coder: ApiClient;
    let sid: string;

    beforeEach(async () => {
      clock = Date.parse('2026-03-01T12:00:00Z');
      ({ s, close } = await testServices(dialect, { now: () => clock }));
      const seeded = await seedUsers(s, ['lead', 'coder']);
      lead = seeded.users.lead!.api;
      coder = seeded.users.coder!.api;
      sid = (await lead.post('/api/studies', { title: 'Retained' })).json.study.id;
      await joinStudy(lead, sid, 'coder@example.org', 'coder');
    });
    afterEach(async () => close());

    it('is shown to members, warns within 30 days and says when it is due', async () => {
      expect((await coder.get(`/api/studies/${sid}/privacy`)).json.privacy.retention).toEqual({ state: 'none' });
      const set = await lead.patch(`/api/studies/${sid}/privacy`, { retentionUntil: '2026-04-10' });
      expect(set.status).toBe(200);
      expect(set.json.privacy.retention).toEqual({ state: 'ok', until: '2026-04-10', daysLeft: 41, warningDays: 30 });
      // Sessions slide by 30 days: the clock moves in steps a signed-in member would take.
      clock += 25 * DAY;
      expect((await coder.get(`/api/studies/${sid}/privacy`)).json.privacy.retention).toMatchObject({ state: 'soon', daysLeft: 16 });
      clock += 20 * DAY;
      expect((await coder.get(`/api/studies/${sid}/privacy`)).json.privacy.retention).toMatchObject({ state: 'due', daysLeft: -4 });
      const event = (await listAudit(s.db, sid)).at(-1)!;
      expect(event).toMatchObject({ action: 'privacy.settings' });
      expect((event.data as { retentionUntil: { to: number } }).retentionUntil.to).toBe(Date.parse('2026-04-10T23:59:59.999Z'));
    });

    it('is set by leads only, and refuses a malformed date changing nothing', async () => {
      expect((await coder.patch(`/api/studies/${sid}/privacy`, { retentionUntil: '2026-04-30' })).status).toBe(403);
      const bad = await lead.patch(`/api/studies/${sid}/privacy`, { retentionUntil: '30/04/2026' });
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('validation_failed');
      expect((await lead.patch(`/api/studies/${sid}/privacy`, {})).status).toBe(400);
      expect((await lead.get(`/api/studies/${sid}/privacy`)).json.privacy.retention).toEqual({ state: 'none' });
    });
  });
}
