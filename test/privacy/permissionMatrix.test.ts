import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { listAudit } from '../../server/store/audit';
import { testDialects, testServer } from '../helpers/env';
import { apiFor } from '../helpers/http';
import { type StudyFixture, seedStudy } from '../helpers/collab';

type Role = 'lead' | 'owner' | 'auditor' | 'admin' | 'outsider' | 'anonymous';
const ROLES: Role[] = ['lead', 'owner', 'auditor', 'admin', 'outsider', 'anonymous'];

// The privacy routes (docs/permissions.md, "Privacy"), every role's HTTP status written out by
// hand from that table, not computed from server/auth/policy.ts, which it checks. `owner` is a
// coder; `admin` an instance admin who is not a member. Requests that would erase something are
// checked for everyone but the lead (the erasure tests cover the lead's success).
//                                                                                lead owner auditor admin outsider anonymous
type Row = [method: 'GET' | 'POST' | 'PATCH', path: (f: StudyFixture) => string, body: unknown, expected: [number, number, number, number, number, number]];
const MATRIX: Row[] = [
  ['GET', (f) => `/api/studies/${f.studyId}/privacy`, undefined, [200, 200, 200, 200, 404, 401]],
  ['PATCH', (f) => `/api/studies/${f.studyId}/privacy`, { retentionUntil: '2031-09-30' }, [200, 403, 403, 403, 404, 401]],
  ['GET', (f) => `/api/studies/${f.studyId}/erasures`, undefined, [200, 403, 200, 200, 404, 401]],
  ['GET', (f) => `/api/studies/${f.studyId}/access-log`, undefined, [200, 403, 200, 403, 404, 401]],
  ['GET', (f) => `/api/studies/${f.studyId}/access-log?format=csv`, undefined, [200, 403, 200, 403, 404, 401]],
  ['GET', (f) => `/api/studies/${f.studyId}/pseudonym-key`, undefined, [200, 403, 403, 403, 404, 401]],
  ['GET', (f) => `/api/studies/${f.studyId}/pseudonym-key?format=csv`, undefined, [200, 403, 403, 403, 404, 401]],
  ['POST', (f) => `/api/studies/${f.studyId}/pseudonym-key/terms`, { terms: [{ original: 'Riverside Clinic' }] }, [200, 403, 403, 403, 404, 401]],
  ['GET', (f) => `/api/participants/${f.participantId}/subject-access`, undefined, [200, 403, 403, 403, 404, 401]],
  ['GET', (f) => `/api/users/${f.users.owner!.id}/subject-access`, undefined, [403, 200, 403, 200, 403, 401]],
  ['POST', (f) => `/api/studies/${f.studyId}/retention/export`, undefined, [200, 403, 403, 403, 404, 401]],
  ['POST', (f) => `/api/studies/${f.studyId}/retention/erase`, { exportId: 'x', sha256: '0'.repeat(64), reason: 'r' }, [0, 403, 403, 403, 404, 401]],
  ['POST', (f) => `/api/studies/${f.studyId}/pseudonym-key/erase`, { reason: 'r' }, [0, 403, 403, 403, 404, 401]],
  ['POST', (f) => `/api/participants/${f.participantId}/erase`, { reason: 'r' }, [0, 403, 403, 403, 404, 401]],
  ['POST', (f) => `/api/transcripts/${f.transcriptId}/erase`, { reason: 'r' }, [0, 403, 403, 403, 404, 401]],
  ['POST', (f) => `/api/studies/${f.studyId}/erase`, { reason: 'r' }, [0, 403, 403, 403, 404, 401]],
  ['POST', (f) => `/api/users/${f.users.owner!.id}/erase`, { reason: 'r' }, [403, 403, 403, 0, 403, 401]],
];

for (const dialect of testDialects()) {
  describe(`privacy permission matrix over REST (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    let adminCookie: string;

    beforeAll(async () => {
      ({ server, close } = await testServer(dialect));
      f = await seedStudy(server.services, 'blind');
      const admin = apiFor(server.services).client();
      expect((await admin.post('/api/auth/login', { email: 'admin@example.org', password: 'admin-password' })).status).toBe(200);
      adminCookie = admin.cookie!;
    });
    afterAll(async () => close());

    async function status(role: Role, method: string, path: string, body: unknown): Promise<number> {
      const cookie = role === 'anonymous' ? null : role === 'admin' ? adminCookie : f.cookie(role);
      const headers: Record<string, string> = { host: 'localhost', ...(cookie ? { cookie } : {}) };
      if (method !== 'GET') Object.assign(headers, { origin: 'http://localhost', 'content-type': 'application/json' });
      const res = await apiFor(server.services).app.request(`http://localhost${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      await res.arrayBuffer();
      return res.status;
    }

    it('gives every role exactly its access to every privacy route, and a refused request changes nothing', async () => {
      const mismatches: string[] = [];
      let cells = 0;
      for (const [method, path, body, expected] of MATRIX) {
        for (const [i, role] of ROLES.entries()) {
          if (expected[i] === 0) continue;
          cells++;
          const got = await status(role, method, path(f), body);
          if (got !== expected[i]) mismatches.push(`${method} ${path(f)} as ${role}: expected ${expected[i]}, got ${got}`);
        }
      }
      expect(mismatches).toEqual([]);
      expect(cells).toBe(MATRIX.length * ROLES.length - 6);
      // Nothing was erased by the refused requests.
      expect((await f.api('lead').get(`/api/transcripts/${f.transcriptId}`)).status).toBe(200);
      expect((await f.api('owner').get('/api/auth/me')).status).toBe(200);
      expect((await listAudit(server.services.db, f.studyId)).map((e) => e.action)).not.toContain('privacy.erase');
    });
  });
}
