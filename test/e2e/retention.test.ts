import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { type StudyFixture, seedStudy } from '../helpers/collab';
import { pageFor } from './worksheetSeed';

const ready = browserTestsReady();

describe.skipIf(!ready)('retention in Chromium: the leads’ warning and export then erase', () => {
  let env: BrowserAndServer;
  let server: RunningServer;
  let browser: Browser;
  let f: StudyFixture;
  let until: string;

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ server, browser } = env);
    f = await seedStudy(server.services, 'open');
    until = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    expect((await f.api('lead').patch(`/api/studies/${f.studyId}/privacy`, { retentionUntil: until })).status).toBe(200);
  });
  afterAll(async () => env?.close());

  it('warns the lead, not a coder, with a banner, at every width', async () => {
    for (const [width, height] of [[1280, 800], [1024, 768], [390, 844]] as const) {
      const { context, page } = await pageFor(browser, server, f.users.lead!, `/studies/${f.studyId}`, { width, height });
      const banner = page.getByRole('alert').filter({ hasText: 'retention period' });
      await banner.waitFor();
      expect(await banner.textContent()).toContain(`ends on ${until}`);
      await page.screenshot({ path: artifactPath(`retention-banner-${width}.png`) });
      await context.close();
    }
    const { context, page } = await pageFor(browser, server, f.users.owner!, `/studies/${f.studyId}`);
    await page.getByRole('heading', { name: 'Burnout in nursing' }).waitFor();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('region', { name: 'retention' }).getByText(until).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'retention period' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Download the final export/ }).count()).toBe(0);
    await context.close();
  });

  it('downloads the final export, then erases the study with its fingerprint', async () => {
    const { context, page } = await pageFor(browser, server, f.users.lead!, `/studies/${f.studyId}`, { width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Export then erase…' }).click();
    const panel = page.getByRole('region', { name: 'retention' });
    await panel.getByText(/\d days left/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: '1. Download the final export' }).click()]);
    expect(download.suggestedFilename()).toBe('burnout-in-nursing-final-export.zip');
    const saved = artifactPath('retention-final-export.zip');
    await download.saveAs(saved);
    const sha = createHash('sha256').update(readFileSync(saved)).digest('hex');
    await panel.getByText(sha).waitFor();
    // Nothing is erased until the lead says the export is stored.
    const eraseButton = panel.getByRole('button', { name: '2. Erase the study' });
    expect(await eraseButton.isDisabled()).toBe(true);
    await panel.getByLabel(/I have stored the final export safely/).check();
    await page.screenshot({ path: artifactPath('retention-export-then-erase-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: artifactPath('retention-export-then-erase-1024.png'), fullPage: true });
    await eraseButton.click();
    await panel.getByText('The study was erased.').waitFor();
    await page.screenshot({ path: artifactPath('retention-erased-1024.png') });
    expect((await f.api('lead').get(`/api/studies/${f.studyId}`)).status).toBe(404);
    const record = await server.services.db.selectFrom('erasures').selectAll().executeTakeFirstOrThrow();
    expect(record.reason).toContain(`sha256 ${sha}`);
    await context.close();
  });
});
