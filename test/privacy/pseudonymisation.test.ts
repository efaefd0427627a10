import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCandidates, proposeReplacements } from '../../shared/privacy/pseudonymisation';
import { findNamesWithNlp } from '../../server/commands/privacy/findNamesWithNlp';
import type { Services } from '../../server/services';
import { listAudit } from '../../server/store/audit';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, apiFor, seedUsers, joinStudy } from '../helpers/http';
import { filesContaining } from './dataDir';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const INTERVIEW = [
  'Interviewer: How did you come to this work?',
  'Therapist: I trained with Dr. Anna Weber at the Riverside Clinic in Manchester, and I started on 12 May 2019.',
  'Therapist: My client was 34 years old; she wrote to me at anna.w@example.org and called 0161 496 0123.',
  'Therapist: We met at 22 Baker Street most weeks. Anna Weber still supervises me.',
  '',
].join('\n');

describe('finding identifiers', () => {
  it('finds people, places and organisations with NLP, and contact details, dates and ages by pattern', async () => {
    const found = findCandidates(INTERVIEW, [], await findNamesWithNlp(INTERVIEW), new Set(['Interviewer', 'Therapist']));
    const by = (kind: string) => found.filter((c) => c.kind === kind).map((c) => c.text);
    expect(by('person')).toEqual(expect.arrayContaining([expect.stringContaining('Anna Weber')]));
    expect(by('place')).toContain('Manchester');
    expect(by('email')).toEqual(['anna.w@example.org']);
    expect(by('phone')).toEqual(['0161 496 0123']);
    expect(by('date')).toEqual(['12 May 2019']);
    expect(by('age')).toEqual(['34 years old']);
    expect(by('address')).toEqual(['22 Baker Street']);
    for (const c of found) expect(INTERVIEW.slice(c.start, c.end)).toBe(c.text);
    // Non-overlapping, in text order.
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
  });

  it('proposes capitalised names in other languages for review, and the key wherever it occurs', () => {
    const text = 'Interviewerin: Wie war das?\nP03: Ich habe mit Jürgen Hoffmann in Leipzig gearbeitet, bei der Caritas Leipzig.\n';
    const key = [{ original: 'Caritas Leipzig', replacement: '[Organisation 1]', kind: 'organisation' as const }];
    const found = proposeReplacements(text, findCandidates(text, key, [], new Set(['Interviewerin', 'P03'])), key);
    expect(found.find((c) => c.text === 'Caritas Leipzig')).toMatchObject({ source: 'key', replacement: '[Organisation 1]', accept: true });
    expect(found.find((c) => c.text === 'Jürgen Hoffmann')).toMatchObject({ source: 'heuristic', kind: 'name', accept: false });
    expect(found.map((c) => c.text)).toContain('Leipzig');
  });
});

for (const dialect of testDialects()) {
  describe(`pseudonymisation at import (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let dataDir: string;
    let lead: ApiClient, coder: ApiClient, auditor: ApiClient, admin: ApiClient;
    let sid: string;

    beforeEach(async () => {
      let env;
      ({ s, close, env } = await testServices(dialect));
      dataDir = env.dataDir;
      const seeded = await seedUsers(s, ['lead', 'coder', 'auditor']);
      ({ admin } = seeded);
      lead = seeded.users.lead!.api;
      coder = seeded.users.coder!.api;
      auditor = seeded.users.auditor!.api;
      sid = (await lead.post('/api/studies', { title: 'Therapists' })).json.study.id;
      await joinStudy(lead, sid, 'coder@example.org', 'coder');
      await joinStudy(lead, sid, 'auditor@example.org', 'auditor');
    });
    afterEach(async () => close());

    it('reviews, replaces consistently across the study, freezes no original and audits counts only', async () => {
      expect((await lead.post(`/api/studies/${sid}/pseudonym-key/terms`, { terms: [{ original: 'Riverside Clinic', replacement: '[Clinic 1]', kind: 'organisation' }] })).json).toEqual({ added: 1 });
      const file = { name: 'anna-weber.txt', data: b64(INTERVIEW) };
      const preview = (await lead.post(`/api/studies/${sid}/transcripts/preview`, file)).json;
      // Never the file stem (often the person's name) as the pseudonym.
      expect(preview.suggestedPseudonym).toBe('P01');
      const candidates = preview.pseudonymisation.candidates as Array<{ start: number; end: number; text: string; kind: string; replacement: string; accept: boolean; before: string }>;
      expect(candidates.find((c) => c.text === 'Riverside Clinic')).toMatchObject({ replacement: '[Clinic 1]', accept: true });
      expect(candidates.find((c) => c.text === '12 May 2019')).toMatchObject({ replacement: '[date]' });
      expect(candidates.find((c) => c.text === 'Manchester')?.before).toContain('Riverside Clinic in ');
      // The lead renames one replacement and rejects the date.
      const decisions = candidates
        .filter((c) => c.accept && c.kind !== 'date')
        .map((c) => ({ start: c.start, end: c.end, text: c.text, kind: c.kind, replacement: c.text === 'Manchester' ? '[City 1]' : c.replacement }));
      const r = await lead.post(`/api/studies/${sid}/transcripts/import`, { ...file, pseudonym: preview.suggestedPseudonym, title: 'Interview 1', pseudonymise: decisions });
      expect(r.status).toBe(201);
      const text = (await lead.get(`/api/transcripts/${r.json.transcript.id}`)).json.text as string;
      for (const original of ['Anna Weber', 'Manchester', 'anna.w@example.org', '0161 496 0123', 'Riverside Clinic', '22 Baker Street']) expect(text).not.toContain(original);
      expect(text).toContain('[City 1]');
      expect(text).toContain('12 May 2019');

      // The next file reuses the study's replacements.
      const second = (await lead.post(`/api/studies/${sid}/transcripts/preview`, { name: 'two.txt', data: b64('Interviewer: And then?\nP02: I moved back to Manchester.\n') })).json;
      expect(second.suggestedPseudonym).toBe('P02');
      expect(second.pseudonymisation.candidates.find((c: { text: string }) => c.text === 'Manchester')).toMatchObject({ source: 'key', replacement: '[City 1]' });

      const key = (await lead.get(`/api/studies/${sid}/pseudonym-key`)).json.entries as Array<{ original: string; replacement: string }>;
      expect(key).toEqual(expect.arrayContaining([expect.objectContaining({ original: 'Manchester', replacement: '[City 1]' })]));
      const events = await listAudit(s.db, sid);
      const imported = events.find((e) => e.action === 'transcript.import')!;
      expect((imported.data as { pseudonymisation: { replaced: number } }).pseudonymisation.replaced).toBe(decisions.length);
      const trail = JSON.stringify(events);
      for (const original of ['Anna Weber', 'Manchester', 'Riverside']) expect(trail).not.toContain(original);
    });

    it('refuses decisions that do not match the file, and imports nothing', async () => {
      const r = await lead.post(`/api/studies/${sid}/transcripts/import`, { name: 'x.txt', data: b64(INTERVIEW), pseudonymise: [{ start: 0, end: 5, text: 'Nobody', kind: 'person', replacement: '[Person A]' }] });
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('validation_failed');
      expect((await lead.get(`/api/studies/${sid}/transcripts`)).json.transcripts).toEqual([]);
    });

    it('lets only leads read, extend or delete the key, by every route', async () => {
      await lead.post(`/api/studies/${sid}/pseudonym-key/terms`, { terms: [{ original: 'Zelda Quist' }] });
      for (const who of [coder, auditor, admin]) {
        for (const r of [
          await who.get(`/api/studies/${sid}/pseudonym-key`),
          await who.get(`/api/studies/${sid}/pseudonym-key?format=csv`),
          await who.post(`/api/studies/${sid}/pseudonym-key/terms`, { terms: [{ original: 'X' }] }),
          await who.post(`/api/studies/${sid}/pseudonym-key/erase`, { reason: 'r' }),
        ]) {
          expect(r.status).toBe(403);
          expect(JSON.stringify(r.json)).not.toContain('Zelda');
        }
      }
      const csv = await apiFor(s).app.request(`http://localhost/api/studies/${sid}/pseudonym-key?format=csv`, { headers: { cookie: lead.cookie! } });
      expect(await csv.text()).toContain('Zelda Quist,[Term 1],term');
    });

    it('deletes the key on its own: the originals leave the data folder, the study stays', async () => {
      await lead.post(`/api/studies/${sid}/pseudonym-key/terms`, { terms: [{ original: 'Quentin Marlowe-Fairweather', kind: 'person' }] });
      if (dialect === 'sqlite') expect(filesContaining(dataDir, 'Marlowe-Fairweather').length).toBeGreaterThan(0);
      const r = await lead.post(`/api/studies/${sid}/pseudonym-key/erase`, { reason: 'end of the study: no re-identification' });
      expect(r.status).toBe(200);
      expect(r.json.erasure.counts.pseudonymKeyEntries).toBe(1);
      expect((await lead.get(`/api/studies/${sid}/pseudonym-key`)).json.entries).toEqual([]);
      if (dialect === 'sqlite') expect(filesContaining(dataDir, 'Marlowe-Fairweather')).toEqual([]);
      expect((await lead.get(`/api/studies/${sid}`)).status).toBe(200);
    });
  });
}

describe('concord import review / --review (batch)', () => {
  it('writes a private review file, then imports with its decisions', async () => {
    const { s, env, close } = await testServices('sqlite');
    try {
      const seeded = await seedUsers(s, ['lead']);
      const sid = (await seeded.users.lead!.api.post('/api/studies', { title: 'Batch' })).json.study.id;
      await s.close();
      const a = join(env.dataDir, '..', `anna-${Date.now()}.txt`);
      writeFileSync(a, INTERVIEW);
      const review = join(env.dataDir, '..', `review-${Date.now()}.json`);
      const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/concord.js', ...args], { encoding: 'utf8', env: { ...process.env, DATA_DIR: env.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' } });
      const wrote = cli('import', 'review', '--study', sid, '--as', 'lead@example.org', '--out', review, a);
      expect(wrote.stderr).toBe('');
      expect(wrote.status).toBe(0);
      expect(statSync(review).mode & 0o777).toBe(0o600);
      const file = JSON.parse(readFileSync(review, 'utf8'));
      expect(file.files[0].pseudonym).toBe('P01');
      // The lead accepts everything, the heuristic's proposals too.
      for (const c of file.files[0].candidates) c.accept = true;
      writeFileSync(review, JSON.stringify(file));
      const imported = cli('import', 'transcripts', '--study', sid, '--as', 'lead@example.org', '--review', review);
      expect(imported.stderr).toBe('');
      expect(imported.status).toBe(0);
      const s2 = (await import('../../server/services')).createServices;
      const again = await s2(env.config, env.options);
      try {
        const row = await again.db.selectFrom('transcripts').select(['text']).executeTakeFirstOrThrow();
        expect(row.text).not.toContain('Anna Weber');
        expect(row.text).not.toContain('Manchester');
        expect((await again.db.selectFrom('participants').select('pseudonym').execute()).map((p) => p.pseudonym)).toEqual(['P01']);
      } finally {
        await again.close();
      }
    } finally {
      await close().catch(() => env.cleanup());
    }
  });
});
