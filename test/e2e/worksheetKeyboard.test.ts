import { beforeAll, describe, expect, it } from 'vitest';
import { readLayer } from '../../shared/coding';
import { docName, codebookDocName } from '../../shared/docNames';
import { addTheme } from '../../shared/themes';
import { withDoc } from '../../server/ydocs/withDoc';
import { artifactPath, browserTestsReady } from '../helpers/browser';
import { eventually } from '../helpers/env';
import { pageFor, worksheetSuite } from './worksheetSeed';

const ready = browserTestsReady();

describe.skipIf(!ready)('keyboard-only coding (Chromium)', () => {
  const w = worksheetSuite();
  let lines: Array<{ n: number; start: number; end: number }>;
  beforeAll(async () => {
    lines = (await w.seed.users.lead.api.get(`/api/transcripts/${w.seed.tid}`)).json.lines;
  });

  const bobLayer = () => withDoc(w.server.services, docName({ kind: 'layer', transcriptId: w.seed.tid, ownerId: w.seed.users.bob.id }), (doc) => readLayer(doc, w.seed.text.length));

  it('codes from the skip link to a saved coding with keys only, without the speaker prefix, and keeps number keys pinned', async () => {
    const { context, page } = await pageFor(w.browser, w.server, w.seed.users.bob, `/transcripts/${w.seed.tid}`, { width: 1024, height: 768 });
    try {
      await page.locator('[data-status="saved"]').waitFor();
      // Tab from the top of the page to the skip link, then into the transcript.
      for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.classList.contains('skip-link'))); i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the transcript');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('transcript');
      await page.locator('#l-1.cursor').waitFor();

      // Down to line 7 ("P03: Exhausting. ..."), select lines 7-8, open the picker, type, Enter.
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
      await page.locator('#l-7.cursor').waitFor();
      await page.keyboard.press('Shift+ArrowDown');
      await page.getByText(/Selected l\. 7-8/).waitFor();
      await page.keyboard.press('Enter');
      await page.getByLabel('find a theme').waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('find a theme');
      await page.keyboard.type('performing');
      await page.keyboard.press('Enter');
      await page.getByTestId('coding').filter({ hasText: 'Performing a self for the therapist' }).waitFor();
      // Focus is back on the transcript, cursor where it was.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('transcript');
      await page.locator('[data-status="saved"]').waitFor();
      await eventually(async () => (await bobLayer()).codings.length === 2);
      const coded = (await bobLayer()).codings.find((c) => c.themeId === w.seed.themes.performing)!;
      // The turn's words, not "P03: ", from line 7 to the end of line 8.
      expect(w.seed.text.slice(coded.start, coded.end)).toMatch(/^Exhausting\. I would come out/);
      expect(coded.start).toBe(lines[6]!.start + 'P03: '.length);
      expect(coded.end).toBe(lines[7]!.end);

      // A theme added by someone else at the top does not shift the number keys.
      await withDoc(w.server.services, codebookDocName(w.seed.sid), (doc) => addTheme(doc, { label: 'Aardvark first', createdBy: w.seed.users.lead.id, color: '#8c564b' }));
      // (The panel is closed at this width: the theme is in the DOM, not in the accessibility tree.)
      await page.locator('[aria-label="apply Aardvark first"]').waitFor({ state: 'attached' });
      // Word-level: from line 8 (where Shift+Down left the cursor) to line 11, select its line, shrink the end by words, then key 2 (Embodied trust).
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      await page.locator('#l-11.cursor').waitFor();
      await page.keyboard.press('Space');
      for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+Control+ArrowLeft');
      await page.keyboard.press('Shift+Alt+ArrowRight');
      await page.getByText(/Selected l\. 11/).waitFor();
      expect(await page.locator('#l-11 .selected').allTextContents()).toEqual(['was a session']);
      const trustBefore = Number((await page.locator(`[data-theme-id="${w.seed.themes.trust}"] .count`).first().textContent()) || 0);
      await page.keyboard.press('2');
      await eventually(async () => (await bobLayer()).codings.length === 3);
      const word = (await bobLayer()).codings.find((c) => c.themeId === w.seed.themes.trust && c.start >= lines[10]!.start)!;
      expect(w.seed.text.slice(word.start, word.end)).toBe('was a session');
      // The legend and the theme panel's count follow the coding (a frame after the highlight).
      await page.locator('.legend').getByText('you (3 codings)').waitFor();
      await page.locator(`[data-theme-id="${w.seed.themes.trust}"] .count`).filter({ hasText: new RegExp(`^${trustBefore + 1}$`) }).first().waitFor({ state: 'attached' });

      // The keys overlay opens with ? and closes with Escape.
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keys' }).waitFor();
      await page.screenshot({ path: artifactPath('worksheet-keys-1024.png') });
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: 'Keys' }).waitFor({ state: 'detached' });
      // Reassign key 2 to another theme from the number-keys editor.
      await page.getByRole('button', { name: 'Themes' }).click();
      await page.locator('.pinned-keys summary').click();
      await page.getByLabel('theme on key 2').selectOption(w.seed.themes.fear);
      expect(await page.evaluate(([u, s]) => localStorage.getItem(`concord.keys.${u}.${s}`), [w.seed.users.bob.id, w.seed.sid])).toContain(w.seed.themes.fear);
    } finally {
      await context.close();
    }
  });
});
