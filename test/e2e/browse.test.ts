import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import type { ApiClient } from '../helpers/http';
import { type SeededStudy, seedStudy, signedInContext } from './studyViewsSeed';

const ready = browserTestsReady();

interface Counts { codings: number; participants: number; transcripts: number }
interface Browse {
  themes: Array<{ id: string; label: string; counts: Counts; totals: Counts }>;
  extracts: Array<{ codingId: string; source: 'coder' | 'consensus'; themeId: string; transcriptId: string; pseudonym: string; coderName: string; lineRange: string; lines: { first: number }; quote: string }>;
  scope: { hiddenLayers: number };
}

describe.skipIf(!ready)('theme browser and progress view in Chromium', () => {
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

  const pageAs = async (api: ApiClient) => (await signedInContext(await browser.newContext(), server.url, api)).newPage();
  const browseApi = async (page: Page): Promise<Browse> => (await (await page.request.get(`${server.url}/api/studies/${seed.sid}/themes/browse`)).json()) as Browse;
  const treeCount = (page: Page, themeId: string, what: keyof Counts) => page.locator(`.theme-tree li[data-theme="${themeId}"] [data-count="${what}"]`).textContent();

  it('shows the tree with the API’s counts and a theme’s extracts, and jumps to the transcript', async () => {
    const page = await pageAs(seed.users.auditor.api);
    await page.goto(`${server.url}/studies/${seed.sid}`);
    await page.getByRole('link', { name: 'Themes and extracts' }).click();
    await page.getByRole('navigation', { name: 'theme tree' }).waitFor();
    const api = await browseApi(page);
    expect(api.scope.hiddenLayers).toBe(0);
    // "Include sub-themes" is on by default: the tree shows totals.
    for (const t of api.themes) {
      expect(await treeCount(page, t.id, 'codings')).toBe(String(t.totals.codings));
      expect(await treeCount(page, t.id, 'participants')).toBe(String(t.totals.participants));
      expect(await treeCount(page, t.id, 'transcripts')).toBe(String(t.totals.transcripts));
    }
    await page.getByLabel('Include sub-themes in counts and extracts').uncheck();
    const trust = api.themes.find((t) => t.id === seed.themes.trust)!;
    expect(trust.counts.codings).not.toBe(trust.totals.codings);
    expect(await treeCount(page, trust.id, 'codings')).toBe(String(trust.counts.codings));

    await page.locator(`.theme-tree li[data-theme="${trust.id}"] button`).click();
    await page.getByRole('heading', { name: 'Trust', level: 2 }).waitFor();
    const expected = api.extracts.filter((e) => e.themeId === trust.id);
    const shown = page.locator('.extracts .extract');
    expect(await shown.count()).toBe(expected.length);
    const cites = await page.locator('.extracts .extract .cite').allTextContents();
    expect(cites).toEqual(expected.map((e) => `Interview ${e.pseudonym}, ${e.lineRange}`));
    expect(await shown.first().locator('blockquote').textContent()).toBe(expected[0]!.quote);
    await page.screenshot({ path: artifactPath('theme-browser-auditor.png'), fullPage: true });

    // Jump from an extract further down (bob's l. 20-22) to its first line in the transcript.
    const later = expected.find((e) => e.lines.first > 1 && e.source === 'coder')!;
    await page.locator(`.extracts .extract[data-extract="${later.codingId}"] .cite`).click();
    await page.waitForURL(`${server.url}/transcripts/${later.transcriptId}#l-${later.lines.first}`);
    await page.locator(`#l-${later.lines.first}`).waitFor();
    await page.context().close();
  });

  it('shows a blind coder only their own extracts and says that others are withheld', async () => {
    const page = await pageAs(seed.users.bob.api);
    await page.goto(`${server.url}/studies/${seed.sid}/themes?theme=${seed.themes.safety}`);
    await page.getByRole('heading', { name: 'Felt safety', level: 2 }).waitFor();
    const api = await browseApi(page);
    // P02 is still coded blind: alice's layer there is withheld; P01 is in reconciliation.
    expect(api.scope.hiddenLayers).toBe(1);
    await page.getByRole('note').filter({ hasText: '1 coder layer is not included' }).waitFor();
    const heads = (pseudonym: string) => page.getByRole('region', { name: `extracts of ${pseudonym}` }).locator('.extract-head').allTextContents();
    const head = (e: Browse['extracts'][number]) => `Interview ${e.pseudonym}, ${e.lineRange} · ${e.source === 'consensus' ? 'consensus' : e.coderName}`;
    expect(await heads('P02')).toEqual(['Interview P02, l. 15-17 · bob']);
    // P01 is revealed: both coders' extracts (and any consensus written at reveal) are shown.
    const p01 = await heads('P01');
    expect(p01).toEqual(expect.arrayContaining(['Interview P01, l. 10-12 · bob', 'Interview P01, l. 10-14 · alice']));
    expect(p01.sort()).toEqual(api.extracts.filter((e) => e.themeId === seed.themes.safety && e.pseudonym === 'P01').map(head).sort());
    await page.screenshot({ path: artifactPath('theme-browser-blind-coder.png'), fullPage: true });
    await page.context().close();
  });

  it('shows the lead each coder’s progress as the API counts it, and refuses coders', async () => {
    const page = await pageAs(seed.users.lead.api);
    await page.goto(`${server.url}/studies/${seed.sid}`);
    await page.getByRole('navigation', { name: 'study views' }).screenshot({ path: artifactPath('study-view-links.png') });
    await page.getByRole('link', { name: 'Progress' }).click();
    await page.getByRole('table', { name: 'coding progress' }).waitFor();
    const api = (await (await page.request.get(`${server.url}/api/studies/${seed.sid}/progress`)).json()) as {
      transcripts: Array<{ id: string; phase: string; lines: number; coders: Array<{ coderId: string; codings: number; linesCoded: number; share: number }> }>;
    };
    for (const t of api.transcripts) {
      const row = page.locator(`tr[data-transcript="${t.id}"]`);
      expect(await row.locator('.phase').textContent()).toBe(t.phase);
      for (const c of t.coders) {
        const cell = row.locator(`td[data-coder="${c.coderId}"]`);
        expect(await cell.locator('.share').textContent()).toBe(`${Math.round(c.share * 100)}%`);
        expect(await cell.textContent()).toContain(`${c.codings} codings`);
      }
    }
    // The totals row: a coder's lines coded over all lines of all transcripts.
    const allLines = api.transcripts.reduce((n, t) => n + t.lines, 0);
    for (const coderId of [seed.users.alice.id, seed.users.bob.id]) {
      const coded = api.transcripts.reduce((n, t) => n + (t.coders.find((c) => c.coderId === coderId)?.linesCoded ?? 0), 0);
      expect(await page.locator(`td[data-coder-total="${coderId}"] .share`).textContent()).toBe(`${Math.round((coded / allLines) * 100)}%`);
    }
    await page.screenshot({ path: artifactPath('progress-lead.png'), fullPage: true });
    await page.context().close();

    const coder = await pageAs(seed.users.alice.api);
    await coder.goto(`${server.url}/studies/${seed.sid}`);
    await coder.getByRole('link', { name: 'Agreement' }).waitFor();
    expect(await coder.getByRole('link', { name: 'Progress' }).count()).toBe(0);
    await coder.goto(`${server.url}/studies/${seed.sid}/progress`);
    await coder.getByRole('alert').filter({ hasText: 'may not' }).waitFor();
    await coder.context().close();
  });

  it('fits the study page into a 390 px phone without sideways scrolling', async () => {
    const page = await (await signedInContext(await browser.newContext({ viewport: { width: 390, height: 844 } }), server.url, seed.users.lead.api)).newPage();
    await page.goto(`${server.url}/studies/${seed.sid}`);
    await page.getByRole('navigation', { name: 'study views' }).waitFor();
    // Whatever sticks out past the window's right edge, named, so a failure says what to fix.
    const wider = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      const out = [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((e) => e.getBoundingClientRect().right > vw + 0.5 && e.getClientRects().length > 0)
        .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''} (${Math.round(e.getBoundingClientRect().right)} px)`);
      return { page: document.documentElement.scrollWidth - vw, out: out.slice(0, 10) };
    });
    await page.screenshot({ path: artifactPath('study-page-390.png'), fullPage: true });
    expect(wider.out).toEqual([]);
    expect(wider.page).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
