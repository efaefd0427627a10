import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/server';
import { recordAccess } from '../../server/store/accessLog';
import { type TestEnv, eventually, testDialects, preparedTestEnv } from '../helpers/env';
import { type StudyFixture, docs, openClient, seedStudy, synced } from '../helpers/collab';

for (const dialect of testDialects()) {
  describe(`access log (${dialect})`, () => {
    let server: RunningServer;
    let env: TestEnv;
    let f: StudyFixture;

    beforeEach(async () => {
      env = await preparedTestEnv(dialect, { ACCESS_LOG_RETENTION_DAYS: '30' });
      server = await startServer(env.config, env.options);
      f = await seedStudy(server.services, 'open');
    });
    afterEach(async () => {
      await server.close();
      await env.cleanup();
    });

    const log = async () => (await f.api('auditor').get(`/api/studies/${f.studyId}/access-log`)).json;

    it('records who read which transcript, layer or export, when and through which door', async () => {
      const before = server.services.now();
      expect((await f.api('owner').get(`/api/transcripts/${f.transcriptId}`)).status).toBe(200);
      const other = openClient(server, docs.layer(f), f.cookie('other'));
      try {
        await synced(other);
      } finally {
        other.destroy();
      }
      expect((await f.api('lead').get(`/api/studies/${f.studyId}/themes/table?format=csv`)).status).toBe(200);
      expect((await f.api('lead').get(`/api/studies/${f.studyId}/export/project?format=qde`)).status).toBe(200);
      const entries = await eventually(async () => {
        const e = (await log()).entries as Array<{ userId: string; what: string; target: string; door: string; at: number }>;
        return e.length >= 4 ? e : null;
      });
      expect(entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: f.users.owner!.id, what: 'transcript', target: `transcript:${f.transcriptId}`, door: 'rest' }),
          expect.objectContaining({ userId: f.users.other!.id, what: 'layer', target: docs.layer(f), door: 'collab' }),
          expect.objectContaining({ userId: f.users.lead!.id, what: 'export', target: 'export:table-of-themes:csv', door: 'rest' }),
          expect.objectContaining({ userId: f.users.lead!.id, what: 'export', target: 'export:project:qde', door: 'rest' }),
        ]),
      );
      for (const e of entries!) expect(e.at).toBeGreaterThanOrEqual(before);
      const csv = await (await import('../helpers/http')).apiFor(server.services).app.request(`http://localhost/api/studies/${f.studyId}/access-log?format=csv`, { headers: { cookie: f.cookie('lead') } });
      expect(await csv.text()).toMatch(/at,at_iso,user_id,what,target,door\r\n.*,transcript,transcript:/);
    });

    it('is read by leads and auditors only', async () => {
      expect((await f.api('lead').get(`/api/studies/${f.studyId}/access-log`)).status).toBe(200);
      expect((await f.api('auditor').get(`/api/studies/${f.studyId}/access-log`)).status).toBe(200);
      expect((await f.api('owner').get(`/api/studies/${f.studyId}/access-log`)).status).toBe(403);
      expect((await f.api('outsider').get(`/api/studies/${f.studyId}/access-log`)).status).toBe(404);
    });

    it('forgets reads older than the retention period', async () => {
      const day = 24 * 60 * 60 * 1000;
      await recordAccess(server.services.db, { studyId: f.studyId, at: server.services.now() - 31 * day, userId: f.users.owner!.id, what: 'transcript', target: 'transcript:old', door: 'rest' });
      await recordAccess(server.services.db, { studyId: f.studyId, at: server.services.now() - 29 * day, userId: f.users.owner!.id, what: 'transcript', target: 'transcript:recent', door: 'rest' });
      await f.api('owner').get(`/api/transcripts/${f.transcriptId}`);
      const targets = ((await log()).entries as Array<{ target: string }>).map((e) => e.target);
      expect(targets).not.toContain('transcript:old');
      expect(targets).toContain('transcript:recent');
      expect((await log()).retentionDays).toBe(30);
    });
  });
}
