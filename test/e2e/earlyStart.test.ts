import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { type ApiClient, joinStudy, seedUsers } from '../helpers/http';
import { signedInContext } from './studyViewsSeed';

const ready = browserTestsReady();
/** Polls until the page shows it; generous, since the machine may be busy (no sleeps). */
const poll = <T,>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 50 });
type Who = 'lead' | 'alice' | 'outsider';

/**
 * Issue 15 "Performance" in a browser: opening an IPA page's address starts its data with the
 * sign-in check (client/src/earlyRoutes.ts), and the page takes that answer instead of asking
 * again; a prefetch the server refuses shows the page's own error, from the one request.
 */
describe.skipIf(!ready)('early start of the IPA pages in Chromium', () => {
  let env: BrowserAndServer;
  let server: RunningServer;
  let browser: Browser;
  let sid: string;
  let apis: Record<Who, ApiClient>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ server, browser } = env);
    const { users } = await seedUsers(server.services, ['lead', 'alice', 'outsider']);
    apis = { lead: users.lead!.api, alice: users.alice!.api, outsider: users.outsider!.api };
    sid = (await apis.lead.post('/api/studies', { title: 'Alliance ruptures', codingMode: 'blind' })).json.study.id;
    await joinStudy(apis.lead, sid, 'alice@example.org', 'coder');
    await apis.lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P1' });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await env?.close();
  });

  /** Opens `path` as `who`, counting the GETs of each API path the page sends. */
  async function open(who: Who, path: string): Promise<{ page: Page; gets: Map<string, number>; events: string[] }> {
    const context = await signedInContext(await browser.newContext({ viewport: { width: 1280, height: 800 } }), server.url, apis[who]);
    contexts.push(context);
    const page = await context.newPage();
    const gets = new Map<string, number>();
    // In order: `sent <path>` and `done <path>` of every request, to tell a prefetch from the page's own request.
    const events: string[] = [];
    page.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      events.push(`sent ${p}`);
      if (r.method() === 'GET' && p.startsWith('/api/')) gets.set(p, (gets.get(p) ?? 0) + 1);
    });
    page.on('requestfinished', (r) => events.push(`done ${new URL(r.url()).pathname}`));
    await page.goto(`${server.url}${path}`);
    return { page, gets, events };
  }

  it('sends the codebook reconciliation request once and renders its answer', async () => {
    const { page, gets, events } = await open('lead', `/studies/${sid}/codebook`);
    await poll(() => page.getByRole('status').first().textContent()).toContain('not revealed yet');
    expect(gets.get(`/api/studies/${sid}/codebook/reconciliation`)).toBe(1);
    // Asked for with the sign-in check, before the page's own code had even arrived.
    const sent = events.indexOf(`sent /api/studies/${sid}/codebook/reconciliation`);
    const chunk = events.findIndex((e) => /^done \/assets\/CodebookReconcilePage-/.test(e));
    expect(chunk).toBeGreaterThan(-1);
    expect(sent).toBeLessThan(chunk);
  });

  it("sends each of the group board's study requests once and renders the board", async () => {
    const { page, gets } = await open('alice', `/studies/${sid}/boards`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBeTruthy();
    await poll(() => page.locator('.board').count()).toBeGreaterThan(0);
    for (const p of [`/api/studies/${sid}`, `/api/studies/${sid}/members`, `/api/studies/${sid}/participants`, `/api/studies/${sid}/transcripts`]) expect(gets.get(p), p).toBe(1);
  });

  it("sends the table of themes' page and study requests once, before its code has arrived, and renders the table", async () => {
    const { page, gets, events } = await open('lead', `/studies/${sid}/table`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Table of themes');
    // The lead's role came from the early study answer: the page says how to star key quotes.
    await poll(() => page.getByText('Star the key quotes of each theme').count()).toBe(1);
    expect(gets.get(`/api/studies/${sid}/themes/table`)).toBe(1);
    expect(gets.get(`/api/studies/${sid}`)).toBe(1);
    const sent = events.indexOf(`sent /api/studies/${sid}/themes/table`);
    const chunk = events.findIndex((e) => /^done \/assets\/TableOfThemesPage-/.test(e));
    expect(sent).toBeGreaterThan(-1);
    expect(chunk).toBeGreaterThan(-1);
    expect(sent).toBeLessThan(chunk);
  });

  it("shows the table's own error when its prefetch is refused, without asking again", async () => {
    const refused = await apis.outsider.get(`/api/studies/${sid}/themes/table?format=json&perCell=2`);
    expect(refused.status).toBeGreaterThanOrEqual(403);
    const { page, gets } = await open('outsider', `/studies/${sid}/table`);
    await poll(() => page.locator('p.error').textContent()).toBe(refused.json.error.message);
    expect(gets.get(`/api/studies/${sid}/themes/table`)).toBe(1);
  });

  it("shows the page's own error when the prefetch is refused, without asking again", async () => {
    const refused = await apis.outsider.get(`/api/studies/${sid}/codebook/reconciliation`);
    expect(refused.status).toBeGreaterThanOrEqual(403);
    const message = refused.json.error.message as string;
    expect(message).toBeTruthy();
    const { page, gets } = await open('outsider', `/studies/${sid}/codebook`);
    await poll(() => page.getByRole('alert').textContent()).toBe(message);
    expect(gets.get(`/api/studies/${sid}/codebook/reconciliation`)).toBe(1);

    const board = await open('outsider', `/studies/${sid}/boards`);
    const study = await apis.outsider.get(`/api/studies/${sid}`);
    await poll(() => board.page.locator('p.error').textContent()).toBe(study.json.error.message);
    expect(board.gets.get(`/api/studies/${sid}`)).toBe(1);
  });
});
