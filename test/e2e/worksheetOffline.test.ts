import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readLayer } from '../../shared/coding';
import { docName } from '../../shared/docNames';
import { withDoc } from '../../server/ydocs/withDoc';
import { artifactPath, browserTestsReady } from '../helpers/browser';
import { eventually } from '../helpers/env';
import { heldSocketPage, pageFor, worksheetSuite } from './worksheetSeed';

const ready = browserTestsReady();

/** Selects line `n` of the transcript as a mouse selection would and waits for the composer. */
async function selectLine(page: Page, n: number) {
  await page.locator(`#l-${n} .text-col`).evaluate((el) => {
    const r = document.createRange();
    r.selectNodeContents(el);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(r);
    el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  });
  await page.getByText(new RegExp(`Selected l\\. ${n}\\b`)).waitFor();
}

describe.skipIf(!ready)('honest save status, offline and reload (Chromium)', () => {
  const w = worksheetSuite('blind');

  const bobLayer = () => withDoc(w.server.services, docName({ kind: 'layer', transcriptId: w.seed.tid, ownerId: w.seed.users.bob.id }), (doc) => readLayer(doc, w.seed.text.length));

  it('says Offline at once when the browser goes offline, and All changes saved when it is back', async () => {
    const { context, page } = await pageFor(w.browser, w.server, w.seed.users.bob, `/transcripts/${w.seed.tid}`, { width: 1280, height: 800 });
    try {
      const badge = page.getByRole('status', { name: /your coding/ });
      await badge.and(page.locator('[data-status="saved"]')).waitFor();
      expect(await badge.textContent()).toBe('All changes saved');
      const started = Date.now();
      await context.setOffline(true);
      await page.locator('[data-status="offline"]').waitFor({ timeout: 2000 });
      expect(Date.now() - started).toBeLessThan(2000);
      await page.screenshot({ path: artifactPath('worksheet-offline-1280.png') });
      await context.setOffline(false);
      await page.locator('[data-status="saved"]').waitFor();
    } finally {
      await context.close();
    }
  });

  it('warns before a reload with unsaved changes, and the changes survive the reload', async () => {
    const { context, page, hold } = await heldSocketPage(w.browser, w.seed.users.bob);
    try {
      await page.goto(`${w.server.url}/transcripts/${w.seed.tid}`);
      await page.locator('[data-status="saved"]').waitFor();
      hold(true);
      await selectLine(page, 9);
      await page.keyboard.press('1');
      await selectLine(page, 13);
      await page.getByLabel('note or statement text').fill('kept across the reload');
      await page.getByRole('button', { name: 'Add note' }).click();
      const badge = page.locator('[data-status="saving"]');
      await badge.waitFor();
      await eventually(async () => (await badge.textContent()) === '2 changes not yet saved');
      await page.screenshot({ path: artifactPath('worksheet-unsaved-1280.png') });
      expect((await bobLayer()).notes.some((n) => n.text === 'kept across the reload')).toBe(false);

      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.type());
        void d.accept();
      });
      hold(false); // the new page's socket reaches the server again
      await page.reload();
      expect(dialogs).toEqual(['beforeunload']);
      await page.getByTestId('note').filter({ hasText: 'kept across the reload' }).waitFor();
      await page.locator('[data-status="saved"]').waitFor();
      await eventually(async () => {
        const layer = await bobLayer();
        return layer.notes.some((n) => n.text === 'kept across the reload') && layer.codings.some((c) => c.themeId === w.seed.themes.safety);
      });
      // Acknowledged edits leave the device: a second reload finds nothing pending.
      await eventually(async () => (await page.evaluate(() => new Promise<number>((resolve) => {
        const req = indexedDB.open('concord-unsaved');
        req.onsuccess = () => {
          const c = req.result.transaction('updates').objectStore('updates').count();
          c.onsuccess = () => resolve(c.result);
        };
      }))) === 0);
    } finally {
      await context.close();
    }
  });
});
