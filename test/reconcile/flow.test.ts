import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLayer } from '../../shared/coding';
import { docName } from '../../shared/docNames';
import type { DiscussionItem } from '../../shared/reconcile';
import { main } from '../../server/cli/main';
import { closeDocRegistry, withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { type Seeded, TEXT, seedReconciliation } from './seed';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), readStdin: async () => '' });
  return { code, out, err };
}

for (const dialect of testDialects()) {
  describe(`reconciliation through the API (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let f: Seeded;
    const tmp = mkdtempSync(join(tmpdir(), 'concord-reconcile-'));

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      f = await seedReconciliation(s);
    });
    afterEach(async () => {
      await closeDocRegistry(s);
      await close();
    });

    const discussion = async () => (await f.api.lead.get(`/api/transcripts/${f.tid}/discussion`)).json as { items: DiscussionItem[]; progress: { resolved: number; total: number }; meta: { revealedAt: number; agreedCodingIds: string[] } };
    const itemAt = (items: DiscussionItem[], themeId: string, line: number) => items.find((i) => i.themeId === themeId && i.lines?.from === line)!;

    it('reveals, discusses, resolves every item with each kind, finalises and exports', async () => {
      const { api, themes, tid, sid, ids, span } = f;
      expect((await api.alice.get(`/api/transcripts/${tid}/discussion`)).status).toBe(403); // not revealed yet
      expect((await api.alice.post(`/api/studies/${sid}/reveal`, { transcriptIds: [tid] })).status).toBe(403);
      const reveal = await api.lead.post(`/api/studies/${sid}/reveal`, { transcriptIds: [tid] });
      expect(reveal.status).toBe(200);
      expect(reveal.json.revealed).toEqual([tid]);

      const d = await discussion();
      // Trust l.4, Trust l.6, Doubt l.6, Hope l.8, Hope l.10, Fear l.12.
      expect(d.items.map((i) => `${i.lines?.label} ${i.kind}`)).toEqual(['l. 4 boundary', 'l. 6 category', 'l. 6 category', 'l. 8 boundary', 'l. 10 boundary', 'l. 12 presence']);
      expect(d.progress).toEqual({ resolved: 0, total: 6 });
      expect(d.meta.agreedCodingIds).toHaveLength(2);

      const trust4 = itemAt(d.items, themes.trust, 4);
      const trust6 = itemAt(d.items, themes.trust, 6);
      const doubt6 = itemAt(d.items, themes.doubt, 6);
      const hope8 = itemAt(d.items, themes.hope, 8);
      const hope10 = itemAt(d.items, themes.hope, 10);
      const fear12 = itemAt(d.items, themes.fear, 12);

      // Two coders and the lead discuss; an open item becomes discussed.
      expect((await api.alice.post(`/api/transcripts/${tid}/discussion/${trust4.key}/comments`, { text: 'Line 4 still speaks of trust.' })).status).toBe(201);
      expect((await api.bob.post(`/api/transcripts/${tid}/discussion/${trust4.key}/comments`, { text: 'I read it as a new topic.' })).status).toBe(201);
      expect((await api.lead.post(`/api/transcripts/${tid}/discussion/${trust4.key}/comments`, { text: 'Agreed with alice.' })).status).toBe(201);
      expect((await api.auditor.post(`/api/transcripts/${tid}/discussion/${trust4.key}/comments`, { text: 'hello' })).status).toBe(403);
      expect((await api.alice.post(`/api/transcripts/${tid}/discussion/unknown-key/comments`, { text: 'x' })).status).toBe(404);
      const afterComments = await api.bob.get(`/api/transcripts/${tid}/discussion`);
      expect(afterComments.json.comments.map((c: { authorName: string }) => c.authorName)).toEqual(['alice', 'bob', 'lead']);
      expect(itemAt(afterComments.json.items, themes.trust, 4).status).toBe('discussed');

      // A coder cannot resolve; a rationale is required.
      const resolve = (key: string, body: object, who = api.lead) => who.post(`/api/transcripts/${tid}/discussion/${key}/resolution`, body);
      expect((await resolve(trust4.key, { kind: 'union', rationale: 'mine' }, api.alice)).status).toBe(403);
      expect((await resolve(trust4.key, { kind: 'union', rationale: '  ' })).status).toBe(400);
      expect((await resolve(trust4.key, { kind: 'accept', rationale: 'who?' })).status).toBe(400);

      expect((await resolve(trust4.key, { kind: 'accept', coder: ids.alice, rationale: 'The sentence continues the thought.' })).status).toBe(200);
      expect((await resolve(trust6.key, { kind: 'union', rationale: 'Trust is present.' })).status).toBe(200);
      expect((await resolve(doubt6.key, { kind: 'drop', rationale: 'No doubt expressed.' })).status).toBe(200);
      expect((await resolve(hope8.key, { kind: 'intersection', rationale: 'Keep the shared core only.' })).status).toBe(200);
      const custom = span(10, 10);
      expect((await resolve(hope10.key, { kind: 'custom', themeId: themes.trust, start: custom.start, end: custom.end, rationale: 'It is trust, not hope.' })).status).toBe(200);
      expect((await resolve(fear12.key, { kind: 'accept', coder: ids.bob, rationale: 'Fear, as bob says.' })).status).toBe(200);
      // Revised: the earlier resolution stays in the history, its codings leave the consensus.
      const revised = await resolve(fear12.key, { kind: 'drop', rationale: 'On reflection, not fear.' });
      expect(revised.status).toBe(200);
      expect(revised.json.item.resolution.revision).toBe(2);
      expect(revised.json.item.history.map((h: { kind: string }) => h.kind)).toEqual(['accept']);

      const done = await discussion();
      expect(done.progress).toEqual({ resolved: 6, total: 6 });

      // The consensus equals the agreed regions plus what the resolutions wrote, after a reload.
      const expected = [
        { id: done.meta.agreedCodingIds[0]!, themeId: themes.trust, ...span(1, 3), createdAt: done.meta.revealedAt },
        { id: done.meta.agreedCodingIds[1]!, themeId: themes.hope, ...span(9, 9), createdAt: done.meta.revealedAt },
      ];
      for (const item of done.items) {
        const r = item.resolution!;
        r.spans.forEach((sp, i) => expected.push({ id: r.codingIds[i]!, themeId: r.themeId, start: sp.start, end: sp.end, createdAt: r.at }));
      }
      const byHand = [
        { themeId: themes.trust, ...span(1, 3) },
        { themeId: themes.trust, start: span(3, 3).end, end: span(4, 4).end },
        { themeId: themes.trust, ...span(6, 6) },
        { themeId: themes.hope, ...span(9, 9) },
        { themeId: themes.trust, ...span(10, 10) },
      ];
      expected.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
      expect(expected.map(({ themeId, start, end }) => ({ themeId, start, end }))).toEqual(byHand);
      await closeDocRegistry(s);
      const reloaded = await withDoc(s, docName({ kind: 'consensus', transcriptId: tid }), (doc) => readLayer(doc, TEXT.length).codings);
      expect(JSON.stringify(reloaded)).toBe(JSON.stringify(expected));

      // The auditor reads the layers as they stood at reveal.
      const atReveal = await api.auditor.get(`/api/transcripts/${tid}/layers/${ids.alice}/at-reveal`);
      expect(atReveal.status).toBe(200);
      expect(atReveal.json.layer.codings).toHaveLength(3);
      expect(atReveal.json.sha256).toMatch(/^[0-9a-f]{64}$/);

      // Finalise: everything read-only.
      expect((await api.lead.post(`/api/transcripts/${tid}/phase`, { phase: 'final' })).status).toBe(200);
      expect((await resolve(trust4.key, { kind: 'drop', rationale: 'late' })).status).toBe(409);
      expect((await api.alice.post(`/api/transcripts/${tid}/discussion/${trust4.key}/comments`, { text: 'late' })).status).toBe(409);
      expect((await api.lead.post(`/api/transcripts/${tid}/discussion/${trust4.key}/decision`, { op: 'rename', themeId: themes.trust, label: 'Late', rationale: 'late' })).status).toBe(409);
      expect((await api.lead.patch(`/api/studies/${sid}`, { codebookPhase: 'final' })).status).toBe(200);

      // Table of themes: Trust for P07 with three passages (the agreed l. 1-3 and the accepted l. 4
      // are one continuous passage, issue 15 item 5), recurrence 1/1.
      const table = await api.alice.get(`/api/studies/${sid}/themes/table`);
      expect(table.status).toBe(200);
      const trustRow = table.json.table.rows.find((r: { themeId: string }) => r.themeId === themes.trust);
      expect(trustRow.cells[0].extracts.map((e: { citation: string }) => e.citation)).toEqual(['P07, l. 1-4', 'P07, l. 6', 'P07, l. 10']);
      expect(trustRow.recurrence).toEqual({ present: 1, required: 1, of: 1, reconciled: 1, pending: 0, recurrent: true, label: '1 of 1 reconciled, present in 1' });
      expect(table.json.table.provisional).toBe(false);
      const fearRow = table.json.table.rows.find((r: { themeId: string }) => r.themeId === themes.fear);
      expect(fearRow.recurrence.recurrent).toBe(false);

      for (const format of ['md', 'csv', 'html', 'docx'] as const) {
        const r = await api.lead.call('GET', `/api/studies/${sid}/themes/table?format=${format}`);
        expect(r.status).toBe(200);
        expect(r.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="night-shifts-table-of-themes\\.${format}"`));
        const rec = await api.auditor.call('GET', `/api/studies/${sid}/reconciliation?format=${format}`);
        expect(rec.status).toBe(200);
      }
      const md = await (await f.api.lead.app.request(`http://localhost/api/studies/${sid}/themes/table?format=md`, { headers: { cookie: api.lead.cookie! } })).text();
      expect(md).toContain('| Area | Trust | 3: P07, l. 1-4; P07, l. 6; P07, l. 10 | 1/1 |');
      const recordMd = await (await api.auditor.app.request(`http://localhost/api/studies/${sid}/reconciliation?format=md`, { headers: { cookie: api.auditor.cookie! } })).text();
      expect(recordMd).toContain('accept (alice) -> Trust: l. 4');
      expect(recordMd).toContain('Rationale: The sentence continues the thought.');
      expect(recordMd).toContain('earlier: accept (bob) -> Fear: l. 12');
      expect(recordMd).toContain('alice (');
      const person = await api.bob.get(`/api/participants/${f.pid}/themes`);
      expect(person.json.table.rows.map((r: { label: string }) => r.label)).toEqual(['Trust', 'Hope']);

      // The DOCX is a real Word table with the expected cells.
      const docx = await api.lead.app.request(`http://localhost/api/studies/${sid}/themes/table?format=docx`, { headers: { cookie: api.lead.cookie! } });
      const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
      const xml = strFromU8(files['word/document.xml']!);
      expect(xml).toContain('<w:tbl>');
      const cellTexts = [...xml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => [...m[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('|'));
      // The themes column is headed with the study's level names (issue 15 item 5).
      expect(cellTexts.slice(0, 4)).toEqual(['Level', 'Area', 'P07', 'Recurrence']);
      expect(cellTexts).toContain('3|P07, l. 1-4|P07, l. 6|P07, l. 10');

      // The exported audit trail verifies offline, and fails once a byte is edited.
      const exported = await api.auditor.app.request(`http://localhost/api/studies/${sid}/audit/export?format=json`, { headers: { cookie: api.auditor.cookie! } });
      expect(exported.status).toBe(200);
      const trail = await exported.text();
      const actions = (JSON.parse(trail).events as Array<{ action: string }>).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['transcript.phase', 'reconcile.reveal', 'resolution.create', 'resolution.revise', 'export']));
      const file = join(tmp, `trail-${dialect}.json`);
      writeFileSync(file, trail);
      const ok = await cli('audit', 'verify', file);
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(/^verified: \d+ events/);
      const tampered = readFileSync(file, 'utf8').replace('The sentence continues the thought.', 'The sentence continues the thought!');
      expect(tampered).not.toBe(trail);
      writeFileSync(file, tampered);
      const bad = await cli('audit', 'verify', file);
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/FAILED at event \d+: data does not match its dataHash/);

      const csv = await api.lead.app.request(`http://localhost/api/studies/${sid}/audit/export?format=csv`, { headers: { cookie: api.lead.cookie! } });
      const csvFile = join(tmp, `trail-${dialect}.csv`);
      writeFileSync(csvFile, await csv.text());
      expect((await cli('audit', 'verify', csvFile)).code).toBe(0);
      rmSync(tmp, { recursive: true, force: true });
    });
  });
}
