import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { type StudyFixture, seedStudy } from '../helpers/collab';
import { pageFor } from './worksheetSeed';

const ready = browserTestsReady();

const TEXT = [
  'Interviewer: How did the referral start?',
  'P02: Anna Weber phoned me first. Anna Weber was worried about her son.',
  'P02: She wrote from anna.weber@example.org the day after.',
  '',
].join('\n');

describe.skipIf(!ready)('pseudonymisation review at import in Chromium', () => {
  let env: BrowserAndServer;
  let server: RunningServer;
  let browser: Browser;
  let f: StudyFixture;

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ server, browser } = env);
    f = await seedStudy(server.services, 'open');
  });
  afterAll(async () => env?.close());

  it('lets the lead review each identifier in context, rename one person everywhere, reject one, and freezes only the replacements', async () => {
    const { context, page } = await pageFor(browser, server, f.users.lead!, `/studies/${f.studyId}`, { width: 1280, height: 800 });
    await page.getByLabel('transcript files').setInputFiles({ name: 'interview-anna.txt', mimeType: 'text/plain', buffer: Buffer.from(TEXT) });
    const table = page.getByRole('table', { name: 'identifiers in interview-anna.txt' });
    await table.waitFor();
    const first = TEXT.indexOf('Anna Weber');
    const second = TEXT.indexOf('Anna Weber', first + 1);
    const email = TEXT.indexOf('anna.weber@example.org');
    // Each candidate is shown in its context, accepted by default.
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'phoned me first' }).count()).toBeGreaterThan(0);
    expect(await page.getByLabel(`replace Anna Weber at ${first}`).isChecked()).toBe(true);
    // Renaming one occurrence renames the same person everywhere in the file.
    await page.getByLabel(`replacement for Anna Weber at ${first}`).fill('[Client A]');
    expect(await page.getByLabel(`replacement for Anna Weber at ${second}`).inputValue()).toBe('[Client A]');
    await page.getByLabel(`replace anna.weber@example.org at ${email}`).uncheck();
    await page.screenshot({ path: artifactPath('pseudonym-review-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: artifactPath('pseudonym-review-1024.png'), fullPage: true });

    await page.getByRole('button', { name: 'Import interview-anna.txt' }).click();
    await page.getByText('Imported.').waitFor();
    const list = (await f.api('lead').get(`/api/studies/${f.studyId}/transcripts`)).json.transcripts as Array<{ id: string; title: string }>;
    const imported = list.find((t) => t.title !== 'Interview 1')!;
    const text = (await f.api('lead').get(`/api/transcripts/${imported.id}`)).json.text as string;
    expect(text).toContain('[Client A] phoned me first. [Client A] was worried');
    expect(text).not.toContain('Anna Weber');
    expect(text).toContain('anna.weber@example.org');
    const key = (await f.api('lead').get(`/api/studies/${f.studyId}/pseudonym-key`)).json.entries as Array<{ original: string; replacement: string }>;
    expect(key).toEqual(expect.arrayContaining([expect.objectContaining({ original: 'Anna Weber', replacement: '[Client A]' })]));
    expect(key.map((e) => e.original)).not.toContain('anna.weber@example.org');
    await context.close();
  });
});
