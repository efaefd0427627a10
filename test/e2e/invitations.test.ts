import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { seedUsers } from '../helpers/http';
import { signedInContext } from './studyViewsSeed';

const ready = browserTestsReady();

describe.skipIf(!ready)('invitations for an existing account, in Chromium (issue 14 item 9)', () => {
  let env: BrowserAndServer;
  let browser: Browser;

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ browser } = env);
  });
  afterAll(async () => env?.close());

  it('shows the invitee their invitations; accepting one lists the study, declining one removes it', async () => {
    const { users } = await seedUsers(env.server.services, ['lead', 'ana']);
    const lead = users.lead!.api;
    const joined = (await lead.post('/api/studies', { title: 'Nurses at night' })).json.study.id as string;
    const declined = (await lead.post('/api/studies', { title: 'Midwives and loss' })).json.study.id as string;
    for (const sid of [joined, declined]) expect((await lead.post(`/api/studies/${sid}/invitations`, { email: 'ana@example.org', role: 'coder' })).status).toBe(201);

    for (const [width, height] of [[1280, 800], [1024, 768], [390, 844]] as const) {
      const context = await signedInContext(await browser.newContext({ viewport: { width, height } }), env.server.url, users.ana!.api);
      const page = await context.newPage();
      await page.goto(env.server.url);
      await page.getByRole('region', { name: 'invitations for you' }).getByText('Midwives and loss').waitFor();
      await page.screenshot({ path: artifactPath(`invitations-${width}x${height}.png`), fullPage: true });
      await context.close();
    }

    const context = await signedInContext(await browser.newContext({ viewport: { width: 1280, height: 800 } }), env.server.url, users.ana!.api);
    const page = await context.newPage();
    await page.goto(env.server.url);
    const studies = page.getByRole('list', { name: 'studies' });
    await page.getByRole('button', { name: 'accept Nurses at night' }).click();
    await studies.getByRole('link', { name: 'Nurses at night' }).waitFor();
    await page.getByRole('button', { name: 'decline Midwives and loss' }).click();
    await page.getByRole('region', { name: 'invitations for you' }).waitFor({ state: 'detached' });
    expect(await studies.getByRole('link').allTextContents()).toEqual(['Nurses at night']);
    await context.close();

    const leadContext = await signedInContext(await browser.newContext({ viewport: { width: 1280, height: 800 } }), env.server.url, lead);
    const leadPage = await leadContext.newPage();
    await leadPage.goto(`${env.server.url}/studies/${declined}`);
    await leadPage.getByRole('tab', { name: 'members' }).click();
    await leadPage.getByText('ana@example.org as coder: declined').waitFor();
    await leadPage.screenshot({ path: artifactPath('invitations-lead-1280x800.png'), fullPage: true });
    await leadContext.close();
  }, 120_000);
});
