import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { type SeededStudy, seedStudy, signedInContext } from './studyViewsSeed';
import { joinStudy } from '../helpers/http';

const ready = browserTestsReady();

type Estimate = { value: number | null; reason?: string };
interface Measures {
  units: number;
  prevalence: number | null;
  alpha: Estimate;
  cohenKappa: Estimate;
  percentAgreement: Estimate;
  ci?: { lower: number | null; upper: number | null };
  warnings: string[];
}
interface Report {
  report: { overall: Measures; themes: Array<{ themeId: string } & Measures>; pairs: Array<{ coders: [string, string] } & Measures> };
}

// How the dashboard writes figures (client/src/agreement/format.ts), restated so a change of
// format is a deliberate change of this test too.
const fixed = (e: Estimate) => (e.value === null ? 'n/a' : e.value.toFixed(3));
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

describe.skipIf(!ready)('agreement dashboard in Chromium', () => {
  let env: BrowserAndServer;
  let server: RunningServer;
  let browser: Browser;
  let seed: SeededStudy;

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ server, browser } = env);
    seed = await seedStudy(server);
  });
  afterAll(async () => env?.close());

  const apiReport = async (page: Page, query: string): Promise<Report> => {
    const r = await page.request.get(`${server.url}/api/studies/${seed.sid}/agreement?${query}`);
    expect(r.status()).toBe(200);
    return (await r.json()) as Report;
  };
  const cell = (page: Page, themeId: string, col: string) => page.locator(`.report tr[data-theme="${themeId}"] td[data-col="${col}"]`);
  const figure = (page: Page, themeId: string, col: string) => cell(page, themeId, col).locator('.num, abbr.na').first();

  /** Every theme row of the table shows the API's figures. */
  async function expectTableMatches(page: Page, api: Report) {
    expect(api.report.themes.length).toBe(5);
    for (const row of api.report.themes) {
      expect(await figure(page, row.themeId, 'alpha').textContent()).toBe(fixed(row.alpha));
      expect(await cell(page, row.themeId, 'prevalence').textContent()).toBe(pct(row.prevalence));
      expect(await cell(page, row.themeId, 'units').textContent()).toBe(row.units.toLocaleString('en'));
      expect(await figure(page, row.themeId, 'kappa').textContent()).toBe(fixed(row.cohenKappa));
      expect(await figure(page, row.themeId, 'percent').textContent()).toBe(row.percentAgreement.value === null ? 'n/a' : pct(row.percentAgreement.value));
      // An undefined figure carries the engine's reason as its tooltip.
      if (row.alpha.value === null) expect(await figure(page, row.themeId, 'alpha').getAttribute('title')).toBe(row.alpha.reason);
      if (row.cohenKappa.value === null) expect(await figure(page, row.themeId, 'kappa').getAttribute('title')).toBe(row.cohenKappa.reason);
    }
    expect(await page.locator('[data-stat="alpha"] .num, [data-stat="alpha"] abbr').first().textContent()).toBe(fixed(api.report.overall.alpha));
  }

  it('shows the API’s figures per theme and pair, switches units and roll-up, and explains itself', async () => {
    const context = await signedInContext(await browser.newContext(), server.url, seed.users.lead.api);
    const page = await context.newPage();
    await page.goto(`${server.url}/studies/${seed.sid}`);
    await page.getByRole('link', { name: 'Agreement' }).click();
    await page.getByText('Agreement starts the conversation; it never blocks a phase change.').waitFor();
    await page.locator('.report[data-unit="line"][data-hierarchy="exact"]').waitFor();

    const line = await apiReport(page, 'unit=line&rollup=false');
    await expectTableMatches(page, line);
    // Nobody used "Supervision": n/a, with the engine's reason as the tooltip.
    expect(await figure(page, seed.themes.unused, 'alpha').textContent()).toBe('n/a');
    // "Rupture" is rare: the prevalence warning sits in its row.
    const rupture = line.report.themes.find((t) => t.themeId === seed.themes.rupture)!;
    expect(rupture.warnings.length).toBe(1);
    const warning = page.locator(`.report tr[data-theme="${seed.themes.rupture}"] .warning`);
    expect(await warning.textContent()).toBe(`⚠ rare theme (${pct(rupture.prevalence)}): κ understates agreement`);
    expect(await warning.getAttribute('title')).toBe(rupture.warnings[0]);
    // The pair matrix shows the one pair both ways.
    const [pair] = line.report.pairs;
    const pairCell = page.locator(`td[data-pair="${seed.users.alice.id}|${seed.users.bob.id}"] .pair-alpha .num`);
    expect(await pairCell.textContent()).toBe(fixed(pair!.alpha));
    // The chart has a bar (or an n/a mark) per theme.
    expect(await page.locator('svg.alpha-chart g[data-theme]').count()).toBe(5);
    await page.screenshot({ path: artifactPath('agreement-dashboard-line.png'), fullPage: true });

    await page.getByText('Turn', { exact: true }).click();
    await page.locator('.report[data-unit="turn"]').waitFor();
    await expectTableMatches(page, await apiReport(page, 'unit=turn&rollup=false'));

    await page.getByText('Character', { exact: true }).click();
    await page.locator('.report[data-unit="character"]').waitFor();
    await expectTableMatches(page, await apiReport(page, 'unit=character&rollup=false'));

    await page.getByText('Continuum', { exact: true }).click();
    await page.locator('.report[data-unit="continuum"]').waitFor();
    await expectTableMatches(page, await apiReport(page, 'unit=continuum&rollup=false'));
    await page.screenshot({ path: artifactPath('agreement-dashboard-continuum.png'), fullPage: true });

    await page.getByText('Line', { exact: true }).click();
    await page.getByLabel('Roll up: a coding on a sub-theme also counts for its parents').check();
    await page.locator('.report[data-unit="line"][data-hierarchy="rollup"]').waitFor();
    const rolled = await apiReport(page, 'unit=line&rollup=true');
    await expectTableMatches(page, rolled);
    // Rolling up changes Trust (Felt safety's parent): the switch really reached the server.
    const trustOf = (r: Report) => r.report.themes.find((t) => t.themeId === seed.themes.trust)!.alpha.value;
    expect(trustOf(rolled)).not.toBe(trustOf(line));
    await context.close();
  });

  it('shows a seeded bootstrap interval and where coders disagree, withholding blind transcripts', async () => {
    const context = await signedInContext(await browser.newContext(), server.url, seed.users.lead.api);
    const page = await context.newPage();
    await page.goto(`${server.url}/studies/${seed.sid}/agreement`);
    await page.getByLabel(/95% interval for α/).check();
    await page.locator('.report[data-ci="yes"]').waitFor();
    expect(new URL(page.url()).searchParams.get('bootstrap')).toBe('1000');
    const api = await apiReport(page, 'unit=line&rollup=false&bootstrap=1000&seed=1');
    const trust = api.report.themes.find((t) => t.themeId === seed.themes.trust)!;
    expect(await cell(page, seed.themes.trust, 'alpha').locator('[data-col="ci"]').textContent()).toBe(` [${trust.ci!.lower!.toFixed(3)}, ${trust.ci!.upper!.toFixed(3)}]`);

    // P01 is in reconciliation: its strip shows the API's regions. P02 is still blind.
    const regions = (await (await page.request.get(`${server.url}/api/transcripts/${seed.t1}/disagreements?rollup=false`)).json()).regions as Array<{ kind: string }>;
    expect(new Set(regions.map((r) => r.kind))).toEqual(new Set(['presence', 'category', 'boundary']));
    const strip1 = page.locator(`.strip-row[data-transcript="${seed.t1}"]`);
    await strip1.locator('svg.strip').waitFor();
    expect(await strip1.locator('rect.region').count()).toBe(regions.length);
    await page.locator(`.strip-row[data-transcript="${seed.t2}"] .strip-withheld`).filter({ hasText: 'once this transcript is in reconciliation' }).waitFor();
    // A mark links to the lines it covers.
    const first = strip1.locator('.region-list a').first();
    expect(await first.getAttribute('href')).toMatch(new RegExp(`^/transcripts/${seed.t1}#l-\\d+$`));
    await page.locator('.strips').screenshot({ path: artifactPath('agreement-strips.png') });

    // Leave P02 out: the report and the table follow the server's report for P01 alone.
    await page.getByRole('group', { name: 'Transcripts' }).getByLabel('P02 Interview P02').uncheck();
    await page.locator('.strip-row').nth(1).waitFor({ state: 'detached' });
    await page.locator('.report[data-ci="yes"]').waitFor();
    expect(new URL(page.url()).searchParams.get('transcripts')).toBe(seed.t1);
    const only = await apiReport(page, `unit=line&rollup=false&bootstrap=1000&seed=1&transcripts=${seed.t1}`);
    await expectTableMatches(page, only);
    expect(await page.getByRole('group', { name: 'Transcripts' }).getByLabel('P01 Interview P01').isDisabled()).toBe(true);
    await context.close();
  });

  it('exports the report as CSV and JSON with the figures on screen', async () => {
    const context = await signedInContext(await browser.newContext({ acceptDownloads: true }), server.url, seed.users.lead.api);
    const page = await context.newPage();
    await page.goto(`${server.url}/studies/${seed.sid}/agreement?unit=turn`);
    await page.locator('.report[data-unit="turn"]').waitFor();
    const api = await apiReport(page, 'unit=turn&rollup=false');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toBe('agreement-turn.csv');
    const csv = readFileSync((await csvDownload.path())!, 'utf8').trimEnd().split('\r\n');
    const header = csv[0]!.split(',');
    expect(header.slice(0, 6)).toEqual(['scope', 'id', 'label', 'units', 'prevalence', 'alpha']);
    expect(csv).toHaveLength(1 + 1 + 5 + 2 + 1 + 2 * 5); // header, overall, themes, transcripts, pair, cells
    const col = (row: string, name: string) => row.split(',')[header.indexOf(name)];
    const trustRow = csv.find((r) => r.startsWith(`theme,${seed.themes.trust},`))!;
    const trust = api.report.themes.find((t) => t.themeId === seed.themes.trust)!;
    expect(col(trustRow, 'label')).toBe('Trust');
    expect(Number(col(trustRow, 'alpha'))).toBe(trust.alpha.value);
    expect(Number(col(trustRow, 'cohen_kappa'))).toBe(trust.cohenKappa.value);
    expect(Number(col(trustRow, 'units'))).toBe(trust.units);
    const unused = csv.find((r) => r.startsWith(`theme,${seed.themes.unused},`))!;
    expect(col(unused, 'alpha')).toBe('');
    expect(unused).toContain('alpha: ');

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const json = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8'));
    expect(json.settings).toMatchObject({ unit: 'turn', rollup: false });
    expect(json.report).toEqual(api.report);
    await context.close();
  });

  it('shows a coder only the transcripts that have left blind coding, and explains when none has', async () => {
    const context = await signedInContext(await browser.newContext(), server.url, seed.users.alice.api);
    const page = await context.newPage();
    await page.goto(`${server.url}/studies/${seed.sid}/agreement`);
    await page.locator('.report[data-unit="line"]').waitFor();
    // Only P01 (reconciling) is in the coder's report; P02 is still coded blind.
    const rows = page.locator('.strip-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-transcript')).toBe(seed.t1);

    // A blind study with nothing revealed yet: the page explains, and still says what agreement is for.
    const lead = seed.users.lead.api;
    const other = (await lead.post('/api/studies', { title: 'Still blind', codingMode: 'blind' })).json.study.id as string;
    await joinStudy(lead, other, 'alice@example.org', 'coder');
    const p = (await lead.post(`/api/studies/${other}/participants`, { pseudonym: 'P09' })).json.participant;
    await lead.post(`/api/studies/${other}/transcripts`, { participantId: p.id, title: 'Interview P09', text: 'P09: one line.' });
    await page.goto(`${server.url}/studies/${other}/agreement`);
    await page.getByRole('alert').filter({ hasText: 'coders see agreement once a transcript is in reconciliation' }).waitFor();
    expect(await page.getByText('Agreement starts the conversation; it never blocks a phase change.').isVisible()).toBe(true);
    expect(await page.locator('.report').count()).toBe(0);
    await page.screenshot({ path: artifactPath('agreement-blind-coder.png'), fullPage: true });
    await context.close();
  });
});
