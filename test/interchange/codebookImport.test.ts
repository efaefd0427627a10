import { readFileSync } from 'node:fs';
import { strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/services';
import { type TestDialect, testDialects, testServices } from '../helpers/env';
import { base64, download } from './download';
import { SAMPLES, seedStudy } from './seedStudy';
import { studyContent, tableCounts } from './studyContent';

const ATLAS = readFileSync(`${SAMPLES}/atlasti23_export_codebook.qdc`);

for (const dialect of testDialects()) {
  describe(`REFI-QDA codebook import (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ s, close } = await testServices(dialect as TestDialect));
    });
    afterEach(async () => close());

    it('previews the ATLAS.ti sample without changing anything, then merges it into the open codebook', async () => {
      const seed = await seedStudy(s);
      const path = `/api/studies/${seed.study.id}/codebook/import`;
      const before = await tableCounts(s);
      const preview = await seed.lead.api.post(path, { name: 'atlas.qdc', data: base64(ATLAS) });
      expect(preview.status).toBe(200);
      expect(preview.json.merged).toBe(false);
      expect(preview.json.origin).toBe('ATLAS.ti Win 23.4.0');
      expect(preview.json.plan.added).toEqual([expect.objectContaining({ label: 'code1', path: ['code1'], color: '#46aa00', description: 'description' })]);
      expect(await tableCounts(s)).toEqual(before);
      const merged = await seed.lead.api.post(path, { name: 'atlas.qdc', data: base64(ATLAS), merge: true });
      expect(merged.json.merged).toBe(true);
      const tree = (await studyContent(s, seed.study.id)).tree;
      expect(tree.byId.get('1ff58b12-6f6f-4b0c-8be5-bbdc91f55294')?.label).toBe('code1');
      const again = await seed.lead.api.post(path, { name: 'atlas.qdc', data: base64(ATLAS) });
      expect(again.json.plan).toMatchObject({ added: [], renamed: [], unchanged: [{ label: 'code1', changes: [] }] });
    });

    it('finds renamed, unchanged and added themes when a codebook exported from the study comes back edited', async () => {
      const seed = await seedStudy(s);
      const qdc = strFromU8((await download(seed.lead.api, `/api/studies/${seed.study.id}/export/codebook`)).bytes)
        .replace('name="Body as obstacle"', 'name="Body as an obstacle"')
        .replace('<Code guid', '<Code guid="0f000000-0000-4000-8000-000000000001" name="Hope" isCodable="true"/>\n    <Code guid');
      const res = await seed.lead.api.post(`/api/studies/${seed.study.id}/codebook/import`, { name: 'edited.qdc', data: base64(qdc), merge: true });
      expect(res.status).toBe(200);
      expect(res.json.plan.renamed).toEqual([expect.objectContaining({ themeId: seed.themes.obstacle, from: 'Body as obstacle', to: 'Body as an obstacle' })]);
      expect(res.json.plan.added.map((a: { label: string }) => a.label)).toEqual(['Hope']);
      expect(res.json.plan.unchanged.map((u: { label: string }) => u.label).sort()).toEqual(['Fatigue 😴', 'Living with illness', 'Loss of the body']);
      const tree = (await studyContent(s, seed.study.id)).tree;
      expect(tree.byId.get(seed.themes.obstacle)?.label).toBe('Body as an obstacle');
      // Added themes go after the existing siblings: a merge never reorders the team's codebook.
      expect(tree.roots.map((t) => t.label)).toEqual(['Living with illness', 'Hope']);
    });

    it('matches codes of another tool by label under the same parent and accepts the 0:4 namespace', async () => {
      const seed = await seedStudy(s);
      const qdc = `<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:0:4" origin="Other"><Codes><Code guid="9a000000-0000-4000-8000-000000000001" name="living with ILLNESS" isCodable="false"><Code guid="9a000000-0000-4000-8000-000000000002" name="Uncertainty" isCodable="true"/></Code></Codes></CodeBook>`;
      const res = await seed.lead.api.post(`/api/studies/${seed.study.id}/codebook/import`, { name: 'other.qdc', data: base64(qdc) });
      expect(res.json.warnings).toEqual([]);
      expect(res.json.plan.renamed).toEqual([expect.objectContaining({ from: 'Living with illness', to: 'living with ILLNESS' })]);
      expect(res.json.plan.added).toEqual([expect.objectContaining({ label: 'Uncertainty', parentId: seed.themes.area, path: ['Living with illness', 'Uncertainty'] })]);
    });

    it('refuses to merge into a locked codebook, and refuses coders', async () => {
      const seed = await seedStudy(s);
      const path = `/api/studies/${seed.study.id}/codebook/import`;
      expect((await seed.users.ana!.api.post(path, { name: 'a.qdc', data: base64(ATLAS) })).status).toBe(403);
      await seed.lead.api.patch(`/api/studies/${seed.study.id}`, { codebookPhase: 'locked' });
      const res = await seed.lead.api.post(path, { name: 'a.qdc', data: base64(ATLAS), merge: true });
      expect(res.status).toBe(409);
      expect(res.json.error.message).toMatch(/locked/);
      expect((await seed.lead.api.post(path, { name: 'a.qdc', data: base64(ATLAS) })).status).toBe(200);
    });
  });
}
