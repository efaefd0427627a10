import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCoding, addNote } from '../../shared/coding';
import { docName } from '../../shared/docNames';
import { withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, apiFor, seedUsers, joinStudy } from '../helpers/http';

// GET /api/transcripts/:tid/worksheet (issue 16): the transcript, its study and its members in one
// answer, decided by the same commands as the three separate routes. For every caller the answer
// is the three separate answers put together, or the refusal the transcript's own route gives.
type Who = 'lead' | 'coder' | 'other' | 'auditor' | 'outsider' | 'admin' | 'anonymous';
const WHO: Who[] = ['lead', 'coder', 'other', 'auditor', 'outsider', 'admin', 'anonymous'];
const SECRET = 'the other coder’s private reading of this line';

for (const dialect of testDialects()) {
  describe(`the worksheet's data in one request (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let clients: Record<Who, ApiClient>;
    let sid: string;
    let tid: string;
    let text: string;
    let coderId: string;

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      const seeded = await seedUsers(s, ['lead', 'coder', 'other', 'auditor', 'outsider']);
      const u = seeded.users;
      coderId = u.coder!.id;
      clients = { lead: u.lead!.api, coder: u.coder!.api, other: u.other!.api, auditor: u.auditor!.api, outsider: u.outsider!.api, admin: seeded.admin, anonymous: apiFor(s).client() };
      const lead = clients.lead;
      sid = (await lead.post('/api/studies', { title: 'Blind study', codingMode: 'blind' })).json.study.id;
      for (const [who, role] of [['coder', 'coder'], ['other', 'coder'], ['auditor', 'auditor']] as const) expect((await joinStudy(lead, sid, `${who}@example.org`, role)).status).toBe(200);
      const p = (await lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P01' })).json.participant;
      const created = await lead.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: 'Interview 1', text: 'Interviewer: How was it?\nP1: At first I watched the clock, then I stopped.\n' });
      expect(created.status).toBe(201);
      tid = created.json.transcript.id;
      text = (await lead.get(`/api/transcripts/${tid}`)).json.text;
      // The other coder's work exists in blind mode: none of it may reach anyone through this route.
      await withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId: u.other!.id }), (doc) => {
        addCoding(doc, text.length, { themeId: 'theme-secret', start: 0, end: 10, createdAt: Date.now() });
        addNote(doc, text.length, { kind: 'descriptive', text: SECRET, start: 0, end: 10, createdAt: Date.now() });
      });
    });
    afterEach(async () => close());

    it('answers each caller as the three separate routes do, together, or with the transcript route’s refusal', async () => {
      const seen: Record<string, number> = {};
      for (const who of WHO) {
        const c = clients[who];
        const [one, t, st, m] = await Promise.all([c.get(`/api/transcripts/${tid}/worksheet`), c.get(`/api/transcripts/${tid}`), c.get(`/api/studies/${sid}`), c.get(`/api/studies/${sid}/members`)]);
        seen[who] = one.status;
        if (t.status !== 200 || st.status !== 200 || m.status !== 200) {
          expect(one.status, who).not.toBe(200);
          expect(one.status, who).toBe(t.status);
          expect(one.json, who).toEqual(t.json);
          continue;
        }
        expect(one.status, who).toBe(200);
        expect(one.json, who).toEqual({ ...t.json, study: st.json.study, members: m.json.members });
        expect(Object.keys(one.json).sort(), who).toEqual(['lines', 'members', 'role', 'study', 'text', 'transcript', 'turns']);
        expect(JSON.stringify(one.json), who).not.toContain(SECRET);
        expect(JSON.stringify(one.json), who).not.toContain('theme-secret');
      }
      // The matrix itself, so that a change in the rules shows here as well as in the routes' own tests.
      expect(seen).toEqual({ lead: 200, coder: 200, other: 200, auditor: 200, outsider: 404, admin: 200, anonymous: 401 });
    });

    it('refuses an unknown transcript with 404 not_found, and a non-member exactly as an unknown transcript', async () => {
      const unknown = await clients.coder.get('/api/transcripts/no-such-transcript/worksheet');
      expect(unknown.status).toBe(404);
      expect(unknown.json.error.code).toBe('not_found');
      const outsider = await clients.outsider.get(`/api/transcripts/${tid}/worksheet`);
      expect(outsider.status).toBe(404);
      expect(outsider.json).toEqual(unknown.json);
      expect((await clients.anonymous.get(`/api/transcripts/${tid}/worksheet`)).status).toBe(401);
    });

    it('refuses a former member once removed, as the transcript route does', async () => {
      expect((await clients.lead.delete(`/api/studies/${sid}/members/${coderId}`)).status).toBe(204);
      const one = await clients.coder.get(`/api/transcripts/${tid}/worksheet`);
      expect(one.status).toBe(404);
      expect(one.status).toBe((await clients.coder.get(`/api/transcripts/${tid}`)).status);
    });
  });
}
