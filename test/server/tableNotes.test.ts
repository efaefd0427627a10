import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/coding';
import { parseCsv } from '../../shared/csv';
import { consensusDocName } from '../../shared/docNames';
import { linesOf } from '../../shared/transcript';
import type { RunningServer } from '../../server/server';
import { listAudit } from '../../server/store/audit';
import { findStudy } from '../../server/store/studies';
import { findTranscript } from '../../server/store/transcripts';
import { withDoc } from '../../server/ydocs/withDoc';
import type { StudyFixture } from '../helpers/collab';
import { testDialects, testServer } from '../helpers/env';
import { apiFor } from '../helpers/http';
import { seedWriteupStudy } from '../helpers/writeupStudy';

type Format = 'md' | 'csv' | 'html' | 'docx';
type Who = 'lead' | 'owner' | 'other' | 'auditor' | 'outsider';

/**
 * Issue 15 item 5: exploratory notes in the exports of the table of themes. A blind study (the
 * write-up study of test/helpers/writeupStudy.ts) where, while coding, the coder "owner" noted
 * l. 3 of P01 (descriptive), the coder "other" noted l. 1 of P01 (beside no evidence) and, on
 * P01's first interview that is still in coding, l. 1-2 (a note nobody else may read yet); the
 * lead's consensus of P02 carries a linguistic note on l. 5. Evidence (see the helper): P01 Being
 * seen l. 2-3 and statement l. 2-4, Fatigue l. 5; P02 Noticed l. 2, Fatigue l. 4-5 and statement
 * l. 5. So the descriptive note sits under P01's Being seen extract and statement, the linguistic
 * note under P02's Fatigue extract and statement, and nothing else has a note.
 */
for (const dialect of testDialects()) {
  describe(`exploratory notes in the table of themes (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    let sid: string;

    beforeAll(async () => {
      ({ server, close } = await testServer(dialect));
      const s = server.services;
      let t2 = '';
      ({ f, transcripts: { t2 } } = await seedWriteupStudy(s, {
        mode: 'blind',
        beforeReconciling: async (fx, { t1 }) => {
          const p1 = (await findTranscript(s.db, t1))!;
          const lines = linesOf(p1.text);
          const span = (a: number, b: number) => ({ start: lines[a - 1]!.start, end: lines[b - 1]!.end });
          const layer = (who: string, tid: string) => `transcripts/${tid}/layers/${fx.users[who]!.id}`;
          await withDoc(s, layer('owner', t1), (doc) => addNote(doc, p1.text.length, { kind: 'descriptive', text: 'Struggle named before being noticed', ...span(3, 3) }), fx.users.owner!.id);
          await withDoc(s, layer('other', t1), (doc) => addNote(doc, p1.text.length, { kind: 'conceptual', text: 'Interviewer sets nights as the topic', ...span(1, 1) }), fx.users.other!.id);
          const seeded = (await findTranscript(s.db, fx.transcriptId))!;
          await withDoc(s, layer('other', fx.transcriptId), (doc) => addNote(doc, seeded.text.length, { kind: 'conceptual', text: 'SECRET still blind', start: 0, end: seeded.text.length - 1 }), fx.users.other!.id);
        },
      }));
      sid = f.studyId;
      const p2 = (await findTranscript(s.db, t2))!;
      const lines = linesOf(p2.text);
      await withDoc(s, consensusDocName(t2), (doc) => addNote(doc, p2.text.length, { kind: 'linguistic', text: '"so tired I cried": tiredness told through tears', start: lines[4]!.start, end: lines[4]!.end }), f.users.lead!.id);
    });
    afterAll(async () => close());

    async function exported(format: Format, query = '', who: Who = 'lead'): Promise<string> {
      const r = await apiFor(server.services).app.request(`http://localhost/api/studies/${sid}/themes/table?format=${format}${query}`, { headers: { host: 'localhost', cookie: f.cookie(who) } });
      expect(r.status).toBe(200);
      if (format !== 'docx') return r.text();
      return strFromU8(unzipSync(new Uint8Array(await r.arrayBuffer()))['word/document.xml']!);
    }
    const csvRows = async (query = '', who: Who = 'lead') => {
      const [head, ...rows] = parseCsv(await exported('csv', query, who)).map((r) => r.cells);
      return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
    };
    const descriptive = 'Exploratory note (descriptive), l. 3: Struggle named before being noticed';
    const linguistic = 'Exploratory note (linguistic), l. 5: "so tired I cried": tiredness told through tears';

    it('lists no notes by default (the study setting is none)', async () => {
      expect((await findStudy(server.services.db, sid))?.tableNotes).toBe('none');
      for (const format of ['md', 'html', 'docx'] as const) {
        const body = await exported(format);
        expect(`${format}: ${['Struggle named', 'tiredness told', 'Interviewer sets'].filter((t) => body.includes(t)).join(', ')}`).toBe(`${format}: `);
      }
      expect((await csvRows()).filter((r) => r.evidence === 'note')).toEqual([]);
      const json = (await f.api('lead').get(`/api/studies/${sid}/themes/table?format=json`)).json.table;
      expect(json.view.notes).toBe('none');
      expect(JSON.stringify(json)).not.toContain('Struggle named');
    });

    it('places each note under the extracts and statements whose lines it shares, in every format', async () => {
      const md = await exported('md', '&notes=evidence');
      expect(md).toContain('Exploratory notes are listed under the evidence whose lines they share.');
      // Under P01's Being seen extract (l. 2-3) and statement (l. 2-4); under P02's Fatigue extract (l. 4-5) and statement (l. 5).
      expect(md).toMatch(new RegExp(`- P01, l\\. 2-3: "[^\\n]*"\\n  - ${esc(descriptive)}\\n\\nExperiential statements:\\n\\n- P01, l\\. 2-4: Being noticed when struggling matters\\n  - ${esc(descriptive)}\\n`));
      expect(md).toContain(`- P02, l. 4-5: "mattered. Then nights came. I was so tired I cried."\n  - ${linguistic}\n\nExperiential statements:\n\n- P02, l. 5: Exhaustion breaks through as tears\n  - ${linguistic}\n`);
      // P01's Fatigue (l. 5) and P02's Noticed (l. 2) have no note on their lines; the note on l. 1 sits beside nothing.
      expect(md).toContain('- P01, l. 5: "I was so tired I cried."\n- P02');
      expect(md.split(descriptive).length - 1).toBe(2);
      expect(md.split(linguistic).length - 1).toBe(2);
      expect(md).not.toContain('Interviewer sets nights');
      const html = await exported('html', '&notes=evidence');
      expect(html).toContain('<li>Being noticed when struggling matters <span class="muted">(P01, l. 2-4)</span><ul class="notes"><li><em>Exploratory note (descriptive)</em>, l. 3: Struggle named before being noticed</li></ul></li>');
      expect(html).toContain('<span class="muted">(P02, l. 4-5)</span><ul class="notes"><li><em>Exploratory note (linguistic)</em>, l. 5: &quot;so tired I cried&quot;: tiredness told through tears</li></ul></blockquote>');
      const docx = await exported('docx', '&notes=evidence');
      expect(docx.split('Exploratory note (descriptive), l. 3: Struggle named before being noticed').length - 1).toBe(2);
      expect(docx.split('Exploratory note (linguistic), l. 5: &quot;so tired I cried&quot;: tiredness told through tears').length - 1).toBe(2);
      const rows = (await csvRows('&notes=evidence')).filter((r) => r.evidence === 'note' || r.evidence === 'statement').map((r) => [r.theme, r.participant, r.evidence, r.citation, r.note_kind, r.note_on]);
      expect(rows).toEqual([
        ['Being seen', 'P01', 'note', 'P01, l. 3', 'descriptive', 'extract P01, l. 2-3'],
        ['Being seen', 'P01', 'statement', 'P01, l. 2-4', '', ''],
        ['Being seen', 'P01', 'note', 'P01, l. 3', 'descriptive', 'statement P01, l. 2-4'],
        ['Fatigue', 'P02', 'note', 'P02, l. 5', 'linguistic', 'extract P02, l. 4-5'],
        ['Fatigue', 'P02', 'statement', 'P02, l. 5', '', ''],
        ['Fatigue', 'P02', 'note', 'P02, l. 5', 'linguistic', 'statement P02, l. 5'],
      ]);
      expect((await csvRows('&notes=evidence')).find((r) => r.evidence === 'note')?.quote).toBe('Struggle named before being noticed');
    });

    it('lets the lead turn notes on for the study (audited); the parameter still overrides it', async () => {
      expect((await f.api('lead').patch(`/api/studies/${sid}`, { tableNotes: 'beside-evidence' })).status).toBe(200);
      const change = (await listAudit(server.services.db, sid)).filter((e) => e.action === 'study.update').at(-1);
      expect(change?.data).toEqual({ changed: { tableNotes: 'beside-evidence' }, before: { tableNotes: 'none' } });
      expect(await exported('md')).toContain(linguistic);
      expect(await exported('md', '&notes=none')).not.toContain(linguistic);
      expect((await f.api('owner').get(`/api/studies/${sid}/themes/table?format=json`)).json.table.view.notes).toBe('evidence');
    });

    it("never gives a blind coder another coder's notes on a transcript still in coding, in any format", async () => {
      for (const who of ['owner', 'other', 'auditor', 'lead'] as const) {
        for (const format of ['md', 'csv', 'html', 'docx'] as const) expect(`${who} ${format}: ${(await exported(format, '&notes=evidence', who)).includes('SECRET')}`).toBe(`${who} ${format}: false`);
        const json = await f.api(who).get(`/api/studies/${sid}/themes/table?format=json&notes=evidence`);
        expect(JSON.stringify(json.json)).not.toContain('SECRET');
      }
      // Past coding, each coder's notes are the team's to read (as their layers are): the owner's note reaches the other coder.
      expect(await exported('md', '&notes=evidence', 'other')).toContain(descriptive);
      expect((await f.api('outsider').get(`/api/studies/${sid}/themes/table?format=md&notes=evidence`)).status).toBe(404);
    });

    it('refuses unknown values with a clear error and changes nothing', async () => {
      const bad = await f.api('lead').get(`/api/studies/${sid}/themes/table?format=md&notes=all`);
      expect([bad.status, bad.json?.error?.code]).toEqual([400, 'validation_failed']);
      const before = await findStudy(server.services.db, sid);
      const audits = (await listAudit(server.services.db, sid)).length;
      for (const [who, body, status, code] of [
        ['lead', { tableNotes: 'all' }, 400, 'validation_failed'],
        ['lead', { tableNotes: null }, 400, 'validation_failed'],
        ['owner', { tableNotes: 'none' }, 403, 'forbidden'],
        ['auditor', { tableNotes: 'none' }, 403, 'forbidden'],
      ] as const) {
        const r = await f.api(who).patch(`/api/studies/${sid}`, body);
        expect(`${who} ${JSON.stringify(body)}: ${r.status} ${r.json?.error?.code}`).toBe(`${who} ${JSON.stringify(body)}: ${status} ${code}`);
      }
      expect(await findStudy(server.services.db, sid)).toEqual(before);
      expect((await listAudit(server.services.db, sid)).length).toBe(audits);
    });
  });
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
