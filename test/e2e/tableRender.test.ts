import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCoding } from '../../shared/coding';
import { codebookDocName, consensusDocName } from '../../shared/docNames';
import { addTheme } from '../../shared/themes';
import { linesOf } from '../../shared/transcript';
import type { RunningServer } from '../../server/server';
import { withDoc } from '../../server/ydocs/withDoc';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { type StudyFixture, seedStudy } from '../helpers/collab';
import { signedInContext } from './studyViewsSeed';

const ready = browserTestsReady();
const THEMES = 40;
const text = ['Interviewer: how were the nights?', 'P02: the team noticed me', 'when I was struggling, and that', 'mattered. Then nights came.', 'I was so tired I cried.'].join('\n');

/**
 * The table of themes renders a long table in steps, top first (issue 15 "Performance",
 * client/src/tables/useProgressiveRows.ts), and the extracts behind "n more" when opened: the
 * reader still gets every row (at once before printing) and every extract.
 */
describe.skipIf(!ready)('table of themes rendering in Chromium', () => {
  let env: BrowserAndServer;
  let server: RunningServer;
  let browser: Browser;
  let f: StudyFixture;

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ server, browser } = env);
    const s = server.services;
    f = await seedStudy(s, 'open');
    const lead = f.api('lead');
    const by = f.users.lead!.id;
    const themes = await withDoc(s, codebookDocName(f.studyId), (doc) => Array.from({ length: THEMES }, (_, i) => addTheme(doc, { label: `Theme ${String(i + 1).padStart(2, '0')}`, createdBy: by })));
    const p2 = (await lead.post(`/api/studies/${f.studyId}/participants`, { pseudonym: 'P02' })).json.participant.id as string;
    const tid = (await lead.post(`/api/studies/${f.studyId}/transcripts`, { participantId: p2, title: 'Interview P02', text })).json.transcript.id as string;
    expect((await lead.post(`/api/transcripts/${tid}/phase`, { phase: 'reconciling' })).status).toBe(200);
    const lines = linesOf(text);
    // Every theme has three separate passages (lines 1, 3, 5) in P02's consensus: 2 shown, "1 more".
    await withDoc(s, consensusDocName(tid), (doc) => {
      for (const themeId of themes) for (const n of [1, 3, 5]) addCoding(doc, text.length, { themeId, start: lines[n - 1]!.start, end: lines[n - 1]!.end, createdAt: 1 });
    }, by);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('shows the first rows first, every row once done or before printing, and the extracts behind "n more" when opened', async () => {
    const context = await signedInContext(await browser.newContext({ viewport: { width: 1280, height: 800 } }), server.url, f.api('lead'));
    // When the table first appears: how many rows it has, and how many right after a beforeprint.
    await context.addInitScript(`new MutationObserver((_, mo) => {
      if (!document.querySelector('table.tt')) return;
      mo.disconnect();
      const rows = () => document.querySelectorAll('table.tt tr[data-theme]').length;
      const first = rows();
      window.dispatchEvent(new Event('beforeprint'));
      window.__firstRows = { first, afterPrint: rows() };
    }).observe(document, { subtree: true, childList: true });`);
    const page = await context.newPage();
    await page.goto(`${server.url}/studies/${f.studyId}/table`);
    await page.locator('table.tt[aria-busy="false"]').waitFor();
    const seen = (await page.evaluate('window.__firstRows')) as { first: number; afterPrint: number };
    expect(seen.first).toBeGreaterThan(0);
    expect(seen.first).toBeLessThan(THEMES);
    expect(seen.afterPrint).toBe(THEMES);
    expect(await page.locator('table.tt tr[data-theme]').count()).toBe(THEMES);

    const cell = page.locator('tr[data-theme="Theme 40"] td[data-participant="P02"]');
    expect(await cell.locator('.tt-count').textContent()).toBe('3');
    expect(await cell.locator('.cite').allTextContents()).toEqual(['(P02, l. 1)', '(P02, l. 3)']);
    await cell.getByText('1 more').click();
    await cell.getByText('(P02, l. 5)').waitFor();
    expect(await cell.locator('.cite').allTextContents()).toEqual(['(P02, l. 1)', '(P02, l. 3)', '(P02, l. 5)']);
    await page.screenshot({ path: artifactPath('table-render-1280.png') });
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.screenshot({ path: artifactPath('table-render-768.png') });
    await context.close();
  });
});
