import { describe, expect, it } from 'vitest';
import { docName } from '../../shared/docNames';
import { addTheme, readThemeTree } from '../../shared/themes';
import { withDoc } from '../../server/ydocs/withDoc';
import { artifactPath, browserTestsReady } from '../helpers/browser';
import { eventually } from '../helpers/env';
import { heldSocketPage, pageFor, worksheetSuite } from './worksheetSeed';

const ready = browserTestsReady();

describe.skipIf(!ready)('number keys and private themes follow the coder (Chromium)', () => {
  const w = worksheetSuite('blind');
  const privateName = () => docName({ kind: 'privateCodebook', studyId: w.seed.sid, ownerId: w.seed.users.bob.id });

  it('keeps the number keys on the server, so another browser shows the same keys', async () => {
    const a = await pageFor(w.browser, w.server, w.seed.users.bob, `/transcripts/${w.seed.tid}`, { width: 1280, height: 800 });
    try {
      await a.page.locator('[data-status="saved"]').waitFor();
      await a.page.getByRole('button', { name: 'Themes' }).click();
      await a.page.locator('.pinned-keys summary').click();
      // Seeded once from the tree, then reassigned by the coder.
      await eventually(async () => (await a.page.getByLabel('theme on key 1').inputValue()) === w.seed.themes.safety);
      await a.page.getByLabel('theme on key 2').selectOption(w.seed.themes.performing);
      await eventually(async () => (await withDoc(w.server.services, privateName(), (d) => d.getMap('keys').get('2'))) === w.seed.themes.performing);
    } finally {
      await a.context.close();
    }
    // A fresh context has no localStorage: the keys come from the coder's private codebook.
    const b = await pageFor(w.browser, w.server, w.seed.users.bob, `/transcripts/${w.seed.tid}`, { width: 1024, height: 768 });
    try {
      expect(await b.page.evaluate(() => localStorage.length)).toBe(0);
      await b.page.getByRole('button', { name: 'Themes' }).click();
      await b.page.locator('.pinned-keys summary').click();
      await eventually(async () => (await b.page.getByLabel('theme on key 2').inputValue()) === w.seed.themes.performing);
      expect(await b.page.getByLabel('theme on key 1').inputValue()).toBe(w.seed.themes.safety);
      await b.page.screenshot({ path: artifactPath('worksheet-pins-second-browser-1024.png') });
    } finally {
      await b.context.close();
    }
  });

  it('keeps an unsaved change to a private theme across a reload, and saves it', async () => {
    const id = await withDoc(w.server.services, privateName(), (d) => addTheme(d, { label: 'Rehearsing', createdBy: w.seed.users.bob.id }));
    const { context, page, hold } = await heldSocketPage(w.browser, w.seed.users.bob);
    const label = () => withDoc(w.server.services, privateName(), (d) => readThemeTree(d).byId.get(id)?.label);
    try {
      await page.goto(`${w.server.url}/transcripts/${w.seed.tid}`);
      await page.locator('[data-status="saved"]').waitFor();
      await page.getByRole('button', { name: 'Themes' }).click();
      await page.getByRole('button', { name: 'apply Rehearsing' }).waitFor();
      hold(true);
      await page.getByRole('button', { name: 'edit Rehearsing' }).click();
      await page.getByLabel('theme name').fill('Rehearsing sentences');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('button', { name: 'apply Rehearsing sentences' }).waitFor();
      expect(await label()).toBe('Rehearsing');
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.type());
        void d.accept();
      });
      hold(false);
      await page.reload();
      expect(dialogs).toEqual(['beforeunload']);
      await eventually(async () => (await label()) === 'Rehearsing sentences');
      await page.getByRole('button', { name: 'Themes' }).click();
      await page.getByRole('button', { name: 'apply Rehearsing sentences' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
