import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';

const ready = browserTestsReady();

describe.skipIf(!ready)('web shell in Chromium', () => {
  let env: BrowserAndServer;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ browser } = env);
    url = env.server.url;
  });
  afterAll(async () => env?.close());

  it('walks setup -> sign in -> create study -> add participant and transcript -> numbered lines', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The server's Content-Security-Policy is on (issue 14 item 11): the app must not trip it.
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => violations.push(String(e)));
    const first = await page.goto(url);
    expect(first?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");

    // First visit: the first account needs the setup token the server printed (issue 14 item 14).
    await page.getByRole('heading', { name: 'Welcome to Concord' }).waitFor();
    await page.getByText('enter the setup token it printed on its console').waitFor();
    await page.getByLabel('Setup token').fill('not-the-token-the-server-printed');
    await page.getByLabel('Your name').fill('Lena Lead');
    await page.getByLabel('Email').fill('lena@uni.example');
    await page.getByLabel('Password (at least 8 characters)').fill('lena-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('alert').filter({ hasText: 'concord setup-token' }).waitFor();
    await page.screenshot({ path: artifactPath('shell-setup-token-refused.png'), fullPage: true });
    await page.getByLabel('Setup token').fill(env.server.setupToken!.token);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Studies' }).waitFor();

    // Sign out and back in through the login page.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Concord' }).waitFor();
    await page.getByLabel('Email').fill('lena@uni.example');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'wrong email or password' }).waitFor();
    await page.getByLabel('Password').fill('lena-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Studies' }).waitFor();

    await page.getByLabel('Title').fill('Psychotherapists and the working alliance');
    await page.getByRole('button', { name: 'Create study' }).click();
    await page.getByRole('heading', { name: 'Psychotherapists and the working alliance' }).waitFor();

    await page.getByLabel('Pseudonym').fill('P01');
    await page.getByRole('button', { name: 'Add participant' }).click();
    await page.getByRole('cell', { name: 'P01' }).waitFor();

    const paragraph = 'I think the alliance is something you feel before you can name it, a kind of settling in the room when the client starts to trust that you will stay.';
    await page.getByRole('textbox', { name: 'Title' }).fill('Interview 1');
    await page.getByLabel('Text (paste').fill(`Interviewer: Can you tell me about a time the alliance held?\nP01: ${paragraph} ${paragraph}`);
    await page.getByRole('button', { name: 'Add transcript' }).click();
    await page.getByRole('link', { name: 'Interview 1' }).click();

    const lines = page.getByRole('list', { name: 'transcript lines' }).locator('li');
    await lines.first().waitFor();
    const count = await lines.count();
    expect(count).toBeGreaterThanOrEqual(4);
    expect(await lines.nth(0).locator('.ln').textContent()).toBe('1');
    expect(await lines.nth(count - 1).locator('.ln').textContent()).toBe(String(count));
    expect(await lines.nth(0).locator('.text-col').textContent()).toContain('Interviewer: Can you tell me');
    for (let i = 0; i < count; i++) expect(((await lines.nth(i).locator('.text-col').textContent()) ?? '').length).toBeLessThanOrEqual(80);

    // A reload keeps the route (the server answers index.html for app paths).
    await page.reload();
    await lines.first().waitFor();
    await page.screenshot({ path: artifactPath('shell-transcript.png'), fullPage: true });
    expect(violations).toEqual([]);
    await context.close();
  });

  it('uploads a subtitle file, previews its speakers, and imports it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.getByLabel('Email').fill('lena@uni.example');
    await page.getByLabel('Password').fill('lena-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Psychotherapists and the working alliance' }).click();
    await page.getByLabel('transcript files').setInputFiles(join(process.cwd(), 'test', 'fixtures', 'transcripts', 'teams-meeting.vtt'));
    const item = page.getByRole('region', { name: 'import transcripts' });
    await item.getByText(/speakers: Interviewer \(\d+\), Zoë Ångström/).waitFor();
    await page.getByLabel('participant for teams-meeting.vtt').fill('P02');
    await page.getByRole('button', { name: 'Import teams-meeting.vtt' }).click();
    await item.getByText('Imported.').waitFor();
    // The title drops the file's extension.
    await page.getByRole('link', { name: 'teams-meeting', exact: true }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'teams-meeting' }).getByRole('cell').first().textContent()).toBe('P02');
    await page.screenshot({ path: artifactPath('shell-import.png'), fullPage: true });
    await context.close();
  });
});
