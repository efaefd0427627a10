import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipQdpx } from '../../shared/refi';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { PROJECT_XSD, SAMPLES, xmllint } from './seedStudy';

const ready = browserTestsReady();

describe.skipIf(!ready)('interchange panels in Chromium', () => {
  let env: BrowserAndServer;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ browser } = env);
    url = env.server.url;
  });
  afterAll(async () => env?.close());

  it('imports a project with its report, previews and merges a codebook, and downloads a valid .qdpx', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Welcome to Concord' }).waitFor();
    await page.getByLabel('Setup token').fill(env.server.setupToken!.token);
    await page.getByLabel('Your name').fill('Lena Lead');
    await page.getByLabel('Email').fill('lena@uni.example');
    await page.getByLabel('Password (at least 8 characters)').fill('lena-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Studies' }).waitFor();

    await page.getByLabel('project file').setInputFiles('test/fixtures/refi/windows-tool.qdpx');
    const preview = page.getByLabel('project preview');
    await preview.getByRole('heading', { name: 'Müdigkeit – Pilot 🌙' }).waitFor();
    await preview.getByLabel(/^李雷 \(2 codings\)/).fill('lena@uni.example');
    await preview.getByRole('button', { name: 'Import as a new study' }).click();
    const report = page.getByLabel('import report');
    await report.getByRole('link', { name: 'Müdigkeit – Pilot 🌙' }).waitFor();
    expect(await report.textContent()).toContain('5 themes, 2 participants, 2 transcripts, 4 codings, 1 notes');
    expect(await report.getByRole('list', { name: 'skipped' }).textContent()).toContain('Consent form (PDFSource): PDF sources are not transcripts');
    expect(await report.textContent()).toContain('Pending coders: Zoë Ångström');
    expect(await report.textContent()).toContain('Coders with accounts: 李雷 → lena@uni.example');

    await report.getByRole('link', { name: 'Müdigkeit – Pilot 🌙' }).click();
    await page.getByRole('tab', { name: 'Settings' }).click();
    const exchange = page.getByRole('region', { name: 'exchange' });
    await exchange.getByLabel('codebook file').setInputFiles(`${SAMPLES}/atlasti23_export_codebook.qdc`);
    const codebook = exchange.getByLabel('codebook preview');
    await codebook.getByText('1 added · 0 renamed · 0 unchanged').waitFor();
    expect(await codebook.textContent()).toContain('added: code1');
    await codebook.getByRole('button', { name: 'Merge into the codebook' }).click();
    await codebook.getByRole('status').filter({ hasText: 'Merged.' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), exchange.getByRole('link', { name: 'Project (.qdpx)' }).click()]);
    const path = await download.path();
    const zip = unzipQdpx(new Uint8Array(readFileSync(path!)));
    expect(xmllint(zip.projectXml, PROJECT_XSD)).toBe('');
    expect(zip.projectXml).toContain('name="code1"');
    await context.close();
  });

  it("shows the imported file's Sets, read-only, as transcript groups and theme groups", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-sets-'));
    const file = join(dir, 'pilot-with-groups.qde');
    const xml = readFileSync(`${SAMPLES}/synthetic_two_coders_ipa.qde`, 'utf8').replace(
      '<Set guid="f0000000-0000-4000-8000-000000000001" name="Wave 1 interviews">',
      '<Set guid="f0000000-0000-4000-8000-000000000001" name="Wave 1 interviews"><Description>First wave, spring</Description><MemberCode targetGUID="a0000000-0000-4000-8000-000000000005"/>',
    );
    writeFileSync(file, xml);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByLabel('Email').fill('lena@uni.example');
    await page.getByLabel('Password').fill('lena-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Studies' }).waitFor();
    await page.getByLabel('project file').setInputFiles(file);
    const preview = page.getByLabel('project preview');
    await preview.getByRole('button', { name: 'Import as a new study' }).click();
    const report = page.getByLabel('import report');
    const parts = report.getByRole('list', { name: 'parts of the file' });
    await parts.waitFor();
    expect(await parts.textContent()).toContain('Carried (kept as the file has them, written back on export): Sets');
    await page.screenshot({ path: artifactPath('interchange-import-report-1280x800.png'), fullPage: true });
    await report.getByRole('link').first().click();

    const transcriptGroups = page.getByRole('region', { name: 'transcript groups' });
    await transcriptGroups.getByText('Wave 1 interviews').waitFor();
    expect(await transcriptGroups.textContent()).toContain('First wave, spring');
    expect(await transcriptGroups.getByRole('link').count()).toBe(1);
    for (const [w, h] of [[1280, 800], [1024, 768], [390, 844]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: artifactPath(`interchange-transcript-groups-${w}x${h}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('link', { name: 'Themes and extracts' }).click();
    const themeGroups = page.getByRole('region', { name: 'theme groups' });
    await themeGroups.getByRole('button', { name: 'Theme: Vigilance' }).click();
    await page.getByRole('heading', { name: 'Theme: Vigilance' }).waitFor();
    for (const [w, h] of [[1280, 800], [1024, 768], [390, 844]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: artifactPath(`interchange-theme-groups-${w}x${h}.png`), fullPage: true });
    }
    await context.close();
  });
});
