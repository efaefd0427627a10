import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { type RefiSelection, parseProject, sourceEntryName, unzipQdpx } from '../../shared/refi';
import { seedUsers } from '../helpers/http';
import type { Services } from '../../server/services';
import { type TestDialect, testDialects, testServices } from '../helpers/env';
import { base64, download } from './download';
import { PROJECT_XSD, SAMPLES, openForExport, seedStudy, xmllint } from './seedStudy';
import { summarizeProject } from './summarizeProject';
import { studyContent } from './studyContent';

const read = (bytes: Uint8Array) => {
  const zip = unzipQdpx(bytes);
  return parseProject(zip.projectXml, { readSource: (path) => zip.sources.get(sourceEntryName(path)) });
};

for (const dialect of testDialects()) {
  describe(`REFI-QDA round trip (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ s, close } = await testServices(dialect as TestDialect));
    });
    afterEach(async () => close());

    it('export, import as a new study, export again: same codes, sources, users, selections and notes', async () => {
      const seed = await seedStudy(s);
      const first = await download(seed.lead.api, `/api/studies/${seed.study.id}/export/project`);
      const imported = await seed.lead.api.post('/api/import/project', { name: 'round.qdpx', data: base64(first.bytes) });
      expect(imported.status).toBe(201);
      // Only the exporting lead, who coded nothing, is left out (no account is made for them).
      expect(imported.json.report.skipped).toEqual([expect.objectContaining({ kind: 'user', name: 'lead' })]);
      expect(imported.json.report.imported).toMatchObject({ transcripts: 2, codings: 5, notes: 2, statements: 1 });
      await openForExport(s, imported.json.study.id);
      const second = await download(seed.lead.api, `/api/studies/${imported.json.study.id}/export/project`);
      expect(xmllint(unzipQdpx(second.bytes).projectXml, PROJECT_XSD)).toBe('');
      const a = summarizeProject(read(first.bytes));
      const b = summarizeProject(read(second.bytes));
      expect(a.selections).toHaveLength(5);
      expect(b).toEqual(a);
    });

    it("gives back the file's notes, users, sources and selections: names, GUIDs, authors, dates, NoteRefs", async () => {
      const { users } = await seedUsers(s, ['importer']);
      // A fourth user who coded nothing must come back too.
      const xml = readFileSync(`${SAMPLES}/synthetic_two_coders_ipa.qde`, 'utf8').replace('</Users>', '<User guid="44444444-4444-4444-8444-444444444444" name="Observer"/></Users>');
      const original = parseProject(xml);
      expect(original.users.map((u) => u.name)).toEqual(['Lead', 'Coder A', 'Coder B', 'Observer']);
      const imported = await users.importer!.api.post('/api/import/project', { name: 'pilot.qde', data: base64(new TextEncoder().encode(xml)) });
      expect(imported.status).toBe(201);
      await openForExport(s, imported.json.study.id);
      const exported = await download(users.importer!.api, `/api/studies/${imported.json.study.id}/export/project`);
      expect(xmllint(unzipQdpx(exported.bytes).projectXml, PROJECT_XSD)).toBe('');
      const back = read(exported.bytes);
      // Users: the file's, with their GUIDs and names; the importing account is not added.
      expect(back.users).toEqual(original.users);
      expect(back.creatingUserGuid).toBe(original.creatingUserGuid);
      const [src] = back.sources;
      const [orig] = original.sources;
      expect({ guid: src?.guid, name: src?.name, userGuid: src?.userGuid, createdAt: src?.createdAt }).toEqual({ guid: orig?.guid, name: orig?.name, userGuid: orig?.userGuid, createdAt: orig?.createdAt });
      // Selections: the same GUIDs, names, users, times, codings (by GUID) and NoteRefs; no extra selection for the note.
      // The text as the file had it, and every selection at the positions the file gave it (issue 17 item 1).
      expect(src?.text).toBe(orig?.text);
      const sel = (x: RefiSelection) => ({ guid: x.guid, name: x.name, start: x.start, end: x.end, userGuid: x.userGuid, createdAt: x.createdAt, memo: x.memo, codings: x.codings, noteGuids: x.noteGuids });
      expect(src?.selections.map(sel)).toEqual(orig?.selections.map(sel));
      // The note keeps its name, text, author and time.
      expect(back.notes).toEqual(original.notes);
      // Sets are not modelled: carried as written, listed as such in the report, and given back.
      expect(imported.json.report.parts.carried).toEqual(['Sets']);
      expect(imported.json.report.parts.modelled).toEqual(['Users', 'CodeBook', 'Sources (TextSource)', 'Notes']);
      const sets = (x: string) => /<Sets>[^]*<\/Sets>/.exec(x)?.[0];
      expect(sets(unzipQdpx(exported.bytes).projectXml)).toBe(sets(xml));
      expect(sets(xml)).toContain('<MemberSource targetGUID="b0000000-0000-4000-8000-000000000001"/>');
    });

    it("gives back what the theme and study models do not hold: no colour, isCodable=false, the project's Description, notes on no passage and their NoteRefs, sources in no Case; shows the Sets", async () => {
      const { users } = await seedUsers(s, ['importer', 'outsider']);
      const loose = (n: number, name: string) => `<Note guid="e0000000-0000-4000-8000-00000000000${n}" name="${name}" creatingUser="11111111-1111-4111-8111-111111111111" creationDateTime="2025-01-0${n}T08:00:00Z"><PlainTextContent>${name} text</PlainTextContent></Note>`;
      const xml = readFileSync(`${SAMPLES}/synthetic_two_coders_ipa.qde`, 'utf8')
        .replace('isCodable="true"/>', 'isCodable="true"><NoteRef targetGUID="e0000000-0000-4000-8000-000000000002"/></Code>')
        .replace('</Notes>', `${loose(2, 'Code memo')}${loose(3, 'Project memo')}${loose(4, 'Unreferenced memo')}</Notes>`)
        .replace('</Project>', '<Description>Pilot of the fatigue study</Description><NoteRef targetGUID="e0000000-0000-4000-8000-000000000003"/></Project>')
        .replace('creationDateTime="2025-01-01T10:00:00Z">', 'creationDateTime="2025-01-01T10:00:00Z" modifyingUserGUID="22222222-2222-4222-8222-222222222222" modifiedDateTime="2025-02-01T10:00:00Z">')
        .replace('creationDateTime="2025-01-01T10:05:00Z">', 'creationDateTime="2025-01-01T10:05:00Z" modifyingUser="33333333-3333-4333-8333-333333333333" modifiedDateTime="2025-02-02T10:00:00Z"><Description>Recorded at home</Description>')
        .replace('creationDateTime="2025-01-02T09:00:00Z">\n        <Description>', 'creationDateTime="2025-01-02T09:00:00Z" modifyingUser="22222222-2222-4222-8222-222222222222" modifiedDateTime="2025-02-03T10:00:00Z">\n        <Description>')
        .replace('</TextSource>', '<NoteRef targetGUID="e0000000-0000-4000-8000-000000000004"/></TextSource>')
        .replace('name="Wave 1 interviews">', 'name="Wave 1 interviews"><MemberCode targetGUID="a0000000-0000-4000-8000-000000000005"/><MemberCode targetGUID="a0000000-0000-4000-8000-00000000dead"/>');
      const original = parseProject(xml);
      expect(original.cases).toEqual([]);
      const imported = await users.importer!.api.post('/api/import/project', { name: 'pilot.qde', data: base64(new TextEncoder().encode(xml)) });
      expect(imported.status).toBe(201);
      expect(imported.json.report.parts.carried).toEqual(['Notes (not on a passage)', 'NoteRefs of the Project', 'Sets']);
      expect(imported.json.report.skipped.filter((x: { kind: string }) => x.kind === 'note')).toEqual([]);
      // The study shows every theme with a colour, and says where it came from.
      const themes = (await studyContent(s, imported.json.study.id)).tree;
      expect([...themes.byId.values()].every((t) => /^#[0-9a-f]{6}$/.test(t.color))).toBe(true);
      // Its Sets are shown read-only as groups of the study's themes and transcripts, to members only.
      const groups = await users.importer!.api.get(`/api/studies/${imported.json.study.id}/groups`);
      expect(groups.json.groups).toEqual([
        { guid: 'f0000000-0000-4000-8000-000000000001', name: 'Wave 1 interviews', description: '', themes: [{ id: 'a0000000-0000-4000-8000-000000000005', label: 'Theme: Vigilance' }], transcripts: [{ id: expect.any(String), title: 'P01 interview' }], notes: 0, missing: 1 },
      ]);
      expect((await users.outsider!.api.get(`/api/studies/${imported.json.study.id}/groups`)).status).toBe(404);
      await openForExport(s, imported.json.study.id);
      const exported = await download(users.importer!.api, `/api/studies/${imported.json.study.id}/export/project`);
      expect(xmllint(unzipQdpx(exported.bytes).projectXml, PROJECT_XSD)).toBe('');
      const back = read(exported.bytes);
      expect(/<Sets>[^]*<\/Sets>/.exec(unzipQdpx(exported.bytes).projectXml)?.[0]).toBe(/<Sets>[^]*<\/Sets>/.exec(xml)?.[0]);
      expect(back.codes).toEqual(original.codes);
      expect(back.codes.find((c) => c.noteGuids?.length)?.noteGuids).toEqual(['e0000000-0000-4000-8000-000000000002']);
      expect(back.notes).toEqual(original.notes);
      expect(back.noteGuids).toEqual(['e0000000-0000-4000-8000-000000000003']);
      expect(back.description).toBe('Pilot of the fatigue study');
      expect(back.cases).toEqual([]);
      // Descriptions, NoteRefs and modifying users and times of the project, the source and the selection.
      expect(back.modified).toEqual({ userGuid: '22222222-2222-4222-8222-222222222222', at: Date.parse('2025-02-01T10:00:00Z') });
      const [src] = back.sources;
      expect({ description: src?.description, noteGuids: src?.noteGuids, modified: src?.modified }).toEqual({ description: 'Recorded at home', noteGuids: ['e0000000-0000-4000-8000-000000000004'], modified: { userGuid: '33333333-3333-4333-8333-333333333333', at: Date.parse('2025-02-02T10:00:00Z') } });
      expect(src?.selections.find((x) => x.guid === 'c0000000-0000-4000-8000-000000000001')?.modified).toEqual({ userGuid: '22222222-2222-4222-8222-222222222222', at: Date.parse('2025-02-03T10:00:00Z') });
      expect(original.sources[0]?.description).toBe('Recorded at home');
    });

    it('imports its own export as the exporting lead: their work stays theirs, the others become pending coders', async () => {
      const seed = await seedStudy(s);
      const first = await download(seed.lead.api, `/api/studies/${seed.study.id}/export/project`);
      const imported = (await seed.lead.api.post('/api/import/project', { name: 'round.qdpx', data: base64(first.bytes) })).json;
      expect(imported.pendingUsers.map((u: { name: string }) => u.name).sort()).toEqual(['ana', 'ben']);
      const members = (await seed.lead.api.get(`/api/studies/${imported.study.id}/members`)).json.members as { name: string; role: string; userId: string }[];
      expect(members.find((m) => m.userId === seed.lead.id)?.role).toBe('lead');
    });
  });
}
