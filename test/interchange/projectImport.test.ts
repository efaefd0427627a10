import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/services';
import { type TestDialect, testDialects, testServices } from '../helpers/env';
import { seedUsers } from '../helpers/http';
import { base64 } from './download';
import { SAMPLES } from './seedStudy';
import { studyContent, tableCounts } from './studyContent';

const FIXTURES = 'test/fixtures/refi';
const file = (path: string) => ({ name: path.replace(/^.*\//, ''), data: base64(readFileSync(path)) });

for (const dialect of testDialects()) {
  describe(`REFI-QDA project import (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ s, close } = await testServices(dialect as TestDialect));
    });
    afterEach(async () => close());

    it('imports the synthetic IPA sample as a new study, keeping the four-level hierarchy and both coders', async () => {
      const { users, client } = await seedUsers(s, ['lead']);
      const res = await users.lead!.api.post('/api/import/project', file(`${SAMPLES}/synthetic_two_coders_ipa.qde`));
      expect(res.status).toBe(201);
      const { study, report, pendingUsers } = res.json;
      expect(report.imported).toMatchObject({ themes: 5, transcripts: 1, participants: 1, codings: 2, notes: 1 });
      expect(report.skipped).toEqual([]);
      const content = await studyContent(s, study.id);
      expect(content.tree.levels.names).toEqual(['Area', 'Superordinate theme', 'Theme', 'Sub-theme']);
      expect(content.tree.themes.map((t) => [t.label, t.depth])).toEqual([
        ['Area: Living with illness', 1],
        ['Superordinate: Loss of the taken-for-granted body', 2],
        ['Theme: Body as obstacle', 3],
        ['Sub-theme: Fatigue', 4],
        ['Theme: Vigilance', 3],
      ]);
      expect(content.tree.byId.get('a0000000-0000-4000-8000-000000000003')?.description).toBe('Participant describes the body as something in the way.');
      expect(content.transcripts[0]?.quotes).toEqual([
        'Coder A|Theme: Body as obstacle|my body just gets in the way',
        'Coder B|Sub-theme: Fatigue|Honestly my body just gets in the way. I am always tired',
      ]);
      expect(content.transcripts[0]?.layers.get('Coder A')?.codings[0]?.memo).toBe('Coder A: strong embodiment language.');
      expect(content.transcripts[0]?.layers.get('Lead')?.notes[0]?.text).toMatch(/^A coded 'Body as obstacle'/);
      expect(pendingUsers.map((u: { name: string }) => u.name).sort()).toEqual(['Coder A', 'Coder B', 'Lead']);
      expect(content.members.map((m) => [m.name, m.role]).sort()).toEqual([['Coder A', 'coder'], ['Coder B', 'coder'], ['Lead', 'coder'], ['lead', 'lead']]);
      // Pending accounts exist to own layers; no password signs them in.
      const pending = content.members.find((m) => m.name === 'Coder A')!;
      expect(pending.email).toMatch(/@pending\.invalid$/);
      for (const password of ['', 'Coder A', 'password']) expect((await client().post('/api/auth/login', { email: pending.email, password })).status).not.toBe(200);
    });

    it('imports a Windows-style .qdpx: BOM, CRLF counted as one character, code points, emoji and non-ASCII names', async () => {
      const { users } = await seedUsers(s, ['lead']);
      const res = await users.lead!.api.post('/api/import/project', file(`${FIXTURES}/windows-tool.qdpx`));
      expect(res.status).toBe(201);
      const { study, report } = res.json;
      expect(report.convention).toEqual({ unit: 'codepoint', crlf: 'one', end: 'exclusive' });
      expect(report.skipped.map((x: { name: string }) => x.name)).toEqual(['Consent form (PDFSource)', 'Drawing by Zoë (PictureSource)', 'Projektleitung']);
      expect(report.skipped[2]).toMatchObject({ kind: 'user', reason: 'no codings or notes of theirs were imported' });
      expect(study.title).toBe('Müdigkeit – Pilot 🌙');
      const content = await studyContent(s, study.id);
      expect(content.tree.themes.map((t) => [t.label, t.depth, t.color])).toEqual([
        ['Körper 🫀', 1, '#a0522d'],
        ['Erschöpfung', 2, expect.any(String)],
        ['Müdigkeit', 3, '#aabbcc'],
        ['Schlaf 😴', 3, expect.any(String)],
        ['Arbeit als Anker', 1, expect.any(String)],
      ]);
      expect(content.participants.map((p) => p.pseudonym).sort()).toEqual(['Interview Li', 'Zoë']);
      const zoe = content.transcripts.find((t) => t.row.title === 'Interview Zoë')!;
      expect(zoe.row.text).not.toMatch(/[\r\uFEFF]/);
      expect(zoe.quotes).toEqual([
        'Zoë Ångström|Arbeit als Anker|Die Arbeit ist mein Anker ⚓ — dort vergesse ich den Körper.',
        'Zoë Ångström|Müdigkeit|bin ich ständig müde',
        '李雷|Schlaf 😴|Ehrlich gesagt 😩 bin ich ständig müde.',
      ]);
      expect(zoe.layers.get('Zoë Ångström')?.codings.find((c) => c.memo)?.memo).toBe('Müdigkeit als Dauerzustand');
      expect(zoe.layers.get('李雷')?.notes.map((n) => n.text)).toEqual(['Emoji als Verstärkung 😩']);
      const li = content.transcripts.find((t) => t.row.title === 'Interview Li')!;
      expect(li.quotes).toEqual(['李雷|Schlaf 😴|mornings are the worst 😴']);
    });

    it('imports an inline .qde with literal CRLF counted as two characters, though XML parsing makes them LF', async () => {
      const { users } = await seedUsers(s, ['lead']);
      const res = await users.lead!.api.post('/api/import/project', file(`${FIXTURES}/inline-crlf.qde`));
      expect(res.status).toBe(201);
      expect(res.json.report.convention).toEqual({ unit: 'codepoint', crlf: 'two', end: 'exclusive' });
      expect(res.json.report.skipped).toEqual([]);
      const content = await studyContent(s, res.json.study.id);
      expect(content.transcripts[0]?.row.text).not.toContain('\r');
      expect(content.transcripts[0]?.quotes).toEqual(['Zoë Ångström|Müdigkeit|ich wache um drei Uhr auf', '李雷|Müdigkeit|Dann grüble ich bis zum Morgen']);
    });

    it('imports a prefixed .qde with UTF-16 inclusive positions and reports the selection it cannot place', async () => {
      const { users } = await seedUsers(s, ['lead']);
      const res = await users.lead!.api.post('/api/import/project', file(`${FIXTURES}/utf16-inclusive.qde`));
      expect(res.status).toBe(201);
      const { study, report } = res.json;
      expect(report.convention).toMatchObject({ unit: 'utf16', end: 'inclusive' });
      expect(report.skipped).toEqual([expect.objectContaining({ kind: 'selection', name: expect.stringContaining('"beyond"') })]);
      const content = await studyContent(s, study.id);
      expect(content.transcripts[0]?.quotes).toEqual(['Zoë Ångström|Müdigkeit|Nights are long; I lie awake 😶‍🌫️', '李雷|Müdigkeit|the day starts tired']);
    });

    it('keeps the source text as received (long lines, decomposed characters, tabs, trailing blanks) and the selection exactly on it', async () => {
      const { users } = await seedUsers(s, ['lead']);
      const text = `P: ${'Long answer '.repeat(12)}and then cafe\u0301 au lait\tat   noon.   \n\n`;
      const quote = 'cafe\u0301 au lait\tat   noon';
      const start = text.indexOf(quote);
      const cp = (i: number) => [...text.slice(0, i)].length;
      const xml = `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="Wrap"><Users><User guid="11111111-1111-4111-8111-111111111111" name="A"/></Users><CodeBook><Codes><Code guid="22222222-2222-4222-8222-222222222222" name="Food" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="33333333-3333-4333-8333-333333333333" name="S"><PlainTextContent>${text}</PlainTextContent><PlainTextSelection guid="44444444-4444-4444-8444-444444444444" name="${quote}" startPosition="${cp(start)}" endPosition="${cp(start + quote.length)}" creatingUser="11111111-1111-4111-8111-111111111111"><Coding guid="55555555-5555-4555-8555-555555555555"><CodeRef targetGUID="22222222-2222-4222-8222-222222222222"/></Coding></PlainTextSelection></TextSource></Sources></Project>`;
      const res = await users.lead!.api.post('/api/import/project', { name: 'wrap.qde', data: base64(xml) });
      expect(res.status).toBe(201);
      const content = await studyContent(s, res.json.study.id);
      const t = content.transcripts[0]!;
      // The text is the file's: no wrap written into it, no NFC, tab and blanks kept; the line map wraps it.
      expect(t.row.text).toBe(text);
      expect(t.row.lines.length).toBeGreaterThan(1);
      const [coding] = t.layers.get('A')!.codings;
      expect([coding!.start, coding!.end]).toEqual([start, start + quote.length]);
    });

    it('previews an import without storing anything, listing the users whose work can be mapped', async () => {
      const { users } = await seedUsers(s, ['lead']);
      const before = await tableCounts(s);
      const res = await users.lead!.api.post('/api/import/project/preview', file(`${SAMPLES}/synthetic_two_coders_ipa.qde`));
      expect(res.status).toBe(200);
      expect(res.json.title).toBe('IPA pilot');
      expect(res.json.report.imported.codings).toBe(2);
      expect(res.json.users.map((u: { name: string; codings: number }) => [u.name, u.codings])).toEqual([['Coder A', 1], ['Coder B', 1], ['Lead', 0]]);
      expect(await tableCounts(s)).toEqual(before);
    });

    it('gives the work of a file user to the existing account the importer names, and refuses unknown accounts', async () => {
      const { users } = await seedUsers(s, ['lead', 'ana']);
      const before = await tableCounts(s);
      const unknown = await users.lead!.api.post('/api/import/project', { ...file(`${SAMPLES}/synthetic_two_coders_ipa.qde`), users: { 'Coder A': 'nobody@example.org' } });
      expect(unknown.status).toBe(400);
      expect(unknown.json.error.message).toMatch(/no active account nobody@example\.org/);
      const stranger = await users.lead!.api.post('/api/import/project', { ...file(`${SAMPLES}/synthetic_two_coders_ipa.qde`), users: { 'Coder Z': 'ana@example.org' } });
      expect(stranger.status).toBe(400);
      expect(await tableCounts(s)).toEqual(before);

      const res = await users.lead!.api.post('/api/import/project', { ...file(`${SAMPLES}/synthetic_two_coders_ipa.qde`), users: { 'Coder A': 'ANA@example.org' } });
      expect(res.status).toBe(201);
      expect(res.json.mappedUsers).toEqual([{ name: 'Coder A', userId: users.ana!.id, email: 'ana@example.org' }]);
      expect(res.json.pendingUsers.map((u: { name: string }) => u.name).sort()).toEqual(['Coder B', 'Lead']);
      const content = await studyContent(s, res.json.study.id);
      expect(content.members.find((m) => m.userId === users.ana!.id)?.role).toBe('coder');
      expect(content.transcripts[0]?.quotes).toContain('ana|Theme: Body as obstacle|my body just gets in the way');
    });
  });
}
