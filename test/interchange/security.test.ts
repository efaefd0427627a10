import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/services';
import { type TestDialect, testDialects, testServices } from '../helpers/env';
import { seedUsers } from '../helpers/http';
import { base64 } from './download';
import { studyContent, tableCounts } from './studyContent';

const PROJECT = (body: string) => `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x">${body}</Project>`;
const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE Project [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"><Sources><TextSource guid="33333333-3333-4333-8333-333333333333" name="s"><PlainTextContent>&lol9;</PlainTextContent></TextSource></Sources></Project>`;
const EXTERNAL_ENTITY = `<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="1ff58b12-6f6f-4b0c-8be5-bbdc91f55294" name="&x;" isCodable="true"/></Codes></CodeBook>`;

for (const dialect of testDialects()) {
  describe(`REFI-QDA import refuses hostile files and stores nothing (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ s, close } = await testServices(dialect as TestDialect));
    });
    afterEach(async () => close());

    const cases: [string, () => Uint8Array, number, RegExp][] = [
      ['a malformed zip', () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 400, /not a readable \.qdpx/],
      ['a zip without project.qde', () => zipSync({ 'sources/a.txt': strToU8('hello') }), 400, /no project\.qde/],
      ['an XML bomb (billion laughs)', () => strToU8(BILLION_LAUGHS), 400, /declares entities/],
      ['an XML bomb inside a .qdpx', () => zipSync({ 'project.qde': strToU8(BILLION_LAUGHS) }), 400, /declares entities/],
      ['a path traversal entry name', () => zipSync({ 'project.qde': strToU8(PROJECT('')), '../../etc/cron.d/evil.txt': strToU8('x') }), 400, /unsafe name/],
      ['an absolute entry name', () => zipSync({ 'project.qde': strToU8(PROJECT('')), '/tmp/evil.txt': strToU8('x') }), 400, /unsafe name/],
      // Referenced, so it must be read: refused by its size (an unreferenced one is never inflated).
      ['a zip bomb entry over the size limit', () => zipSync({ 'project.qde': strToU8(PROJECT('<Sources><TextSource guid="33333333-3333-4333-8333-333333333333" name="s" plainTextPath="internal://big.txt"/></Sources>')), 'sources/big.txt': new Uint8Array(65 * 1024 * 1024) }), 413, /sources\/big\.txt declares \d+ bytes; the limit is/],
      ['XML that is not a project', () => strToU8('<html><body>hello</body></html>'), 400, /no <Project> root/],
      ['text that is not XML', () => strToU8('<Project name="x"><Users>'), 400, /not well-formed|no <Project>/],
      ['an empty file', () => new Uint8Array(0), 400, /empty/],
    ];
    for (const [what, bytes, status, message] of cases) {
      it(`refuses ${what} with ${status} and a clear message`, async () => {
        const { users } = await seedUsers(s, ['lead']);
        const before = await tableCounts(s);
        const res = await users.lead!.api.post('/api/import/project', { name: 'bad.qdpx', data: base64(bytes()) });
        expect(res.status).toBe(status);
        expect(res.json.error.code).toBe(status === 413 ? 'archive_entry_too_large' : 'validation_failed');
        expect(res.json.error.message).toMatch(message);
        expect(await tableCounts(s)).toEqual(before);
      });
    }

    it('refuses an entity-declaring codebook in preview and merge, leaving the codebook as it was', async () => {
      const { users } = await seedUsers(s, ['lead']);
      const study = (await users.lead!.api.post('/api/studies', { title: 'S' })).json.study;
      const before = await tableCounts(s);
      for (const merge of [false, true]) {
        const res = await users.lead!.api.post(`/api/studies/${study.id}/codebook/import`, { name: 'x.qdc', data: base64(EXTERNAL_ENTITY), merge });
        expect(res.status).toBe(400);
        expect(res.json.error.message).toMatch(/declares entities/);
      }
      expect(await tableCounts(s)).toEqual(before);
      expect((await studyContent(s, study.id)).tree.themes).toEqual([]);
    });

    it('answers 413 to an upload over the body limit before reading it', async () => {
      const { users } = await seedUsers(s, ['lead']);
      const before = await tableCounts(s);
      const res = await users.lead!.api.post('/api/import/project', { name: 'huge.qdpx', data: 'A'.repeat(71 * 1024 * 1024) });
      expect(res.status).toBe(413);
      expect(res.json.error.code).toBe('too_large');
      expect(await tableCounts(s)).toEqual(before);
    });

    it('requires a signed-in user', async () => {
      const { client } = await seedUsers(s, []);
      const res = await client().post('/api/import/project', { name: 'a.qde', data: base64(PROJECT('')) });
      expect(res.status).toBe(401);
    });
  });
}
