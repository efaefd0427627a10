import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCoding, addNote, addStatement } from '../../shared/coding';
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
const LONG_WORD = `https://example.org/${'nightshiftdiary'.repeat(7)}`;
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
  let p2Id: string;
  let p8Id: string;

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ server, browser } = env);
    const s = server.services;
    f = await seedStudy(s, 'open');
    const lead = f.api('lead');
    const by = f.users.lead!.id;
    const themes = await withDoc(s, codebookDocName(f.studyId), (doc) => Array.from({ length: THEMES }, (_, i) => addTheme(doc, { label: `Theme ${String(i + 1).padStart(2, '0')}`, createdBy: by })));
    const p2 = (p2Id = (await lead.post(`/api/studies/${f.studyId}/participants`, { pseudonym: 'P02' })).json.participant.id as string);
    const tid = (await lead.post(`/api/studies/${f.studyId}/transcripts`, { participantId: p2, title: 'Interview P02', text })).json.transcript.id as string;
    expect((await lead.post(`/api/transcripts/${tid}/phase`, { phase: 'reconciling' })).status).toBe(200);
    const lines = linesOf(text);
    // Every theme has three separate passages (lines 1, 3, 5) in P02's consensus: 2 shown, "1 more".
    await withDoc(s, consensusDocName(tid), (doc) => {
      for (const themeId of themes) for (const n of [1, 3, 5]) addCoding(doc, text.length, { themeId, start: lines[n - 1]!.start, end: lines[n - 1]!.end, createdAt: 1 });
      // Exploratory notes on lines 1 and 5: shown under the evidence only once the study asks.
      addNote(doc, text.length, { kind: 'descriptive', text: 'Nights named as the topic', start: lines[0]!.start, end: lines[0]!.end });
      addNote(doc, text.length, { kind: 'linguistic', text: 'Tiredness told through tears', start: lines[4]!.start, end: lines[4]!.end });
      // Three experiential statements linked to "Theme 39": paged like the extracts (2 shown),
      // the third behind the cell's one "n more" with its third extract.
      for (const n of [2, 4, 5]) addStatement(doc, text.length, { text: `Felt seen, line ${n}`, themeIds: [themes[38]!], start: lines[n - 1]!.start, end: lines[n - 1]!.end, createdAt: 1 });
    }, by);
    // Six more participants, so the grid is wider than a tablet: each with a passage of the first
    // themes, one of them an address with no break opportunity (it must wrap inside its cell).
    for (let i = 3; i <= 8; i++) {
      const pid = (await lead.post(`/api/studies/${f.studyId}/participants`, { pseudonym: `P0${i}` })).json.participant.id as string;
      if (i === 8) p8Id = pid;
      const own = `Interviewer: and you?\nP0${i}: I read ${LONG_WORD} every night.`;
      const id = (await lead.post(`/api/studies/${f.studyId}/transcripts`, { participantId: pid, title: `Interview P0${i}`, text: own })).json.transcript.id as string;
      expect((await lead.post(`/api/transcripts/${id}/phase`, { phase: 'reconciling' })).status).toBe(200);
      const second = linesOf(own)[1]!;
      await withDoc(s, consensusDocName(id), (doc) => {
        for (const themeId of themes.slice(0, i)) addCoding(doc, own.length, { themeId, start: second.start, end: second.end, createdAt: 1 });
      }, by);
    }
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
    // The screen asks for the first extracts of each cell, and a cell's others when "n more" opens.
    const tableRequests: URL[] = [];
    const cellRequests: URL[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === `/api/studies/${f.studyId}/themes/table`) tableRequests.push(url);
      if (url.pathname === `/api/studies/${f.studyId}/themes/table/cell`) cellRequests.push(url);
    });
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
    expect(tableRequests.map((u) => u.searchParams.get('perCell'))).toEqual(['2']);
    expect(cellRequests).toEqual([]);
    await cell.getByText('1 more').click();
    await cell.getByText('(P02, l. 5)').waitFor();
    expect(await cell.locator('.cite').allTextContents()).toEqual(['(P02, l. 1)', '(P02, l. 3)', '(P02, l. 5)']);
    const themeId = cellRequests[0]?.searchParams.get('themeId');
    expect(cellRequests.map((u) => [u.searchParams.get('participantId'), u.searchParams.get('from')])).toEqual([[p2Id, '2']]);
    // The fetched extract is the lead's to star like the others: marking it refetches the table
    // (paged again) and the opened cell fetches its rest again, now starred.
    await cell.getByRole('button', { name: 'key quote: P02, l. 5' }).click();
    await cell.locator('li.key').getByText('(P02, l. 5)').waitFor();
    expect(cellRequests.length).toBeGreaterThanOrEqual(2);
    expect(cellRequests.every((u) => u.searchParams.get('themeId') === themeId && u.searchParams.get('from') === '2')).toBe(true);
    expect(tableRequests.length).toBeGreaterThanOrEqual(2);
    expect(tableRequests.every((u) => u.searchParams.get('perCell') === '2')).toBe(true);

    // Statements are paged too: two shown, the third and the third extract behind one "2 more",
    // fetched together from where the page stopped (from=2, statementsFrom=2).
    const withStatements = page.locator('tr[data-theme="Theme 39"] td[data-participant="P02"]');
    expect(await withStatements.getByRole('list', { name: 'experiential statements of P02' }).locator('li').count()).toBe(2);
    expect(await withStatements.getByText('Felt seen, line 5').count()).toBe(0);
    const before = cellRequests.length;
    await withStatements.getByText('2 more').click();
    await withStatements.getByText('Felt seen, line 5').waitFor();
    // The control is a button that says whether it is open (no <details>: one shadow tree less per cell).
    expect(await withStatements.getByRole('button', { name: '2 more' }).getAttribute('aria-expanded')).toBe('true');
    expect(await withStatements.locator('details').count()).toBe(0);
    expect(cellRequests.slice(before).map((u) => [u.searchParams.get('participantId'), u.searchParams.get('from'), u.searchParams.get('statementsFrom')])).toEqual([[p2Id, '2', '2']]);
    expect(await withStatements.getByRole('list', { name: 'more experiential statements of P02' }).locator('li').allTextContents()).toEqual([expect.stringContaining('Felt seen, line 5')]);
    expect(await withStatements.locator('.cite').allTextContents()).toEqual(['(P02, l. 1)', '(P02, l. 3)', '(P02, l. 2)', '(P02, l. 4)', '(P02, l. 5)', '(P02, l. 5)']);
    await withStatements.screenshot({ path: artifactPath('table-render-statements.png') });
    await page.screenshot({ path: artifactPath('table-render-1280.png') });

    // A citation is a plain link that the row's one listener follows inside the app (no link has
    // a handler of its own): Enter on the focused link opens the transcript at the line, no reload.
    await page.evaluate('window.__sameDocument = true');
    const link = cell.locator('a.cite').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/transcripts\/[\w-]+#l-1$/);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => `${u.pathname}${u.hash}` === href);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    await context.close();
  });

  for (const [width, height] of [[1280, 800], [768, 1024], [390, 844]] as const) {
    it(`says "absent" for a reconciled participant without evidence and "pending" for one still in coding at ${width} px, in words a screen reader reads`, async () => {
      const context = await signedInContext(await browser.newContext({ viewport: { width, height } }), server.url, f.api('lead'));
      const page = await context.newPage();
      await page.goto(`${server.url}/studies/${f.studyId}/table`);
      await page.locator('table.tt[aria-busy="false"]').waitFor();
      // Theme 40: only P02 has evidence; P03-P08 are reconciled without it; the fixture's P01 is still in coding.
      const row = page.locator('tr[data-theme="Theme 40"]');
      // Below the fold the cells are in the document, their contents not drawn yet (content-visibility: auto).
      expect((await row.locator('td.tt-cell').allTextContents()).slice(1)).toEqual([...Array<string>(6).fill('absent'), 'pending']);
      await row.scrollIntoViewIfNeeded();
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const cells = await row.locator('td.tt-cell').evaluateAll((tds) =>
        tds.map((td) => ({ who: td.getAttribute('data-participant'), text: (td as HTMLElement).innerText.trim(), shown: td.getBoundingClientRect().width > 0 && getComputedStyle(td).visibility === 'visible' })),
      );
      expect(cells.map((c) => c.who)).toEqual(['P02', 'P03', 'P04', 'P05', 'P06', 'P07', 'P08', 'P01']);
      expect(cells.slice(1).map((c) => c.text)).toEqual([...Array<string>(6).fill('absent'), 'pending']);
      expect(cells.every((c) => c.shown)).toBe(true);
      if (width >= 900) {
        // The grid's cells are named the same way (the column header gives the participant). The
        // stacked layout (display: block) has no cell roles to ask for: its cells say the
        // participant themselves (::before) and their text above.
        expect(await row.getByRole('cell', { name: 'absent', exact: true }).count()).toBe(6);
        expect(await row.getByRole('cell', { name: 'pending', exact: true }).count()).toBe(1);
        expect(await page.getByRole('columnheader', { name: 'P01 (pending)' }).count()).toBe(1);
      }
      expect(await row.getByTestId('recurrence').innerText()).toContain('7 of 8 reconciled, present in 1');
      if (width >= 900) {
        // The grid is wider than the page: its right end (the pending column and recurrence) in view.
        await page.locator('.tt-scroll').evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        await page.screenshot({ path: artifactPath(`table-render-absent-pending-${width}.png`) });
        // Printing draws every cell (no content-visibility skipping on paper).
        await page.emulateMedia({ media: 'print' });
        expect(await row.locator('td.tt-cell').first().evaluate((td) => getComputedStyle(td).contentVisibility)).toBe('visible');
        await page.emulateMedia({ media: 'screen' });
        expect(await row.locator('td.tt-cell').first().evaluate((td) => getComputedStyle(td).contentVisibility)).toBe('auto');
      } else await row.screenshot({ path: artifactPath(`table-render-absent-pending-${width}.png`) });
      await context.close();
    });
  }

  for (const [width, height] of [[768, 1024], [390, 844]] as const) {
    it(`stacks each theme's cells at ${width} px: no sideways scroll, every cell inside the viewport, the banner's words whole`, async () => {
      const context = await signedInContext(await browser.newContext({ viewport: { width, height } }), server.url, f.api('lead'));
      const page = await context.newPage();
      await page.goto(`${server.url}/studies/${f.studyId}/table`);
      await page.locator('table.tt[aria-busy="false"]').waitFor();
      const measured = await page.evaluate(() => {
        const inside = (r: DOMRect) => r.left >= 0 && r.right <= window.innerWidth + 0.5;
        const cells = [...document.querySelectorAll('table.tt td, table.tt th[scope="row"]')];
        const notice = document.querySelector('.notice')!;
        const style = getComputedStyle(notice);
        return {
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          cells: cells.length,
          outside: cells.filter((c) => !inside(c.getBoundingClientRect())).map((c) => c.textContent?.slice(0, 40)),
          // The long address wraps inside its cell rather than widening it.
          longWords: [...document.querySelectorAll('table.tt .tt-extracts li')].filter((li) => li.textContent?.includes('nightshiftdiary')).map((li) => inside(li.getBoundingClientRect())),
          notice: { wordBreak: style.wordBreak, overflowWrap: style.overflowWrap, inside: inside(notice.getBoundingClientRect()) },
          // Stacked: a row's cells sit one under the other, not side by side.
          stacked: (() => {
            const row = document.querySelector('table.tt tr[data-theme="Theme 01"]')!;
            const [a, b] = [...row.querySelectorAll('td')].map((td) => td.getBoundingClientRect());
            return a !== undefined && b !== undefined && b.top >= a.bottom - 0.5;
          })(),
        };
      });
      await page.screenshot({ path: artifactPath(`table-render-${width}.png`) });
      await page.locator('tr[data-theme="Theme 01"]').screenshot({ path: artifactPath(`table-render-${width}-row.png`) });
      expect(measured.scrollWidth).toBeLessThanOrEqual(measured.innerWidth);
      expect(measured.cells).toBeGreaterThan(THEMES * 8);
      expect(measured.outside).toEqual([]);
      expect(measured.longWords.length).toBeGreaterThan(0);
      expect(measured.longWords.every(Boolean)).toBe(true);
      expect(measured.notice).toEqual({ wordBreak: 'normal', overflowWrap: 'anywhere', inside: true });
      expect(measured.stacked).toBe(true);
      await context.close();
    });
  }

  for (const [width, height] of [[768, 1024], [390, 844]] as const) {
    it(`stacks a participant's personal themes (the case view) at ${width} px: no sideways scroll, every cell inside the viewport`, async () => {
      const context = await signedInContext(await browser.newContext({ viewport: { width, height } }), server.url, f.api('lead'));
      const page = await context.newPage();
      await page.goto(`${server.url}/studies/${f.studyId}/table?case=${p8Id}`);
      const caseTable = page.getByRole('table', { name: 'personal themes' });
      await caseTable.waitFor();
      const measured = await page.evaluate(() => {
        const inside = (r: DOMRect) => r.left >= 0 && r.right <= window.innerWidth + 0.5;
        const table = document.querySelector('table.tt.case')!;
        const cells = [...table.querySelectorAll('td, th[scope="row"]')];
        const first = table.querySelector('tbody tr')!;
        const [th, td] = [first.querySelector('th')!, first.querySelector('td')!].map((e) => e.getBoundingClientRect());
        return {
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          cells: cells.length,
          outside: cells.filter((c) => !inside(c.getBoundingClientRect())).map((c) => c.textContent?.slice(0, 40)),
          longWords: [...table.querySelectorAll('q')].filter((q) => q.textContent?.includes('nightshiftdiary')).map((q) => inside(q.getBoundingClientRect())),
          stacked: td!.top >= th!.bottom - 0.5,
        };
      });
      await page.screenshot({ path: artifactPath(`table-case-${width}.png`), fullPage: true });
      expect(measured.scrollWidth).toBeLessThanOrEqual(measured.innerWidth);
      // P08 has a passage of each of the first 8 themes: a heading and a cell each.
      expect(measured.cells).toBe(16);
      expect(measured.outside).toEqual([]);
      expect(measured.longWords.length).toBe(8);
      expect(measured.longWords.every(Boolean)).toBe(true);
      expect(measured.stacked).toBe(true);
      await context.close();
    });
  }

  it("shows the exploratory notes under the evidence once the lead sets the study's tableNotes to beside-evidence, in the fetched rest of a cell too", async () => {
    const context = await signedInContext(await browser.newContext({ viewport: { width: 1280, height: 800 } }), server.url, f.api('lead'));
    const page = await context.newPage();
    await page.goto(`${server.url}/studies/${f.studyId}/table`);
    await page.locator('table.tt[aria-busy="false"]').waitFor();
    expect(await page.locator('.tt-notes').count()).toBe(0);

    await page.goto(`${server.url}/studies/${f.studyId}`);
    await page.getByRole('tab', { name: /settings/i }).click();
    const settings = page.getByRole('form', { name: 'settings' });
    await settings.locator('select[name="tableNotes"]').selectOption('beside-evidence');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Saved.').waitFor();
    expect((await f.api('lead').get(`/api/studies/${f.studyId}`)).json.study.tableNotes).toBe('beside-evidence');

    await page.goto(`${server.url}/studies/${f.studyId}/table`);
    await page.locator('table.tt[aria-busy="false"]').waitFor();
    const cell = page.locator('tr[data-theme="Theme 40"] td[data-participant="P02"]');
    expect(await cell.locator('.tt-notes li').allTextContents()).toEqual(['Exploratory note (descriptive), l. 1: Nights named as the topic']);
    await cell.getByText('1 more').click();
    await cell.getByText('Tiredness told through tears').waitFor();
    expect(await cell.locator('.tt-notes li').allTextContents()).toEqual(['Exploratory note (descriptive), l. 1: Nights named as the topic', 'Exploratory note (linguistic), l. 5: Tiredness told through tears']);
    // P03 has no note: nothing under its evidence.
    expect(await page.locator('tr[data-theme="Theme 01"] td[data-participant="P03"] .tt-notes').count()).toBe(0);
    await cell.screenshot({ path: artifactPath('table-render-notes.png') });
    await context.close();
  });
});
