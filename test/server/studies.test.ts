import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';
import { listAudit } from '../../server/store/audit';

for (const dialect of testDialects()) {
  describe(`studies, members, participants, transcripts (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let lead: ApiClient, coder: ApiClient, auditor: ApiClient, outsider: ApiClient, admin: ApiClient;
    let ids: Record<string, string>;
    let sid: string;

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      const seeded = await seedUsers(s, ['lead', 'coder', 'auditor', 'outsider']);
      admin = seeded.admin;
      lead = seeded.users.lead!.api;
      coder = seeded.users.coder!.api;
      auditor = seeded.users.auditor!.api;
      outsider = seeded.users.outsider!.api;
      ids = Object.fromEntries(Object.entries(seeded.users).map(([k, v]) => [k, v.id]));
      const created = await lead.post('/api/studies', { title: 'Therapists and the alliance', codingMode: 'blind', terminology: { kind: 'custom', levels: ['Area', 'Superordinate theme', 'Theme', 'Sub-theme'] } });
      expect(created.status).toBe(201);
      sid = created.json.study.id;
      expect((await joinStudy(lead, sid, 'coder@example.org', 'coder')).status).toBe(200);
      expect((await joinStudy(lead, sid, 'auditor@example.org', 'auditor')).status).toBe(200);
    });
    afterEach(async () => close());

    it('lists a study for its members only; a non-member gets 404', async () => {
      expect((await coder.get('/api/studies')).json.studies.map((x: { id: string }) => x.id)).toEqual([sid]);
      expect((await outsider.get('/api/studies')).json.studies).toEqual([]);
      const hidden = await outsider.get(`/api/studies/${sid}`);
      expect(hidden.status).toBe(404);
      expect(hidden.json.error.code).toBe('not_found');
      expect((await outsider.get(`/api/studies/${sid}/participants`)).status).toBe(404);
    });

    it('keeps the study settings it was created with', async () => {
      const st = (await coder.get(`/api/studies/${sid}`)).json.study;
      expect(st).toMatchObject({ codingMode: 'blind', lineWidth: 80, codebookPhase: 'open', role: 'coder', recurrenceRule: { kind: 'fraction', value: 0.5 } });
      expect(st.terminology.levels).toEqual(['Area', 'Superordinate theme', 'Theme', 'Sub-theme']);
    });

    it('lets a coder read but not manage members, settings, participants or transcripts', async () => {
      expect((await coder.get(`/api/studies/${sid}/members`)).status).toBe(200);
      expect((await coder.patch(`/api/studies/${sid}/members/${ids.auditor}`, { role: 'lead' })).status).toBe(403);
      expect((await coder.delete(`/api/studies/${sid}/members/${ids.auditor}`)).status).toBe(403);
      expect((await coder.patch(`/api/studies/${sid}`, { codingMode: 'open' })).status).toBe(403);
      expect((await coder.post(`/api/studies/${sid}/participants`, { pseudonym: 'P01' })).status).toBe(403);
      expect((await coder.post(`/api/studies/${sid}/invitations`, { email: 'x@example.org', role: 'coder' })).status).toBe(403);
      expect((await coder.get(`/api/studies/${sid}/audit`)).status).toBe(403);
      expect((await coder.get(`/api/studies/${sid}/members`)).json.members).toHaveLength(3);
    });

    it('lets an auditor read everything and change nothing', async () => {
      const p = (await lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P01' })).json.participant;
      const t = (await lead.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: 'Interview 1', text: 'I: Hello.\nP1: Hi.' })).json.transcript;
      const before = (await listAudit(s.db, sid)).length;
      const writes = [
        await auditor.patch(`/api/studies/${sid}`, { title: 'changed' }),
        await auditor.patch(`/api/studies/${sid}/members/${ids.coder}`, { role: 'auditor' }),
        await auditor.delete(`/api/studies/${sid}/members/${ids.coder}`),
        await auditor.post(`/api/studies/${sid}/participants`, { pseudonym: 'P02' }),
        await auditor.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: 'x', text: 'y' }),
        await auditor.post(`/api/studies/${sid}/invitations`, { email: 'x@example.org', role: 'coder' }),
        await auditor.post(`/api/transcripts/${t.id}/phase`, { phase: 'reconciling' }),
      ];
      expect(writes.map((w) => w.status)).toEqual(Array(writes.length).fill(403));
      expect((await listAudit(s.db, sid)).length).toBe(before);
      expect((await auditor.get(`/api/studies/${sid}/audit`)).json.verified).toBe(true);
      expect((await auditor.get(`/api/transcripts/${t.id}`)).status).toBe(200);
    });

    it('keeps at least one lead', async () => {
      const demote = await lead.patch(`/api/studies/${sid}/members/${ids.lead}`, { role: 'coder' });
      expect(demote.status).toBe(409);
      expect((await lead.delete(`/api/studies/${sid}/members/${ids.lead}`)).status).toBe(409);
      expect((await lead.patch(`/api/studies/${sid}/members/${ids.coder}`, { role: 'lead' })).status).toBe(200);
      expect((await lead.patch(`/api/studies/${sid}/members/${ids.lead}`, { role: 'coder' })).status).toBe(200);
    });

    it('lets an instance admin who is not a member manage members', async () => {
      expect((await admin.get(`/api/studies/${sid}`)).status).toBe(200);
      expect((await joinStudy(admin, sid, 'outsider@example.org', 'auditor')).status).toBe(200);
      expect((await outsider.get(`/api/studies/${sid}`)).json.study.role).toBe('auditor');
    });

    it('refuses a duplicate pseudonym with 409', async () => {
      expect((await lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P01', attributes: { yearsOfPractice: 12 } })).status).toBe(201);
      const dup = await lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P01' });
      expect(dup.status).toBe(409);
      expect((await lead.get(`/api/studies/${sid}/participants`)).json.participants).toHaveLength(1);
    });

    it('freezes a transcript: wrapped lines, speaker turns, SHA-256', async () => {
      const p = (await lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P01' })).json.participant;
      const long = 'P1: ' + 'the alliance felt fragile and then it held '.repeat(6).trim();
      const raw = `Interviewer: Could you tell me about a client?\r\n${long}\r\n`;
      const created = await lead.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: 'Interview 1', text: raw });
      expect(created.status).toBe(201);
      expect(created.json.transcript.sha256).toMatch(/^[0-9a-f]{64}$/);
      const got = (await coder.get(`/api/transcripts/${created.json.transcript.id}`)).json;
      expect(got.text).not.toContain('\r');
      expect(got.lines.length).toBeGreaterThan(2);
      for (const l of got.lines) expect(l.end - l.start).toBeLessThanOrEqual(80);
      expect(got.lines.map((l: { n: number }) => l.n)).toEqual(got.lines.map((_: unknown, i: number) => i + 1));
      const speakers = got.turns.map((t: { speaker: string }) => t.speaker);
      expect(speakers).toEqual(['Interviewer', 'P1']);
      expect(got.transcript.phase).toBe('coding');
    });

    it('moves a transcript through its phases one step at a time, leads only', async () => {
      const p = (await lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P01' })).json.participant;
      const t = (await lead.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: 'I', text: 'P1: text' })).json.transcript;
      expect((await coder.post(`/api/transcripts/${t.id}/phase`, { phase: 'reconciling' })).status).toBe(403);
      expect((await lead.post(`/api/transcripts/${t.id}/phase`, { phase: 'final' })).status).toBe(409);
      expect((await lead.post(`/api/transcripts/${t.id}/phase`, { phase: 'reconciling' })).json.transcript.phase).toBe('reconciling');
      expect((await lead.post(`/api/transcripts/${t.id}/phase`, { phase: 'final' })).json.transcript.phase).toBe('final');
      expect((await lead.post(`/api/transcripts/${t.id}/phase`, { phase: 'reconciling' })).json.transcript.phase).toBe('reconciling');
      const actions = (await listAudit(s.db, sid)).map((e) => e.action);
      expect(actions.filter((a) => a === 'transcript.phase')).toHaveLength(3);
    });

    it('answers malformed JSON, unknown fields and oversize bodies with 400/413 and changes nothing', async () => {
      const before = (await listAudit(s.db, sid)).length;
      const bad = await lead.call('POST', `/api/studies/${sid}/participants`, '{"pseudonym": ');
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('validation_failed');
      const unknown = await lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P9', role: 'admin' });
      expect(unknown.status).toBe(400);
      const wrongType = await lead.patch(`/api/studies/${sid}`, { lineWidth: 'wide' });
      expect(wrongType.status).toBe(400);
      const huge = await lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P9', attributes: { note: 'x'.repeat(300 * 1024) } });
      expect(huge.status).toBe(413);
      expect(huge.json.error.code).toBe('too_large');
      const notJson = await lead.call('POST', `/api/studies/${sid}/participants`, 'pseudonym=P9', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(notJson.status).toBe(415);
      expect((await lead.get(`/api/studies/${sid}/participants`)).json.participants).toEqual([]);
      expect((await listAudit(s.db, sid)).length).toBe(before);
    });

    it('answers NUL characters in a path, a query or a body with 404/400 on every dialect', async () => {
      expect((await lead.get(`/api/studies/a%00b/participants`)).status).toBe(404);
      expect((await lead.get(`/api/studies/${sid}/agreement?themes=a%00b`)).status).toBe(400);
      const body = await lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P\u0000 1' });
      expect(body.status).toBe(400);
      expect(body.json.error.code).toBe('validation_failed');
      expect((await lead.get(`/api/studies/${sid}/participants`)).json.participants).toEqual([]);
    });

    it('records every governance action in a verified hash chain', async () => {
      await lead.patch(`/api/studies/${sid}`, { codingMode: 'open', lineWidth: 72 });
      await lead.post(`/api/studies/${sid}/invitations`, { email: 'x@example.org', role: 'coder' });
      const audit = (await lead.get(`/api/studies/${sid}/audit`)).json;
      expect(audit.verified).toBe(true);
      expect(audit.events.map((e: { action: string }) => e.action)).toEqual(['study.create', ...Array(2).fill(['invitation.create', 'invitation.accept']).flat(), 'study.update', 'invitation.create']);
      const update = audit.events[5];
      expect(update.data.changed).toEqual({ codingMode: 'open', lineWidth: 72 });
      expect(update.data.before).toEqual({ codingMode: 'blind', lineWidth: 80 });
    });

    it('detects an edited audit row', async () => {
      await lead.patch(`/api/studies/${sid}`, { codingMode: 'open' });
      await s.db.updateTable('audit_events').set({ data: JSON.stringify({ changed: { codingMode: 'blind' } }) }).where('study_id', '=', sid).where('seq', '=', 4).execute();
      const audit = (await lead.get(`/api/studies/${sid}/audit`)).json;
      expect(audit.verified).toBe(false);
      expect(audit.brokenAt).toBe(4);
    });

    it('describes its routes in /api/openapi.json', async () => {
      const doc = (await lead.get('/api/openapi.json')).json;
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/studies/{sid}/members/{userId}', '/api/transcripts/{tid}/phase', '/api/health']));
      expect(doc.paths['/api/studies'].post.requestBody.content['application/json'].schema.properties.title).toBeDefined();
    });
  });
}
