import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/services';
import { listAudit } from '../../server/store/audit';
import { listTranscripts } from '../../server/store/transcripts';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'transcripts');
const b64 = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64');
const fixture = (name: string) => ({ name, data: b64(readFileSync(join(fixtures, name))) });

async function docxBytes(paragraphs: string[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] }));
}

for (const dialect of testDialects()) {
  describe(`transcript import (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let lead: ApiClient;
    let coder: ApiClient;
    let sid: string;

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      const seeded = await seedUsers(s, ['lead', 'coder']);
      lead = seeded.users.lead!.api;
      coder = seeded.users.coder!.api;
      sid = (await lead.post('/api/studies', { title: 'Import study' })).json.study.id;
      await joinStudy(lead, sid, 'coder@example.org', 'coder');
    });
    afterEach(async () => close());

    it('previews a VTT file with its speakers and stores nothing', async () => {
      const r = await lead.post(`/api/studies/${sid}/transcripts/preview`, fixture('teams-meeting.vtt'));
      expect(r.status).toBe(200);
      expect(r.json.kind).toBe('vtt');
      expect(r.json.suggestedPseudonym).toBe('P01'); // never the file stem (docs/privacy.md)
      expect(r.json.preview.speakers.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['Interviewer', 'Zoë Ångström']));
      expect(r.json.preview.lines[0]).toMatchObject({ n: 1 });
      expect(await listTranscripts(s.db, sid)).toEqual([]);
    });

    it('imports a VTT file with cue times kept as turn metadata, one participant per file', async () => {
      const r = await lead.post(`/api/studies/${sid}/transcripts/import`, fixture('teams-meeting.vtt'));
      expect(r.status).toBe(201);
      const t = (await lead.get(`/api/transcripts/${r.json.transcript.id}`)).json;
      expect(t.text).toContain('Zoë Ångström: Well, it started with my grandmother 👵🏽 & her garden.');
      const zoe = t.turns.find((x: { speaker: string }) => x.speaker === 'Zoë Ångström');
      expect(zoe.meta.startMs).toBe(4500);
      const participants = (await lead.get(`/api/studies/${sid}/participants`)).json.participants;
      expect(participants.map((p: { pseudonym: string }) => p.pseudonym)).toEqual(['P01']);
      const audit = (await listAudit(s.db, sid)).filter((e) => e.action === 'transcript.import');
      expect(audit[0]!.data).toMatchObject({ source: { kind: 'vtt', fileName: 'teams-meeting.vtt' } });
    });

    it('imports SRT, CRLF text and Markdown into named participants', async () => {
      const p = (await lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P07' })).json.participant;
      expect((await lead.post(`/api/studies/${sid}/transcripts/import`, { ...fixture('zoom-export.srt'), participantId: p.id })).status).toBe(201);
      expect((await lead.post(`/api/studies/${sid}/transcripts/import`, { ...fixture('interview-crlf.txt'), pseudonym: 'P07' })).status).toBe(201);
      expect((await lead.post(`/api/studies/${sid}/transcripts/import`, { ...fixture('interview.md'), pseudonym: 'P08', title: 'Second interview' })).status).toBe(201);
      const ts = await listTranscripts(s.db, sid);
      expect(ts.map((t) => t.participantId).filter((x) => x === p.id)).toHaveLength(2);
      expect(ts.map((t) => t.title)).toContain('Second interview');
      // A title taken from the file name drops its extension.
      expect(ts.map((t) => t.title)).toEqual(expect.arrayContaining(['zoom-export', 'interview-crlf']));
      expect(ts.map((t) => t.title).filter((t) => /\.(srt|txt|md)$/.test(t))).toEqual([]);
      for (const t of ts) expect((await lead.get(`/api/transcripts/${t.id}`)).json.text).not.toContain('\r');
    });

    it('imports a real .docx converted by mammoth', async () => {
      const bytes = await docxBytes(['Interviewer: What stays with you after a session?', 'P2: The silence, mostly. The way it sits in the room after they leave.']);
      const r = await lead.post(`/api/studies/${sid}/transcripts/import`, { name: 'P2 interview.docx', data: b64(bytes) });
      expect(r.status).toBe(201);
      const t = (await lead.get(`/api/transcripts/${r.json.transcript.id}`)).json;
      expect(t.turns.map((x: { speaker: string }) => x.speaker)).toEqual(['Interviewer', 'P2']);
      expect(t.text).toContain('The silence, mostly.');
    });

    it('refuses a wrong encoding, an empty file, an unsupported type and a corrupt docx, importing nothing', async () => {
      const cases: Array<[{ name: string; data: string }, number, string]> = [
        [fixture('latin1.txt'), 400, 'wrong_encoding'],
        [fixture('utf16.txt'), 400, 'wrong_encoding'],
        [fixture('empty.txt'), 400, 'empty'],
        [{ name: 'scan.pdf', data: b64(Buffer.from('%PDF-1.7 ...')) }, 415, 'unsupported_type'],
        [{ name: 'broken.docx', data: b64(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])) }, 415, 'unsupported_type'],
      ];
      for (const [file, status, code] of cases) {
        const r = await lead.post(`/api/studies/${sid}/transcripts/import`, file);
        expect([file.name, r.status, r.json.error.code]).toEqual([file.name, status, code]);
        expect(r.json.error.message.length).toBeGreaterThan(10);
      }
      expect(await listTranscripts(s.db, sid)).toEqual([]);
      expect((await lead.get(`/api/studies/${sid}/participants`)).json.participants).toEqual([]);
    });

    it('refuses a file over the size limit with 413', async () => {
      const big = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
      const r = await lead.post(`/api/studies/${sid}/transcripts/import`, { name: 'big.txt', data: b64(big) });
      expect(r.status).toBe(413);
      expect(r.json.error.code).toBe('too_large');
      expect(await listTranscripts(s.db, sid)).toEqual([]);
    });

    it('lets only leads import', async () => {
      const r = await coder.post(`/api/studies/${sid}/transcripts/import`, fixture('teams-meeting.vtt'));
      expect(r.status).toBe(403);
    });
  });
}

describe('concord import transcripts', () => {
  it('imports good files, reports each bad one, and exits 1', async () => {
    const { s, env, close } = await testServices('sqlite');
    try {
      const seeded = await seedUsers(s, ['lead']);
      const sid = (await seeded.users.lead!.api.post('/api/studies', { title: 'CLI import' })).json.study.id;
      await s.close();
      const r = spawnSync(process.execPath, ['bin/concord.js', 'import', 'transcripts', '--study', sid, '--as', 'lead@example.org', join(fixtures, 'zoom-export.srt'), join(fixtures, 'latin1.txt'), join(fixtures, 'nope.txt')], {
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: env.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      });
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/imported .*zoom-export\.srt: \d+ lines/);
      expect(r.stderr).toMatch(/latin1\.txt: wrong_encoding/);
      expect(r.stderr).toMatch(/nope\.txt: no such file/);
    } finally {
      await close().catch(() => env.cleanup());
    }
  });
});
