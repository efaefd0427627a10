import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipQdpx } from '../../shared/refi';
import { browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
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
});
