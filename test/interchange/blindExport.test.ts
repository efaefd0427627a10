import { strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProject } from '../../shared/refi';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, apiFor } from '../helpers/http';
import { type Seeded, seedReconciliation } from '../reconcile/seed';
import { download } from './download';

/**
 * Issue 14 item 4: exports are a door to the layers like the socket, so they answer with what
 * decideAccess lets the exporter read. In a blind study with a transcript still in coding, the
 * lead (who codes) and an instance admin who is no member used to get every coder's codings.
 */
for (const dialect of testDialects()) {
  describe(`exports in a blind study (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let f: Seeded;
    let admin: ApiClient;
    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      f = await seedReconciliation(s);
      // seedReconciliation set the instance up (seedUsers); its admin signs in like anyone.
      admin = apiFor(s).client();
      expect((await admin.post('/api/auth/login', { email: 'admin@example.org', password: 'admin-password' })).status).toBe(200);
    });
    afterEach(async () => close());

    const csvCoders = async (api: ApiClient) => {
      const res = await download(api, `/api/studies/${f.sid}/export/csv?what=codings`);
      expect(res.status).toBe(200);
      return strFromU8(res.bytes).split('\r\n').slice(1).filter(Boolean).map((l) => l.split(',')[3]);
    };
    const qdeUsersWithSelections = async (api: ApiClient) => {
      const res = await download(api, `/api/studies/${f.sid}/export/project?format=qde`);
      expect(res.status).toBe(200);
      const project = parseProject(strFromU8(res.bytes));
      const names = new Map(project.users.map((u) => [u.guid, u.name]));
      return [...new Set(project.sources.flatMap((src) => src.selections.map((sel) => names.get(sel.userGuid ?? '') ?? '?')))].sort();
    };

    it("gives the lead no coder's layer of a transcript in coding, by CSV or by project", async () => {
      expect(await csvCoders(f.api.lead)).toEqual([]);
      expect(await qdeUsersWithSelections(f.api.lead)).toEqual([]);
    });

    it('gives an instance admin who is no member no layer at all', async () => {
      expect(await csvCoders(admin)).toEqual([]);
      expect(await qdeUsersWithSelections(admin)).toEqual([]);
    });

    it('gives the auditor every layer, and everyone allowed every layer once the transcript is revealed', async () => {
      expect(new Set(await csvCoders(f.api.auditor))).toEqual(new Set(['alice', 'bob']));
      expect((await f.api.lead.post(`/api/transcripts/${f.tid}/phase`, { phase: 'reconciling' })).status).toBe(200);
      expect(await csvCoders(f.api.lead)).toEqual(expect.arrayContaining(['alice', 'bob']));
      expect(await qdeUsersWithSelections(f.api.lead)).toEqual(expect.arrayContaining(['alice', 'bob']));
    });
  });
}
