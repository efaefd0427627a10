import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docName } from '../../shared/docNames';
import { addJournalEntry } from '../../shared/reconcile';
import { closeDocRegistry, withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';

const ENTRY = 'I expected the ruptures to be about the patient and not about the team.';

/**
 * Issue 15 item 6: the coders' reflexive journals travel with the reconciliation record in every
 * format (Markdown, CSV, HTML, DOCX), each only where the caller may read the journal.
 */
for (const dialect of testDialects()) {
  describe(`journals in the exported reconciliation record (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let api: Record<'lead' | 'alice' | 'auditor', ApiClient>;
    let sid: string;

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      const seeded = await seedUsers(s, ['lead', 'alice', 'auditor']);
      api = Object.fromEntries(Object.entries(seeded.users).map(([k, v]) => [k, v.api])) as typeof api;
      sid = (await api.lead.post('/api/studies', { title: 'Journals', codingMode: 'blind' })).json.study.id;
      for (const [email, role] of [['alice@example.org', 'coder'], ['auditor@example.org', 'auditor']]) await joinStudy(api.lead, sid, email!, role!);
      await withDoc(s, docName({ kind: 'journal', studyId: sid, ownerId: seeded.users.alice!.id }), (doc) => addJournalEntry(doc, { text: ENTRY, at: Date.UTC(2026, 0, 2) }), seeded.users.alice!.id);
    });
    afterEach(async () => {
      await closeDocRegistry(s);
      await close();
    });

    const exported = async (who: ApiClient, format: 'md' | 'csv' | 'html' | 'docx') => {
      const r = await who.app.request(`http://localhost/api/studies/${sid}/reconciliation?format=${format}`, { headers: { cookie: who.cookie! } });
      expect(r.status).toBe(200);
      if (format !== 'docx') return r.text();
      return strFromU8(unzipSync(new Uint8Array(await r.arrayBuffer()))['word/document.xml']!);
    };

    it('exports the journal to auditors in every format, with its date, under the coder\'s name', async () => {
      const md = await exported(api.auditor, 'md');
      expect(md).toContain('## Reflexive journals\n\n### alice\n\n- 2026-01-02 00:00 UTC: ' + ENTRY);
      expect(await exported(api.auditor, 'html')).toContain(`<h3>alice</h3>\n<ul><li>2026-01-02 00:00 UTC: ${ENTRY}</li></ul>`);
      const csv = (await exported(api.auditor, 'csv')).split(/\r?\n/);
      const header = csv[0]!.split(',');
      const row = csv.find((l) => l.includes(ENTRY))!.split(',');
      expect([row[header.indexOf('kind')], row[header.indexOf('coder')], row[header.indexOf('resolved_at')]]).toEqual(['journal', 'alice', '2026-01-02T00:00:00.000Z']);
      const xml = await exported(api.auditor, 'docx');
      expect(xml).toContain('Reflexive journals');
      expect(xml).toContain(ENTRY);
    });

    it('leaves the journal out for the lead until the themes are revealed, and says so', async () => {
      for (const format of ['md', 'csv', 'html', 'docx'] as const) expect(await exported(api.lead, format)).not.toContain('ruptures');
      expect(await exported(api.lead, 'md')).toContain('No journal entries are visible to you');
      expect((await api.lead.post(`/api/studies/${sid}/themes/reveal`, {})).status).toBe(200);
      for (const format of ['md', 'csv', 'html', 'docx'] as const) expect(await exported(api.lead, format)).toContain(ENTRY);
    });
  });
}
