import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { eventually } from '../helpers/env';
import { type WriteupStudy, seedWriteupStudy } from '../helpers/writeupStudy';
import { signedInContext } from './studyViewsSeed';

const ready = browserTestsReady();
// Each test opens one or two pages; generous on a loaded shared machine (other suites do likewise).

/**
 * Issue 15 item 5 in Chromium: the lead stars a key quote (the auditor sees the star appear live
 * and has no toggle), shows the key quotes only and hides the themes without evidence (the export
 * links follow), and orders the themes for the write-up with the keyboard and by dragging, within
 * their parent. Screenshots at 1280x800 and 768x1024.
 */
describe.skipIf(!ready)('table of themes write-up in Chromium', () => {
  let env: BrowserAndServer;
  let server: RunningServer;
  let browser: Browser;
  let seed: WriteupStudy;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ server, browser } = env);
    seed = await seedWriteupStudy(server.services);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await env?.close();
  });

  async function tableAs(who: 'lead' | 'auditor', width = 1280, height = 800): Promise<Page> {
    const context = await signedInContext(await browser.newContext({ viewport: { width, height } }), server.url, seed.f.api(who));
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/studies/${seed.f.studyId}/table`);
    await page.getByRole('table', { name: 'table of themes' }).waitFor();
    return page;
  }
  const row = (page: Page, label: string) => page.locator(`tr[data-theme="${label}"]`);
  const order = (page: Page) => page.locator('tr[data-theme]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-theme')));

  it('lets the lead star a key quote that the auditor sees live, and shows the key quotes only', async () => {
    const lead = await tableAs('lead');
    const auditor = await tableAs('auditor', 768, 1024);
    // The column of themes is headed in the study's terminology.
    await lead.getByRole('columnheader', { name: 'Key area > Superordinate theme > Theme' }).waitFor();
    // Statements are evidence in the cells.
    await row(lead, 'Fatigue').getByText('Exhaustion breaks through as tears').waitFor();
    const star = row(lead, 'Fatigue').getByRole('button', { name: 'key quote: P02, l. 4-5' });
    expect(await star.getAttribute('aria-pressed')).toBe('false');
    await star.click();
    await eventually(async () => (await star.getAttribute('aria-pressed')) === 'true' || null);
    // Live for the auditor, without reloading; the auditor has no toggle.
    await row(auditor, 'Fatigue').getByText('★ key quote').waitFor();
    expect(await auditor.locator('.tt-key-toggle').count()).toBe(0);
    expect(await auditor.locator('button.tt-move').count()).toBe(0);
    await auditor.screenshot({ path: artifactPath('table-writeup-auditor-768.png'), fullPage: true });
    // Key quotes only: P01's Fatigue extract goes, the count stays; the export links follow.
    await lead.getByLabel('Key quotes only').check();
    await eventually(async () => ((await row(lead, 'Fatigue').getByText('“I was so tired I cried.”').count()) === 0 ? true : null));
    await row(lead, 'Fatigue').getByText('mattered. Then nights came. I was so tired I cried.').waitFor();
    expect(await row(lead, 'Fatigue').locator('[data-participant="P01"] .tt-count').textContent()).toBe('1');
    expect(await lead.getByRole('navigation', { name: 'Export the table' }).getByRole('link', { name: 'Markdown' }).getAttribute('href')).toBe(`/api/studies/${seed.f.studyId}/themes/table?format=md&evidence=key`);
    await lead.screenshot({ path: artifactPath('table-writeup-key-1280.png'), fullPage: true });
    await lead.getByLabel('Key quotes only').uncheck();
  }, 90_000);

  it('hides the themes without evidence on request', async () => {
    const lead = await tableAs('lead');
    expect(await order(lead)).toEqual(['Relationships', 'Being seen', 'Noticed', 'Belonging', 'Fatigue', 'Empty area', 'Nothing here']);
    await lead.getByLabel('Hide themes without evidence').check();
    await eventually(async () => ((await order(lead)).length === 4 ? true : null));
    expect(await order(lead)).toEqual(['Relationships', 'Being seen', 'Noticed', 'Fatigue']);
    expect(await lead.getByTestId('hidden-themes').textContent()).toBe('3 themes without evidence hidden.');
    expect(await lead.getByRole('link', { name: 'Word (DOCX)' }).getAttribute('href')).toContain('unused=hide');
    await lead.screenshot({ path: artifactPath('table-writeup-hidden-1280.png'), fullPage: true });
  }, 90_000);

  it('orders the themes within their parent by keyboard and by dragging, seen live by the auditor', async () => {
    const lead = await tableAs('lead');
    const auditor = await tableAs('auditor');
    // Keyboard: Alt+Up on the focused Fatigue header moves it above Relationships.
    await row(lead, 'Fatigue').locator('th').focus();
    await lead.keyboard.press('Alt+ArrowUp');
    await eventually(async () => ((await order(lead))[0] === 'Fatigue' ? true : null));
    expect(await order(lead)).toEqual(['Fatigue', 'Relationships', 'Being seen', 'Noticed', 'Belonging', 'Empty area', 'Nothing here']);
    // Drag: Belonging dropped onto its sibling Being seen goes before it.
    await row(lead, 'Belonging').dragTo(row(lead, 'Being seen'));
    await eventually(async () => ((await order(lead))[2] === 'Belonging' ? true : null));
    // A drop on a theme under another parent is not taken: Noticed stays under Being seen.
    await row(lead, 'Noticed').dragTo(row(lead, 'Fatigue'));
    const expected = ['Fatigue', 'Relationships', 'Belonging', 'Being seen', 'Noticed', 'Empty area', 'Nothing here'];
    await eventually(async () => (JSON.stringify(await order(auditor)) === JSON.stringify(expected) ? true : null));
    expect(await order(lead)).toEqual(expected);
    // Every export follows the order.
    const md = (await seed.f.api('auditor').get(`/api/studies/${seed.f.studyId}/themes/table?format=md`)).text;
    const at = expected.map((l) => md.indexOf(l));
    expect(at.every((i) => i >= 0) && at.every((i, k) => k === 0 || i > at[k - 1]!)).toBe(true);
    await lead.setViewportSize({ width: 1280, height: 800 });
    await lead.screenshot({ path: artifactPath('table-writeup-ordered-1280.png'), fullPage: true });
    await lead.setViewportSize({ width: 768, height: 1024 });
    await lead.screenshot({ path: artifactPath('table-writeup-ordered-768.png'), fullPage: true });
  }, 90_000);
});
