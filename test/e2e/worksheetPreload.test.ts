import { describe, expect, it } from 'vitest';
import { browserTestsReady } from '../helpers/browser';
import { worksheetSuite } from './worksheetSeed';

const ready = browserTestsReady();

/**
 * Issue 16 first paint: the app shell names the worksheet's chunks and its data request
 * (server/http/pageHints.ts), so the browser asks for them while parsing the HTML, and the page's
 * own fetches take those answers: each request leaves once, before the entry script has arrived.
 */
describe.skipIf(!ready)('worksheet code and data hinted by the app shell (Chromium)', () => {
  const w = worksheetSuite();

  it('asks for the worksheet data and the sign-in check once each, before the entry script is in', async () => {
    const context = await w.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const token = w.seed.users.alice.api.cookie!.split('=')[1]!;
      await context.addCookies([{ name: 'concord_session', value: token, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' }]);
      const page = await context.newPage();
      const events: string[] = [];
      const gets = new Map<string, number>();
      page.on('request', (r) => {
        const p = new URL(r.url()).pathname;
        events.push(`sent ${p}`);
        if (r.method() === 'GET' && p.startsWith('/api/')) gets.set(p, (gets.get(p) ?? 0) + 1);
      });
      page.on('requestfinished', (r) => events.push(`done ${new URL(r.url()).pathname}`));
      await page.goto(`${w.server.url}/transcripts/${w.seed.tid}`);
      await page.locator('#l-1').waitFor();
      await expect.poll(() => page.getByTestId('note').count(), { timeout: 15_000 }).toBeGreaterThan(0);

      const worksheet = `/api/transcripts/${w.seed.tid}/worksheet`;
      expect(gets.get(worksheet)).toBe(1);
      expect(gets.get('/api/auth/me')).toBe(1);
      expect(gets.get('/api/auth/status')).toBe(1);
      const entryDone = events.findIndex((e) => /^done \/assets\/index-[\w-]+\.js$/.test(e));
      expect(entryDone).toBeGreaterThan(-1);
      expect(events.indexOf(`sent ${worksheet}`)).toBeLessThan(entryDone);
      const chunkSent = events.findIndex((e) => /^sent \/assets\/Workspace-[\w-]+\.js$/.test(e));
      expect(chunkSent).toBeGreaterThan(-1);
      expect(chunkSent).toBeLessThan(entryDone);
    } finally {
      await context.close();
    }
  });
});
