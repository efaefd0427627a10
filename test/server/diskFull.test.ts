import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/services';
import { testServices } from '../helpers/env';
import { seedUsers } from '../helpers/http';

/**
 * A full disk, reproduced without privileges: SQLite's max_page_count caps the database at its
 * current size, and a write that needs a new page fails with SQLITE_FULL, the very error a full
 * file system gives (a tmpfs or a loop device would need root). PostgreSQL's disk_full (53100)
 * is mapped by the same function (server/store/storageFull.ts).
 */
describe('a full disk at the REST door (sqlite)', () => {
  let s: Services;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ s, close } = await testServices('sqlite'));
  });
  afterEach(async () => close());

  const setMaxPages = async (n: number) => sql.raw(`pragma max_page_count = ${n}`).execute(s.db);
  const pageCount = async () => Number((await sql.raw<{ page_count: number }>('pragma page_count').execute(s.db)).rows[0]!.page_count);

  it('answers 507 insufficient_storage, changes nothing, and writes again once there is space', async () => {
    const { users } = await seedUsers(s, ['lead']);
    const lead = users.lead!.api;
    const study = (await lead.post('/api/studies', { title: 'Full disk' })).json.study as { id: string };
    const participant = (await lead.post(`/api/studies/${study.id}/participants`, { pseudonym: 'P1' })).json.participant as { id: string };
    const transcript = { participantId: participant.id, title: 'Long', text: 'P: the words of a participant that fill pages.\n'.repeat(4000) };
    const pages = await pageCount();
    await setMaxPages(pages);
    const refused = await lead.post(`/api/studies/${study.id}/transcripts`, transcript);
    expect(refused.status).toBe(507);
    expect(refused.json).toEqual({ error: { code: 'insufficient_storage', message: expect.stringMatching(/no space left/) } });
    expect((await lead.get(`/api/studies/${study.id}/transcripts`)).json.transcripts).toEqual([]);
    await setMaxPages(1_000_000);
    expect((await lead.post(`/api/studies/${study.id}/transcripts`, transcript)).status).toBe(201);
  });

  it('answers 507 when a REST command cannot commit its document change, which is not applied', async () => {
    const { users } = await seedUsers(s, ['lead']);
    const lead = users.lead!.api;
    const study = (await lead.post('/api/studies', { title: 'Full disk' })).json.study as { id: string };
    const codes = Array.from({ length: 400 }, (_, i) => `<Code guid="00000000-0000-4000-8000-${String(i).padStart(12, '0')}" name="Theme ${i} ${'of a long name '.repeat(8)}" isCodable="true"/>`);
    const qdc = `<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>${codes.join('')}</Codes></CodeBook>`;
    const body = { name: 'big.qdc', data: Buffer.from(qdc).toString('base64'), merge: true };
    await setMaxPages(await pageCount());
    const refused = await lead.post(`/api/studies/${study.id}/codebook/import`, body);
    expect(refused.status).toBe(507);
    expect(refused.json.error.code).toBe('insufficient_storage');
    await setMaxPages(1_000_000);
    expect((await lead.get(`/api/studies/${study.id}/themes`)).json.themes).toEqual([]);
    expect((await lead.post(`/api/studies/${study.id}/codebook/import`, body)).status).toBe(200);
    expect((await lead.get(`/api/studies/${study.id}/themes`)).json.themes).toHaveLength(400);
  });
});
