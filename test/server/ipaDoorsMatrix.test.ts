import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCluster } from '../../shared/boards';
import { codebookDocName, docName } from '../../shared/docNames';
import { addJournalEntry } from '../../shared/reconcile';
import { readThemeTree } from '../../shared/themes';
import type { RunningServer } from '../../server/server';
import { withDoc } from '../../server/ydocs/withDoc';
import { testDialects, testServer } from '../helpers/env';
import { apiFor, joinStudy } from '../helpers/http';
import { type StudyFixture, seedStudy } from '../helpers/collab';

type Role = 'lead' | 'owner' | 'other' | 'auditor' | 'outsider' | 'anonymous';
const ROLES: Role[] = ['lead', 'owner', 'other', 'auditor', 'outsider', 'anonymous'];
type State = 'blind, themes private' | 'blind, themes revealed';

// The REST doors of issue 15's documents (private codebooks seen through the boards, the codebook
// reconciliation view and decisions, journals in the reconciliation record), every role's HTTP
// status written out by hand from docs/theme-model.md, docs/reconciliation.md and
// docs/permissions.md, not computed from shared/access.ts, which it checks. The sockets of the
// same documents are test/collab/permissionMatrix.test.ts. `owner` is the coder whose board and
// private theme are asked for, `other` another coder; the transcript stays in coding throughout,
// so the owner's layer stays blind even once the themes are revealed (a participant board needs
// both the layer and the private codebook).
//                                                                                           lead owner other auditor outsider anonymous
type Row = [state: State, method: 'GET' | 'POST', path: (f: StudyFixture) => string, body: (f: StudyFixture) => unknown, expected: [number, number, number, number, number, number]];
const none = () => undefined;
/** The lead's decision on the owner's PET (made in beforeAll). */
let ownerPet = '';
const exclude = () => ({ op: 'exclude', themeId: ownerPet, rationale: 'Not about the shift.' });
const MATRIX: Row[] = [
  ['blind, themes private', 'GET', (f) => `/api/transcripts/${f.transcriptId}/boards/${f.users.owner!.id}`, none, [403, 200, 403, 200, 404, 401]],
  ['blind, themes private', 'GET', (f) => `/api/studies/${f.studyId}/boards/${f.users.owner!.id}`, none, [403, 200, 403, 200, 404, 401]],
  ['blind, themes private', 'GET', (f) => `/api/studies/${f.studyId}/boards/shared`, none, [200, 200, 200, 200, 404, 401]],
  ['blind, themes private', 'GET', (f) => `/api/studies/${f.studyId}/codebook/reconciliation`, none, [200, 403, 403, 200, 404, 401]],
  ['blind, themes private', 'POST', (f) => `/api/studies/${f.studyId}/codebook/decisions`, exclude, [409, 403, 403, 403, 404, 401]],
  ['blind, themes private', 'POST', (f) => `/api/studies/${f.studyId}/themes/reveal`, none, [0, 403, 403, 403, 404, 401]],
  ['blind, themes private', 'GET', (f) => `/api/studies/${f.studyId}/reconciliation?format=json`, none, [200, 403, 403, 200, 404, 401]],
  ['blind, themes revealed', 'GET', (f) => `/api/transcripts/${f.transcriptId}/boards/${f.users.owner!.id}`, none, [403, 200, 403, 200, 404, 401]],
  ['blind, themes revealed', 'GET', (f) => `/api/studies/${f.studyId}/boards/${f.users.owner!.id}`, none, [200, 200, 200, 200, 404, 401]],
  ['blind, themes revealed', 'GET', (f) => `/api/studies/${f.studyId}/codebook/reconciliation`, none, [200, 403, 403, 200, 404, 401]],
  ['blind, themes revealed', 'POST', (f) => `/api/studies/${f.studyId}/codebook/decisions`, exclude, [200, 403, 403, 403, 404, 401]],
  ['blind, themes revealed', 'GET', (f) => `/api/studies/${f.studyId}/reconciliation?format=json`, none, [200, 403, 403, 200, 404, 401]],
];

for (const dialect of testDialects()) {
  describe(`issue 15 REST doors, every role (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;

    beforeAll(async () => {
      ({ server, close } = await testServer(dialect));
      f = await seedStudy(server.services, 'blind');
      const s = server.services;
      const owner = f.users.owner!.id;
      ownerPet = await withDoc(s, codebookDocName(f.studyId), (shared) =>
        withDoc(s, docName({ kind: 'privateCodebook', studyId: f.studyId, ownerId: owner }), (doc) => addCluster(doc, readThemeTree(shared, [{ ownerId: owner, doc }]), { label: 'Counting the hours', caseId: f.transcriptId, createdBy: owner }, shared), owner),
      );
      await journal(f.studyId);
    });
    afterAll(async () => close());

    const journal = (studyId: string) => withDoc(server.services, docName({ kind: 'journal', studyId, ownerId: f.users.owner!.id }), (doc) => addJournalEntry(doc, { text: 'I expect exhaustion everywhere.', at: 1 }), f.users.owner!.id);

    async function status(role: Role, method: string, path: string, body: unknown): Promise<number> {
      const cookie = role === 'anonymous' ? null : f.cookie(role);
      const headers: Record<string, string> = { host: 'localhost', ...(cookie ? { cookie } : {}) };
      if (method !== 'GET') Object.assign(headers, { origin: 'http://localhost', 'content-type': 'application/json' });
      const res = await apiFor(server.services).app.request(`http://localhost${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      await res.arrayBuffer();
      return res.status;
    }
    // The lead's own successful writes come last in a state (0: checked by the state change).
    const order = (roles: Role[], expected: number[]) => roles.map((r, i) => [r, expected[i]!] as const).sort(([a], [b]) => Number(a === 'lead') - Number(b === 'lead'));

    it('answers every role exactly as the access rule says, before and after the themes reveal', async () => {
      const mismatches: string[] = [];
      for (const state of ['blind, themes private', 'blind, themes revealed'] as const) {
        if (state === 'blind, themes revealed') expect((await f.api('lead').post(`/api/studies/${f.studyId}/themes/reveal`, {})).status).toBe(200);
        for (const [, method, path, body, expected] of MATRIX.filter((r) => r[0] === state)) {
          for (const [role, want] of order(ROLES, expected)) {
            if (want === 0) continue;
            const got = await status(role, method, path(f), body(f));
            if (got !== want) mismatches.push(`${state}: ${method} ${path(f)} as ${role}: expected ${want}, got ${got}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('puts the coder’s journal in the lead’s reconciliation record only once the themes are revealed; the auditor reads it throughout', async () => {
      // This test's study: a fresh one, so the reveal of the first test does not carry over.
      const lead = f.api('lead');
      const g = { ...f, studyId: (await lead.post('/api/studies', { title: 'Journals', codingMode: 'blind' })).json.study.id as string };
      for (const [name, role] of [['owner', 'coder'], ['auditor', 'auditor']] as const) expect((await joinStudy(lead, g.studyId, f.users[name]!.email, role)).status).toBe(200);
      await journal(g.studyId);
      const journals = async (who: 'lead' | 'auditor') => JSON.stringify((await g.api(who).get(`/api/studies/${g.studyId}/reconciliation?format=json`)).json.journals);
      expect(await journals('lead')).not.toContain('exhaustion');
      expect(await journals('auditor')).toContain('exhaustion');
      expect((await g.api('lead').post(`/api/studies/${g.studyId}/themes/reveal`, {})).status).toBe(200);
      expect(await journals('lead')).toContain('exhaustion');
    });
  });
}
