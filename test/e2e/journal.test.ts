import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docName } from '../../shared/docNames';
import { readJournal } from '../../shared/reconcile/journal';
import { withDoc } from '../../server/ydocs/withDoc';
import type { RunningServer } from '../../server/server';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { eventually } from '../helpers/env';
import { pageFor, seedWorksheet, type WorksheetStudy } from './worksheetSeed';

const ready = browserTestsReady();
const ENTRY = 'I came in expecting the therapist to be the one who repairs; I should bracket that.';

/** Issue 15 item 6 in Chromium: a coder's journal screen, private until the themes are revealed. */
describe.skipIf(!ready)('the study journal in Chromium', () => {
  let env: BrowserAndServer;
  let server: RunningServer;
  let browser: Browser;
  let seed: WorksheetStudy;

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ server, browser } = env);
    seed = await seedWorksheet(server, 'blind', 1);
  });
  afterAll(async () => env?.close());

  it('lets a coder write an entry the server keeps, hidden from the others until reveal', async () => {
    const { context, page } = await pageFor(browser, server, seed.users.alice, `/studies/${seed.sid}/journal`);
    await page.getByRole('heading', { name: 'Study journal' }).waitFor();
    await page.getByRole('button', { name: 'Add entry' }).click();
    await page.getByRole('alert').getByText('Write something first').waitFor();
    await page.getByLabel('New entry').fill(ENTRY);
    await page.getByRole('button', { name: 'Add entry' }).click();
    await page.getByRole('region', { name: 'Your journal' }).getByText(ENTRY).waitFor();
    await eventually(async () => (await withDoc(server.services, docName({ kind: 'journal', studyId: seed.sid, ownerId: seed.users.alice.id }), (d) => readJournal(d).entries.map((e) => e.text))).join() === ENTRY);
    expect(await page.getByText('other coders\' journals are private').count()).toBe(1);
    await page.screenshot({ path: artifactPath('journal-1280.png'), fullPage: true });
    for (const viewport of [{ width: 1024, height: 768 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: artifactPath(`journal-${viewport.width}.png`), fullPage: true });
    }
    await context.close();

    const bob = await pageFor(browser, server, seed.users.bob, `/studies/${seed.sid}/journal`);
    await bob.page.getByRole('heading', { name: 'Your journal' }).waitFor();
    expect(await bob.page.content()).not.toContain('bracket that');
    await bob.context.close();

    expect((await seed.users.lead.api.post(`/api/studies/${seed.sid}/themes/reveal`, {})).status).toBe(200);
    const lead = await pageFor(browser, server, seed.users.lead, `/studies/${seed.sid}/journal`);
    await lead.page.getByRole('region', { name: 'alice\'s journal' }).getByText(ENTRY).waitFor();
    await lead.context.close();
  });
});
