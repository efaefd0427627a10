import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseProject, sourceEntryName, unzipQdpx } from '../../shared/refi';
import { seedUsers } from '../helpers/http';
import type { Services } from '../../server/services';
import { type TestDialect, testDialects, testServices } from '../helpers/env';
import { base64, download } from './download';
import { PROJECT_XSD, SAMPLES, openForExport, xmllint } from './seedStudy';

const VARIABLES = '<Variables><Variable guid="f1000000-0000-4000-8000-000000000001" name="Age group" typeOfVariable="Text"/><Variable guid="f1000000-0000-4000-8000-000000000002" name="Recorded" typeOfVariable="Date"/></Variables>';
const CASE_VALUE = '<VariableValue><VariableRef targetGUID="f1000000-0000-4000-8000-000000000001"/><TextValue>40&lt;50 &amp; working</TextValue></VariableValue>';
const SOURCE_VALUE = '<VariableValue>\n  <VariableRef targetGUID="f1000000-0000-4000-8000-000000000002"/>\n  <DateValue>2025-01-01</DateValue>\n</VariableValue>';

for (const dialect of testDialects()) {
  describe(`REFI-QDA parts carried as the file wrote them: VariableValues, Links (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ s, close } = await testServices(dialect as TestDialect));
    });
    afterEach(async () => close());

    it('writes back Links that are not an experiential statement\'s themes, as the file had them', async () => {
      const { users } = await seedUsers(s, ['importer']);
      const link = '<Link guid="f3000000-0000-4000-8000-000000000001" name="contrasts with" direction="Associative" color="#aa0000" originGUID="a0000000-0000-4000-8000-000000000003" targetGUID="a0000000-0000-4000-8000-000000000005"/>';
      const xml = readFileSync(`${SAMPLES}/synthetic_two_coders_ipa.qde`, 'utf8').replace('</Notes>', `</Notes><Links>${link}</Links>`);
      expect(xmllint(xml, PROJECT_XSD)).toBe('');
      const imported = await users.importer!.api.post('/api/import/project', { name: 'pilot.qde', data: base64(new TextEncoder().encode(xml)) });
      expect(imported.status).toBe(201);
      expect(imported.json.report.parts.carried).toEqual(['Links (not of experiential statements)', 'Sets']);
      expect(imported.json.report.parts.modelled).not.toContain('Links');
      await openForExport(s, imported.json.study.id);
      const exported = await download(users.importer!.api, `/api/studies/${imported.json.study.id}/export/project`);
      const zip = unzipQdpx(exported.bytes);
      expect(xmllint(zip.projectXml, PROJECT_XSD)).toBe('');
      expect(zip.projectXml).toContain(link);
      expect(parseProject(zip.projectXml).links).toEqual(parseProject(xml).links);
    });

    it("lists what it neither models nor carries as refused: a User's id, a Case's CodeRefs", async () => {
      const { users } = await seedUsers(s, ['importer']);
      const xml = readFileSync(`${SAMPLES}/synthetic_two_coders_ipa.qde`, 'utf8')
        .replace('name="Coder B"', 'name="Coder B" id="cb"')
        .replace('</CodeBook>', '</CodeBook><Cases><Case guid="f2000000-0000-4000-8000-000000000001" name="P01"><CodeRef targetGUID="a0000000-0000-4000-8000-000000000003"/><SourceRef targetGUID="b0000000-0000-4000-8000-000000000001"/></Case></Cases>');
      expect(xmllint(xml, PROJECT_XSD)).toBe('');
      const preview = await users.importer!.api.post('/api/import/project/preview', { name: 'pilot.qde', data: base64(new TextEncoder().encode(xml)) });
      expect(preview.json.report.parts.refused.map((r: { element: string }) => r.element)).toEqual(['<User id>', '<Case> CodeRef, SelectionRef']);
    });

    it('writes back the values of Cases and sources as the file had them, beside the carried Variables', async () => {
      const { users } = await seedUsers(s, ['importer']);
      const xml = readFileSync(`${SAMPLES}/synthetic_two_coders_ipa.qde`, 'utf8')
        .replace('</CodeBook>', `</CodeBook>${VARIABLES}<Cases><Case guid="f2000000-0000-4000-8000-000000000001" name="P01">${CASE_VALUE}<SourceRef targetGUID="b0000000-0000-4000-8000-000000000001"/></Case></Cases>`)
        .replace('</TextSource>', `${SOURCE_VALUE}</TextSource>`);
      expect(xmllint(xml, PROJECT_XSD)).toBe('');
      const original = parseProject(xml);
      expect(original.cases[0]?.variableValues).toEqual([CASE_VALUE]);
      expect(original.sources[0]?.variableValues).toEqual([SOURCE_VALUE]);
      const imported = await users.importer!.api.post('/api/import/project', { name: 'pilot.qde', data: base64(new TextEncoder().encode(xml)) });
      expect(imported.status).toBe(201);
      expect(imported.json.report.parts.carried).toEqual(['VariableValues of Cases and sources', 'Variables', 'Sets']);
      expect(imported.json.report.parts.refused).toEqual([]);
      await openForExport(s, imported.json.study.id);
      const exported = await download(users.importer!.api, `/api/studies/${imported.json.study.id}/export/project`);
      const zip = unzipQdpx(exported.bytes);
      expect(xmllint(zip.projectXml, PROJECT_XSD)).toBe('');
      const back = parseProject(zip.projectXml, { readSource: (path) => zip.sources.get(sourceEntryName(path)) });
      expect(back.cases.map((c) => ({ guid: c.guid, name: c.name, variableValues: c.variableValues }))).toEqual([{ guid: 'f2000000-0000-4000-8000-000000000001', name: 'P01', variableValues: [CASE_VALUE] }]);
      expect(back.sources[0]?.variableValues).toEqual([SOURCE_VALUE]);
      expect(zip.projectXml).toContain(VARIABLES);
    });
  });
}
