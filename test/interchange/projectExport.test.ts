import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSENSUS_USER, codePointIndex, parseProject, sourceEntryName, unzipQdpx } from '../../shared/refi';
import type { Services } from '../../server/services';
import { type TestDialect, testDialects, testServices } from '../helpers/env';
import { download } from './download';
import { CODEBOOK_XSD, PROJECT_XSD, seedStudy, xmllint } from './seedStudy';

for (const dialect of testDialects()) {
  describe(`REFI-QDA export (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ s, close } = await testServices(dialect as TestDialect));
    });
    afterEach(async () => close());

    it('exports a .qdpx whose project.qde validates against Project.xsd, with lowercase sources/', async () => {
      const seed = await seedStudy(s);
      const res = await download(seed.lead.api, `/api/studies/${seed.study.id}/export/project?format=qdpx`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.qdpx"/);
      const entries = Object.keys(unzipSync(res.bytes)).sort();
      expect(entries[0]).toBe('project.qde');
      expect(entries.filter((e) => e.startsWith('sources/'))).toHaveLength(2);
      const zip = unzipQdpx(res.bytes);
      expect(xmllint(zip.projectXml, PROJECT_XSD)).toBe('');
      const p = parseProject(zip.projectXml, { readSource: (path) => zip.sources.get(sourceEntryName(path)) });
      expect(p.warnings).toEqual([]);
      expect(p.convention).toEqual({ unit: 'codepoint', crlf: 'two', end: 'exclusive' });
      expect(p.users.map((u) => u.name).sort()).toEqual(['Consensus', 'ana', 'ben', 'lead']);
      expect(p.users.find((u) => u.name === 'Consensus')?.guid).toBe(CONSENSUS_USER.guid);
    });

    it('writes the codebook as nested codes with colours and descriptions, merged themes folded into their target', async () => {
      const seed = await seedStudy(s);
      const p = parseProject(strFromU8((await download(seed.lead.api, `/api/studies/${seed.study.id}/export/project?format=qde`)).bytes));
      const byName = new Map(p.codes.map((c) => [c.name, c]));
      expect(p.codes.map((c) => c.name)).toEqual(['Living with illness', 'Loss of the body', 'Body as obstacle', 'Fatigue 😴']);
      expect(byName.get('Fatigue 😴')?.parentGuid).toBe(byName.get('Body as obstacle')?.guid);
      expect(byName.get('Living with illness')).toMatchObject({ color: '#336699', description: 'Top area', isCodable: true });
      // ben coded the merged "Tiredness": his selection now names "Fatigue".
      const ben = p.users.find((u) => u.name === 'ben')!.guid;
      const t1 = p.sources.find((x) => x.name === 'Zoë interview')!;
      const tired = t1.codings.find((c) => c.userGuid === ben && t1.text.slice(c.start, c.end) === 'I am always tired 😴');
      expect(tired?.codeGuid).toBe(byName.get('Fatigue 😴')?.guid);
    });

    it('writes selection positions in code points of the frozen text, so emoji count once', async () => {
      const seed = await seedStudy(s);
      const xml = strFromU8((await download(seed.lead.api, `/api/studies/${seed.study.id}/export/project?format=qde`)).bytes);
      expect(xmllint(xml, PROJECT_XSD)).toBe('');
      const quote = 'I am always tired 😴';
      const start = seed.texts.frozen1.indexOf(quote);
      const cp = codePointIndex(seed.texts.frozen1);
      const m = new RegExp(`name="${quote}" startPosition="(\\d+)" endPosition="(\\d+)"`).exec(xml);
      expect(m?.slice(1).map(Number)).toEqual([cp[start], cp[start + quote.length]]);
      expect(cp[start + quote.length]! - cp[start]!).toBe(quote.length - 1);
      expect(xml).not.toContain('\r');
      expect(xml).toContain('<Description>strong embodiment, "quoted" &amp; &lt;tagged&gt;</Description>');
    });

    it('writes notes, statements and reconciliation rationales as Notes reached by NoteRef', async () => {
      const seed = await seedStudy(s);
      const p = parseProject(strFromU8((await download(seed.lead.api, `/api/studies/${seed.study.id}/export/project?format=qde`)).bytes));
      expect(p.notes.map((n) => n.name).sort()).toEqual(['Experiential statement', 'Exploratory note (linguistic)', 'Reconciliation rationale (union)']);
      const rationale = p.notes.find((n) => n.name.startsWith('Reconciliation'))!;
      expect(rationale.text).toContain('Both coders saw fatigue here.');
      expect(rationale.userGuid).toBe(CONSENSUS_USER.guid);
      const referenced = new Set(p.sources.flatMap((x) => x.selections.flatMap((sel) => sel.noteGuids)));
      for (const n of p.notes) expect(referenced.has(n.guid)).toBe(true);
      const statement = p.notes.find((n) => n.name === 'Experiential statement')!;
      expect(p.links.filter((l) => l.originGuid === statement.guid)).toHaveLength(2);
      const t1 = p.sources.find((x) => x.name === 'Zoë interview')!;
      expect(t1.codings.filter((c) => c.userGuid === CONSENSUS_USER.guid)).toHaveLength(1);
    });

    it('lists participants as Cases referring to their sources', async () => {
      const seed = await seedStudy(s);
      const p = parseProject(strFromU8((await download(seed.lead.api, `/api/studies/${seed.study.id}/export/project?format=qde`)).bytes));
      const zoe = p.cases.find((c) => c.name === 'Zoë');
      expect(zoe?.sourceGuids).toEqual([p.sources.find((x) => x.name === 'Zoë interview')?.guid]);
    });

    it('exports the codebook as a .qdc valid against Codebook.xsd, to every member', async () => {
      const seed = await seedStudy(s);
      const res = await download(seed.users.ana!.api, `/api/studies/${seed.study.id}/export/codebook`);
      expect(res.status).toBe(200);
      const xml = strFromU8(res.bytes);
      expect(xmllint(xml, CODEBOOK_XSD)).toBe('');
      expect(xml).toContain('name="Fatigue 😴"');
    });

    it('refuses the project export to coders, who may not see other layers, and audits exports', async () => {
      const seed = await seedStudy(s);
      expect((await download(seed.users.ana!.api, `/api/studies/${seed.study.id}/export/project`)).status).toBe(403);
      await download(seed.lead.api, `/api/studies/${seed.study.id}/export/project`);
      const audit = (await seed.lead.api.get(`/api/studies/${seed.study.id}/audit`)).json;
      const actions = JSON.stringify(audit);
      expect(actions).toContain('study.export');
    });
  });
}
