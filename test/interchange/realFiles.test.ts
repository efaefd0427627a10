import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { type RefiProject, parseCodebook, parseProject, sourceEntryName, unzipQdpx } from '../../shared/refi';
import { seedUsers } from '../helpers/http';
import { testServices } from '../helpers/env';
import type { Services } from '../../server/services';
import { base64, download } from './download';
import { CODEBOOK_XSD, PROJECT_XSD, openForExport, xmllint } from './seedStudy';
import { roundTripDifferences } from './compareRoundTrip';
import { REAL, REAL_PROJECTS } from './realFiles';

const open = (bytes: Uint8Array): { project: RefiProject; xml: string } => {
  const zip = unzipQdpx(bytes);
  return { xml: zip.projectXml, project: parseProject(zip.projectXml, { readSource: (path) => zip.sources.get(sourceEntryName(path)) }) };
};

// One database for every file (the round trips are independent studies); SQLite only: the
// dialects are covered by roundTrip.test.ts, these tests are about what other tools wrote.
describe('real REFI-QDA files: import, export, compare', () => {
  let s: Services;
  let close: () => Promise<void>;
  let importer: Awaited<ReturnType<typeof seedUsers>>['users'][string];
  beforeAll(async () => {
    ({ s, close } = await testServices('sqlite'));
    importer = (await seedUsers(s, ['importer'])).users.importer!;
  });
  afterAll(async () => close());

  it('ATLAS.ti Win 23.4 codebook (atlasti23.4-win-requal-codebook.qdc): merged into a new study and exported, its codes come back; its code group does not', async () => {
    const bytes = readFileSync(`${REAL}/atlasti23.4-win-requal-codebook.qdc`);
    const original = parseCodebook(bytes.toString('utf8'));
    const study = (await importer.api.post('/api/studies', { title: 'Codebook round trip' })).json.study as { id: string };
    const merged = await importer.api.post(`/api/studies/${study.id}/codebook/import`, { name: 'atlas.qdc', data: base64(bytes), merge: true });
    expect(merged.status).toBe(200);
    const exported = await download(importer.api, `/api/studies/${study.id}/export/codebook`);
    expect(xmllint(exported.bytes, CODEBOOK_XSD)).toBe('');
    const back = parseCodebook(new TextDecoder().decode(exported.bytes));
    const code = (c: (typeof original.codes)[number]) => ({ guid: c.guid, name: c.name, parent: c.parentGuid, description: c.description, isCodable: c.isCodable, color: c.color?.toLowerCase() });
    expect(back.codes.map(code)).toEqual(original.codes.map(code));
    // Differences (docs/interchange.md): colour digits in lowercase; the codebook's Sets are not
    // merged into a study (a merge adds codes to a codebook, which has no place for groups).
    expect(original.codes[0]?.color).toBe('#46AA00');
    expect(back.codes[0]?.color).toBe('#46aa00');
    expect(new TextDecoder().decode(exported.bytes)).not.toContain('<Sets>');
  });

  for (const real of REAL_PROJECTS) {
    const bytes = real.load();
    const title = `${real.tool} (${real.file}): gives back everything but the documented differences, and the export validates`;
    if (!bytes) {
      it.skip(`${title} [skipped: ${REAL}/${real.file} is not here; test/fixtures/real/SOURCES.md says where to get it]`, () => undefined);
      continue;
    }
    it(title, { timeout: 120_000 }, async () => {
      const original = open(bytes);
      const imported = await importer.api.post('/api/import/project', { name: real.file, data: base64(bytes) });
      expect(imported.status).toBe(201);
      expect(imported.json.report.origin).toBe(original.project.origin);
      expect(imported.json.report.warnings).toEqual([]);
      expect(imported.json.report.parts).toEqual(real.parts);
      await openForExport(s, imported.json.study.id);
      const exported = await download(importer.api, `/api/studies/${imported.json.study.id}/export/project`);
      expect(exported.status).toBe(200);
      const back = open(exported.bytes);
      expect(xmllint(back.xml, PROJECT_XSD)).toBe('');
      expect(roundTripDifferences(original.project, back.project, { before: original.xml, after: back.xml })).toEqual(real.differences);
      if (original.project.codes.length) {
        const codebook = await download(importer.api, `/api/studies/${imported.json.study.id}/export/codebook`);
        expect(xmllint(codebook.bytes, CODEBOOK_XSD)).toBe('');
      }
    });
  }
});
