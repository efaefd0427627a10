import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeupDocName } from '../../shared/docNames';
import { parseCsv } from '../../shared/csv';
import { readWriteup } from '../../shared/reconcile';
import type { RunningServer } from '../../server/server';
import { listAudit } from '../../server/store/audit';
import { withDoc } from '../../server/ydocs/withDoc';
import { type StudyFixture, openClient, synced } from '../helpers/collab';
import { eventually, testDialects, testServer } from '../helpers/env';
import { ApiClient, apiFor } from '../helpers/http';
import { type WriteupStudy, seedWriteupStudy } from '../helpers/writeupStudy';

type Format = 'md' | 'csv' | 'html' | 'docx';
type Role = 'lead' | 'owner' | 'other' | 'auditor' | 'admin' | 'outsider' | 'anonymous';

/**
 * Issue 15 item 5, the write-up of the table of themes: statements as evidence in every export
 * format, key quotes marked by the lead (and a key-quotes-only export), unused themes hidden on
 * request, the lead's write-up order, and the study's terminology in every heading. Over REST,
 * with the real server, database and documents; one study carried through the tests in order.
 */
for (const dialect of testDialects()) {
  describe(`table of themes write-up (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    let lead: ApiClient;
    let admin: ApiClient;
    let app: ReturnType<typeof apiFor>['app'];
    let sid: string;
    let t: WriteupStudy['t'];
    let ev: WriteupStudy['ev'];

    beforeAll(async () => {
      ({ server, close } = await testServer(dialect));
      const s = server.services;
      ({ f, t, ev } = await seedWriteupStudy(s));
      sid = f.studyId;
      lead = f.api('lead');
      ({ app } = apiFor(s));
      admin = new ApiClient(app);
      expect((await admin.post('/api/auth/login', { email: 'admin@example.org', password: 'admin-password' })).status).toBe(200);
    });
    afterAll(async () => close());

    const cookieOf = (role: Role) => (role === 'anonymous' ? null : role === 'admin' ? admin.cookie : f.cookie(role));
    async function exported(format: Format, query = '', who: Role = 'lead'): Promise<string> {
      const cookie = cookieOf(who);
      const r = await app.request(`http://localhost/api/studies/${sid}/themes/table?format=${format}${query}`, { headers: { host: 'localhost', ...(cookie ? { cookie } : {}) } });
      expect(r.status).toBe(200);
      if (format !== 'docx') return r.text();
      return strFromU8(unzipSync(new Uint8Array(await r.arrayBuffer()))['word/document.xml']!);
    }
    const csvRows = async (query = '') => {
      const [head, ...rows] = parseCsv(await exported('csv', query)).map((r) => r.cells);
      return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
    };
    const writeup = () => withDoc(server.services, writeupDocName(sid), (doc) => readWriteup(doc));
    const writeupEvents = async () =>
      (await listAudit(server.services.db, sid)).filter((e) => e.action.startsWith('writeup.')).map((e) => ({ action: e.action, data: e.data as Record<string, unknown> }));
    /** Theme labels in the order a format prints them (each label appears in the grid first). */
    const orderIn = (body: string, labels: string[]) => [...labels].sort((a, b) => body.indexOf(a) - body.indexOf(b));

    it('lists the statements linked to a theme, with line references, in every format', async () => {
      expect(await exported('md')).toContain('### Fatigue (Key area)\n\n- P01, l. 5: "I was so tired I cried."\n- P02, l. 4-5: "mattered. Then nights came. I was so tired I cried."\n\nExperiential statements:\n\n- P02, l. 5: Exhaustion breaks through as tears\n');
      const html = await exported('html');
      expect(html).toContain('<p><em>Experiential statements:</em></p>\n<ul class="statements"><li>Being noticed when struggling matters <span class="muted">(P01, l. 2-4)</span></li></ul>');
      const docx = await exported('docx');
      expect(docx).toContain('Exhaustion breaks through as tears (P02, l. 5)');
      expect(docx).toContain('Being noticed when struggling matters (P01, l. 2-4)');
      const statements = (await csvRows()).filter((r) => r.evidence === 'statement').map((r) => [r.theme, r.participant, r.citation, r.lines, r.quote]);
      expect(statements).toEqual([
        ['Being seen', 'P01', 'P01, l. 2-4', 'l. 2-4', 'Being noticed when struggling matters'],
        ['Fatigue', 'P02', 'P02, l. 5', 'l. 5', 'Exhaustion breaks through as tears'],
      ]);
    });

    it("heads the column of themes with the study's level names in every format, never a bare \"Theme\"", async () => {
      const heading = 'Key area > Superordinate theme > Theme';
      expect(await exported('md')).toContain(`| Level | ${heading} | P01 | P02 | Recurrence |`);
      const html = await exported('html');
      expect(html).toContain(`<th>Level</th><th>${heading.replaceAll('>', '&gt;')}</th>`);
      expect(html).not.toContain('<th>Theme</th>');
      expect(await exported('docx')).toContain(heading.replaceAll('>', '&gt;'));
      // The CSV's columns are field names; the level names are its values.
      expect(new Set((await csvRows()).map((r) => r.level))).toEqual(new Set(['Key area', 'Superordinate theme', 'Theme']));
      const personal = await f.api('lead').get(`/api/participants/${f.participantId}/themes?format=md`);
      // P01's own themes go two levels deep: the heading names those two.
      expect(personal.text).toContain('| Level | Key area > Superordinate theme | Codings | Extracts |');
    });

    it('lets only the lead mark key quotes and reorder; every refusal is clear and changes nothing', async () => {
      const body = { themeId: t.seen, kind: 'extract', evidenceId: ev.p1seen, key: true };
      const order = { themeId: t.fat, afterId: null };
      // Hand-written from docs/permissions.md: the study's leads only; members read the table.
      const expected: Record<Role, [key: number, order: number, read: number]> = {
        lead: [0, 0, 200], owner: [403, 403, 200], other: [403, 403, 200], auditor: [403, 403, 200], admin: [403, 403, 200], outsider: [404, 404, 404], anonymous: [401, 401, 401],
      };
      const call = async (role: Role, method: 'GET' | 'POST', path: string, payload?: unknown) => {
        const cookie = cookieOf(role);
        const headers: Record<string, string> = { host: 'localhost', ...(cookie ? { cookie } : {}), ...(method === 'POST' ? { origin: 'http://localhost', 'content-type': 'application/json' } : {}) };
        const r = await app.request(`http://localhost${path}`, { method, headers, ...(payload ? { body: JSON.stringify(payload) } : {}) });
        return { status: r.status, json: (await r.json().catch(() => null)) as { error?: { code: string } } | null };
      };
      const mismatches: string[] = [];
      for (const [role, [key, ord, read]] of Object.entries(expected) as Array<[Role, [number, number, number]]>) {
        if (key) {
          const got = await call(role, 'POST', `/api/studies/${sid}/themes/table/key-quotes`, body);
          if (got.status !== key) mismatches.push(`key-quotes as ${role}: ${got.status}`);
        }
        if (ord) {
          const got = await call(role, 'POST', `/api/studies/${sid}/themes/table/order`, order);
          if (got.status !== ord) mismatches.push(`order as ${role}: ${got.status}`);
        }
        const got = await call(role, 'GET', `/api/studies/${sid}/themes/table?format=json`);
        if (got.status !== read) mismatches.push(`table as ${role}: ${got.status}`);
      }
      expect(mismatches).toEqual([]);
      // The lead's bad requests: unknown ids, evidence of another theme, moves across parents.
      const refusals: Array<[string, unknown, number, string]> = [
        ['key-quotes', { ...body, themeId: 'no-such-theme' }, 404, 'not_found'],
        ['key-quotes', { ...body, evidenceId: 'no-such-coding' }, 404, 'not_found'],
        ['key-quotes', { ...body, themeId: t.fat }, 404, 'not_found'],
        ['key-quotes', { ...body, kind: 'statement' }, 404, 'not_found'],
        ['key-quotes', { ...body, key: 'yes' }, 400, 'validation_failed'],
        ['order', { themeId: t.seen, afterId: t.fat }, 409, 'conflict'],
        ['order', { themeId: t.seen, afterId: null, parentId: t.empty }, 409, 'conflict'],
        ['order', { themeId: t.seen, afterId: null, parentId: null }, 409, 'conflict'],
        ['order', { themeId: t.seen, afterId: 'no-such-theme' }, 404, 'not_found'],
        ['order', { themeId: 'no-such-theme', afterId: null }, 404, 'not_found'],
        ['order', { themeId: t.seen, afterId: t.seen }, 409, 'conflict'],
        ['order', { themeId: t.seen }, 400, 'validation_failed'],
      ];
      for (const [door, payload, status, code] of refusals) {
        const got = await call('lead', 'POST', `/api/studies/${sid}/themes/table/${door}`, payload);
        expect(`${door} ${JSON.stringify(payload)}: ${got.status} ${got.json?.error?.code}`).toBe(`${door} ${JSON.stringify(payload)}: ${status} ${code}`);
      }
      const after = await writeup();
      expect([after.keyQuotes, [...after.order]]).toEqual([[], []]);
      expect(await writeupEvents()).toEqual([]);
    });

    it('marks key quotes live for every reader, audited, and exports the key quotes only on request', async () => {
      // A coder watches the write-up document over the real socket.
      const watcher = openClient(server, writeupDocName(sid), f.cookie('owner'));
      try {
        await synced(watcher);
        const p2 = await lead.post(`/api/studies/${sid}/themes/table/key-quotes`, { themeId: t.fat, kind: 'extract', evidenceId: ev.p2fat, key: true });
        expect(p2.json).toEqual({ changed: true, key: true, participantId: expect.any(String) });
        expect((await lead.post(`/api/studies/${sid}/themes/table/key-quotes`, { themeId: t.seen, kind: 'statement', evidenceId: ev.s1, key: true })).status).toBe(200);
        await eventually(() => watcher.doc.getMap('keyQuotes').size === 2 || null);
      } finally {
        watcher.destroy();
      }
      // Marking twice changes nothing and is not audited again.
      expect((await lead.post(`/api/studies/${sid}/themes/table/key-quotes`, { themeId: t.fat, kind: 'extract', evidenceId: ev.p2fat, key: true })).json.changed).toBe(false);
      const events = await writeupEvents();
      expect(events.map((e) => [e.action, e.data.themeLabel, e.data.pseudonym, e.data.citation, e.data.key])).toEqual([
        ['writeup.key_quote', 'Fatigue', 'P02', 'P02, l. 4-5', true],
        ['writeup.key_quote', 'Being seen', 'P01', 'P01, l. 2-4', true],
      ]);
      // The auditor reads the marks in the table.
      const table = (await f.api('auditor').get(`/api/studies/${sid}/themes/table?format=json`)).json.table;
      const fat = table.rows.find((r: { themeId: string }) => r.themeId === t.fat);
      expect(fat.cells.map((c: { extracts: Array<{ key: boolean }> }) => c.extracts.map((e) => e.key))).toEqual([[false], [true]]);
      // All evidence, key quotes marked; then the key quotes only, with the counts unchanged.
      expect(await exported('md')).toContain('- P02, l. 4-5: "mattered. Then nights came. I was so tired I cried." (key quote)');
      const md = await exported('md', '&evidence=key');
      expect(md).toContain('Key quotes only (counts and recurrence are of all the evidence).');
      expect(md).toContain('### Fatigue (Key area)\n\n- P02, l. 4-5: "mattered. Then nights came. I was so tired I cried." (key quote)\n');
      expect(md).not.toContain('P01, l. 5: "I was so tired I cried."');
      expect(md).toContain('### Being seen (Superordinate theme)\n\nExperiential statements:\n\n- P01, l. 2-4: Being noticed when struggling matters (key quote)');
      expect(md).not.toContain('Exhaustion breaks through as tears');
      // The grid keeps the counts of all the evidence and cites the key quotes only.
      expect(md).toContain('| Key area | Fatigue | 1 | 1: P02, l. 4-5 |');
      const html = await exported('html', '&evidence=key');
      expect(html).toContain('&ldquo;mattered. Then nights came. I was so tired I cried.&rdquo; <span class="muted">(P02, l. 4-5)</span> <strong class="key">(key quote)</strong>');
      expect(html).not.toContain('&ldquo;I was so tired I cried.&rdquo;');
      const docx = await exported('docx', '&evidence=key');
      expect(docx).toContain('(P02, l. 4-5) (key quote)');
      expect(docx).not.toContain('Exhaustion breaks through as tears');
      const keyRows = (await csvRows('&evidence=key')).filter((r) => r.citation).map((r) => [r.theme, r.evidence, r.citation, r.key_quote]);
      expect(keyRows).toEqual([
        ['Being seen', 'statement', 'P01, l. 2-4', 'true'],
        ['Fatigue', 'extract', 'P02, l. 4-5', 'true'],
      ]);
      // Unmarking is a decision too.
      expect((await lead.post(`/api/studies/${sid}/themes/table/key-quotes`, { themeId: t.seen, kind: 'statement', evidenceId: ev.s1, key: false })).json.changed).toBe(true);
      expect((await writeupEvents()).at(-1)?.data.key).toBe(false);
      expect((await writeup()).keyQuotes.map((q) => q.evidenceId)).toEqual([ev.p2fat]);
    });

    it('hides the themes without evidence on request, keeping parents of themes with evidence', async () => {
      const all = ['Relationships', 'Being seen', 'Noticed', 'Belonging', 'Fatigue', 'Empty area', 'Nothing here'];
      for (const format of ['md', 'html', 'docx'] as const) {
        const shown = await exported(format);
        expect(all.filter((l) => shown.includes(l))).toEqual(all);
        const hidden = await exported(format, '&unused=hide');
        expect(`${format}: ${all.filter((l) => hidden.includes(l)).join(', ')}`).toBe(`${format}: Relationships, Being seen, Noticed, Fatigue`);
        expect(hidden).toContain('3 themes without evidence hidden.');
      }
      expect([...new Set((await csvRows('&unused=hide')).map((r) => r.theme))]).toEqual(['Relationships', 'Being seen', 'Noticed', 'Fatigue']);
      const json = (await lead.get(`/api/studies/${sid}/themes/table?format=json&unused=hide`)).json.table;
      expect(json.view).toEqual({ evidence: 'all', unused: 'hide', notes: 'none', hiddenThemes: 3 });
      expect((await lead.get(`/api/studies/${sid}/themes/table?format=json&unused=maybe`)).status).toBe(400);
    });

    it('orders the themes for the write-up within their parents, in every format, audited', async () => {
      expect((await lead.post(`/api/studies/${sid}/themes/table/order`, { themeId: t.fat, afterId: null })).json).toEqual({ parentId: null, order: [t.fat, t.rel, t.empty] });
      expect((await lead.post(`/api/studies/${sid}/themes/table/order`, { themeId: t.belong, afterId: null, parentId: t.rel })).json).toEqual({ parentId: t.rel, order: [t.belong, t.seen] });
      const expected = ['Fatigue', 'Relationships', 'Belonging', 'Being seen', 'Noticed', 'Empty area', 'Nothing here'];
      for (const format of ['md', 'html', 'docx'] as const) expect(`${format}: ${orderIn(await exported(format), expected).join(', ')}`).toBe(`${format}: ${expected.join(', ')}`);
      expect([...new Set((await csvRows()).map((r) => r.theme))]).toEqual(expected);
      const rows = (await f.api('owner').get(`/api/studies/${sid}/themes/table?format=json`)).json.table.rows as Array<{ label: string; recurrence: { label: string } }>;
      expect(rows.map((r) => r.label)).toEqual(expected);
      // Recurrence still rolls up through the reordered tree: Noticed (P02) counts for Relationships.
      expect(rows.find((r) => r.label === 'Relationships')?.recurrence.label).toBe('2 of 2 reconciled, present in 2');
      const reorders = (await writeupEvents()).filter((e) => e.action === 'writeup.reorder');
      expect(reorders.map((e) => e.data.labels)).toEqual([['Fatigue', 'Relationships', 'Empty area'], ['Belonging', 'Being seen']]);
    });
  });
}
