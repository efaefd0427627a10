import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { seriousA11yViolations } from '../helpers/axe';
import { browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { seedStudy, type SeededStudy } from './studyViewsSeed';
import { pageFor } from './worksheetSeed';

const ready = browserTestsReady();

describe.skipIf(!ready)('accessibility: axe-core finds no serious or critical WCAG 2.2 AA violation (Chromium)', () => {
  let env: BrowserAndServer;
  let server: RunningServer;
  let browser: Browser;
  let study: SeededStudy;

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ server, browser } = env);
    study = await seedStudy(server);
  });
  afterAll(async () => env?.close());

  async function check(who: SeededStudy['users']['lead'], path: string, ready: string, width = 1280) {
    const { context, page } = await pageFor(browser, server, who, path, { width, height: 800 });
    try {
      await page.locator(ready).first().waitFor();
      return await seriousA11yViolations(page);
    } finally {
      await context.close();
    }
  }

  it('the coding workspace, wide and narrow, with the keys overlay', async () => {
    expect(await check(study.users.alice, `/transcripts/${study.t2}`, '[data-status="saved"]', 1920)).toEqual([]);
    expect(await check(study.users.alice, `/transcripts/${study.t2}`, '[data-status="saved"]', 390)).toEqual([]);
    const { context, page } = await pageFor(browser, server, study.users.alice, `/transcripts/${study.t2}`, { width: 1280, height: 800 });
    try {
      await page.locator('[data-status="saved"]').waitFor();
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keys' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the reconciliation page', async () => {
    expect(await check(study.users.lead, `/transcripts/${study.t1}/reconcile`, '[aria-label="disagreements"]')).toEqual([]);
  });

  it('the agreement page', async () => {
    expect(await check(study.users.lead, `/studies/${study.sid}/agreement`, 'table')).toEqual([]);
  });

  it('the table of themes', async () => {
    expect(await check(study.users.lead, `/studies/${study.sid}/table`, 'h1')).toEqual([]);
  });
});
