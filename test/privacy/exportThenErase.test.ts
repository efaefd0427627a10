import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../shared/auditChain';
import { addNote } from '../../shared/coding';
import type { Services } from '../../server/services';
import { listAudit } from '../../server/store/audit';
import { withDoc } from '../../server/ydocs/withDoc';
import { testDialects, testServices } from '../helpers/env';
import { apiFor } from '../helpers/http';
import { type StudyFixture, docs, seedStudy } from '../helpers/collab';

const DAY = 86_400_000;

for (const dialect of testDialects()) {
  describe(`retention: warning and export then erase (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let f: StudyFixture;
    let clock = Date.parse('2031-09-01T12:00:00Z');

    beforeEach(async () => {
      clock = Date.parse('2031-09-01T12:00:00Z');
      ({ s, close } = await testServices(dialect, { now: () => clock }, { RETENTION_WARNING_DAYS: '10' }));
      f = await seedStudy(s, 'open');
    });
    afterEach(async () => close());

    /** POST the final export as `who`: the zip's bytes, its id header and the SHA-256 the client computes. */
    async function takeExport(who: string) {
      const res = await apiFor(s).app.request(`http://localhost/api/studies/${f.studyId}/retention/export`, { method: 'POST', headers: { host: 'localhost', origin: 'http://localhost', cookie: f.cookie(who) } });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, bytes, exportId: res.headers.get('x-concord-export-id'), sha256: createHash('sha256').update(bytes).digest('hex'), headers: res.headers };
    }
    const erase = (body: Record<string, unknown>, who = 'lead') => f.api(who).post(`/api/studies/${f.studyId}/retention/erase`, { reason: 'retention period ended', ...body });
    const studyExists = async () => (await f.api('lead').get(`/api/studies/${f.studyId}`)).status === 200;

    it('warns leads, not coders, from the configured number of days before the end and after it', async () => {
      expect((await f.api('lead').patch(`/api/studies/${f.studyId}/privacy`, { retentionUntil: '2031-09-30' })).status).toBe(200);
      const privacy = async (who: string) => (await f.api(who).get(`/api/studies/${f.studyId}/privacy`)).json.privacy;
      expect(await privacy('lead')).toMatchObject({ retention: { state: 'ok', until: '2031-09-30', daysLeft: 30, warningDays: 10 }, retentionWarning: false });
      clock += 21 * DAY;
      expect(await privacy('lead')).toMatchObject({ retention: { state: 'soon', daysLeft: 9 }, retentionWarning: true });
      expect(await privacy('owner')).toMatchObject({ retention: { state: 'soon' }, retentionWarning: false });
      expect(await privacy('auditor')).toMatchObject({ retentionWarning: false });
      clock += 10 * DAY;
      expect(await privacy('lead')).toMatchObject({ retention: { state: 'due', daysLeft: -1 }, retentionWarning: true });
    });

    it('erases the study only after the lead proves they hold a complete, current final export', async () => {
      await withDoc(s, docs.layer(f), (doc) => addNote(doc, 54, { kind: 'descriptive', text: 'kept in the export', start: 0, end: 10 }), f.users.owner!.id);
      const taken = await takeExport('lead');
      expect(taken.status).toBe(200);
      expect(taken.headers.get('content-disposition')).toMatch(/burnout-in-nursing-final-export\.zip/);
      const files = unzipSync(taken.bytes);
      expect(Object.keys(files).sort()).toEqual(['README.txt', 'access-log.csv', 'audit-trail.json', 'erasures.json', 'manifest.json', 'project.qdpx', 'reconciliation-record.html', 'reconciliation-record.json', 'table-of-themes.csv', 'table-of-themes.html', 'table-of-themes.json']);
      const trail = JSON.parse(strFromU8(files['audit-trail.json']!));
      expect(verifyChain(trail.events).verified).toBe(true);
      const project = unzipSync(files['project.qdpx']!);
      expect(strFromU8(project['project.qde']!)).toContain('kept in the export');
      expect(strFromU8(files['README.txt']!)).toMatch(/^Final export of a study from Concord/);
      expect((await listAudit(s.db, f.studyId)).at(-1)).toMatchObject({ action: 'privacy.retention_export', data: { exportId: taken.exportId, sha256: taken.sha256, bytes: taken.bytes.length } });

      // A hash that is not the export's (a truncated download) erases nothing.
      const wrong = await erase({ exportId: taken.exportId, sha256: createHash('sha256').update(taken.bytes.slice(0, -1)).digest('hex') });
      expect([wrong.status, wrong.json.error.code, wrong.json.error.details]).toEqual([409, 'conflict', { reason: 'export_hash_mismatch' }]);
      expect((await erase({ exportId: 'nosuchexport', sha256: taken.sha256 })).status).toBe(404);
      expect((await erase({ exportId: taken.exportId, sha256: 'ABC' })).json.error.code).toBe('validation_failed');
      expect(await studyExists()).toBe(true);

      const done = await erase({ exportId: taken.exportId, sha256: taken.sha256 });
      expect(done.status).toBe(200);
      expect(done.json.erasure).toMatchObject({ kind: 'study', target: `study:${f.studyId}` });
      expect(await studyExists()).toBe(false);
      const record = await s.db.selectFrom('erasures').selectAll().where('target', '=', `study:${f.studyId}`).executeTakeFirstOrThrow();
      expect(record.reason).toContain(`after final export ${taken.exportId}, sha256 ${taken.sha256}`);
      expect(await s.db.selectFrom('retention_exports').selectAll().execute()).toEqual([]);
    });

    it('refuses an export that no longer holds everything: the study changed, or it is older than a day', async () => {
      const first = await takeExport('lead');
      await withDoc(s, docs.layer(f), (doc) => addNote(doc, 54, { kind: 'descriptive', text: 'written after the export', start: 0, end: 10 }), f.users.owner!.id);
      const stale = await erase({ exportId: first.exportId, sha256: first.sha256 });
      expect([stale.status, stale.json.error.message]).toEqual([409, expect.stringMatching(/changed after the final export/)]);
      // A governance change (an audit event) makes it stale too.
      const second = await takeExport('lead');
      expect((await f.api('lead').patch(`/api/studies/${f.studyId}`, { description: 'changed' })).status).toBe(200);
      expect((await erase({ exportId: second.exportId, sha256: second.sha256 })).status).toBe(409);
      const third = await takeExport('lead');
      clock += DAY + 1;
      expect((await erase({ exportId: third.exportId, sha256: third.sha256 })).json.error.details).toEqual({ reason: 'export_too_old' });
      expect(await studyExists()).toBe(true);
      const fresh = await takeExport('lead');
      expect((await erase({ exportId: fresh.exportId, sha256: fresh.sha256 })).status).toBe(200);
    });

    it('is for leads only: coders, auditors and admins who are not members are refused and nothing changes', async () => {
      const taken = await takeExport('lead');
      expect((await takeExport('owner')).status).toBe(403);
      expect((await takeExport('auditor')).status).toBe(403);
      expect((await takeExport('outsider')).status).toBe(404);
      for (const who of ['owner', 'auditor']) expect((await erase({ exportId: taken.exportId, sha256: taken.sha256 }, who)).status).toBe(403);
      expect((await erase({ exportId: taken.exportId, sha256: taken.sha256 }, 'outsider')).status).toBe(404);
      expect(await studyExists()).toBe(true);
      expect((await listAudit(s.db, f.studyId)).filter((e) => e.action === 'privacy.retention_export')).toHaveLength(1);
    });
  });
}
