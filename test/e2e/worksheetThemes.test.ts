import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCoding } from '../../shared/coding';
import { codebookDocName, docName } from '../../shared/docNames';
import { addTheme, readThemeTree } from '../../shared/themes';
import { listAudit } from '../../server/store/audit';
import { withDoc } from '../../server/ydocs/withDoc';
import { artifactPath, browserTestsReady } from '../helpers/browser';
import { eventually } from '../helpers/env';
import { pageFor, worksheetSuite } from './worksheetSeed';

const ready = browserTestsReady();

describe.skipIf(!ready)('codebook work within one’s rights, from the theme panel (Chromium)', () => {
  const w = worksheetSuite('blind');
  const privateName = () => docName({ kind: 'privateCodebook', studyId: w.seed.sid, ownerId: w.seed.users.alice.id });
  /** Alice's tree as the server holds it: the shared codebook with her private codebook on top. */
  const aliceTree = async () => {
    const shared = new Y.Doc();
    const own = new Y.Doc();
    Y.applyUpdate(shared, await withDoc(w.server.services, codebookDocName(w.seed.sid), (d) => Y.encodeStateAsUpdate(d)));
    Y.applyUpdate(own, await withDoc(w.server.services, privateName(), (d) => Y.encodeStateAsUpdate(d)));
    return readThemeTree(shared, [{ ownerId: w.seed.users.alice.id, doc: own }]);
  };
  const seedPrivate = (label: string) => withDoc(w.server.services, privateName(), (d) => addTheme(d, { label, createdBy: w.seed.users.alice.id, color: '#17becf' }));
  const openThemes = async (page: Page) => {
    await page.locator('[data-status="saved"]').waitFor();
    await page.getByRole('button', { name: 'Themes' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('find a theme').waitFor();
  };
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  const topIndex = async (id: string) => (await aliceTree()).childrenOf(null).filter((t) => t.status !== 'retired').findIndex((t) => t.id === id);

  it('renames, moves and retires (with confirmation and undo) a private theme with the keyboard only', async () => {
    const vigilance = await seedPrivate('Vigilance');
    await withDoc(w.server.services, docName({ kind: 'layer', transcriptId: w.seed.tid, ownerId: w.seed.users.alice.id }), (d) => addCoding(d, w.seed.text.length, { themeId: vigilance, start: 0, end: 11, createdAt: Date.now() }));
    const { context, page } = await pageFor(w.browser, w.server, w.seed.users.alice, `/transcripts/${w.seed.tid}`, { width: 1280, height: 800 });
    try {
      await openThemes(page);
      await page.getByRole('button', { name: 'apply Vigilance' }).focus();
      await page.keyboard.press('F2');
      expect(await focused(page)).toBe('theme name');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Hypervigilance');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'apply Hypervigilance' }).waitFor();
      await eventually(async () => (await aliceTree()).byId.get(vigilance)?.label === 'Hypervigilance');
      expect(await focused(page)).toBe('apply Hypervigilance');

      // Alt+Down: one place down; Alt+Right: in under the theme above it; Alt+Left: back out; Alt+Up: one place up.
      const start = await topIndex(vigilance);
      await page.keyboard.press('Alt+ArrowDown');
      await eventually(async () => (await topIndex(vigilance)) === start + 1);
      const above = (await aliceTree()).childrenOf(null).filter((t) => t.status !== 'retired')[start]!;
      await eventually(async () => (await focused(page)) === 'apply Hypervigilance');
      await page.keyboard.press('Alt+ArrowRight');
      await eventually(async () => (await aliceTree()).byId.get(vigilance)?.parentId === above.id);
      await page.screenshot({ path: artifactPath('worksheet-themes-keyboard-move-1280.png') });
      await eventually(async () => (await focused(page)) === 'apply Hypervigilance');
      await page.keyboard.press('Alt+ArrowLeft');
      await eventually(async () => (await aliceTree()).byId.get(vigilance)?.parentId === null);
      expect(await topIndex(vigilance)).toBe(start + 1);
      await eventually(async () => (await focused(page)) === 'apply Hypervigilance');
      await page.keyboard.press('Alt+ArrowUp');
      await eventually(async () => (await topIndex(vigilance)) === start);
      // A shared theme is the lead's in blind mode: Alt+arrows on it do nothing here.
      expect((await aliceTree()).byId.get(w.seed.themes.performing)!.parentId).toBeNull();

      // Retiring a theme that has codings asks first; the toast's Undo brings it back.
      await eventually(async () => (await focused(page)) === 'apply Hypervigilance');
      await page.keyboard.press('F2');
      for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Retire');
      const asked = new Promise<string>((resolve) => page.once('dialog', (d) => (resolve(d.message()), void d.accept())));
      await page.keyboard.press('Enter');
      expect(await asked).toMatch(/1 coding name/);
      await eventually(async () => (await aliceTree()).byId.get(vigilance)?.status === 'retired');
      await page.screenshot({ path: artifactPath('worksheet-themes-retired-toast-1280.png') });
      await page.locator('.toast').getByRole('button', { name: 'Undo' }).focus();
      await page.keyboard.press('Enter');
      await eventually(async () => (await aliceTree()).byId.get(vigilance)?.status === 'active');
      await page.getByRole('button', { name: 'apply Hypervigilance' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('moves a private theme by dragging it into a shared theme and beside another', async () => {
    const holding = await seedPrivate('Holding myself carefully');
    const { context, page } = await pageFor(w.browser, w.server, w.seed.users.alice, `/transcripts/${w.seed.tid}`, { width: 1024, height: 768 });
    try {
      await openThemes(page);
      const row = (label: string) => page.locator('.theme-list li', { has: page.getByRole('button', { name: `apply ${label}` }) });
      const target = row('Relational safety');
      const box = (await target.boundingBox())!;
      await row('Holding myself carefully').locator('.private-tag').dragTo(target, { targetPosition: { x: box.width * 0.9, y: box.height / 2 } });
      await eventually(async () => (await aliceTree()).byId.get(holding)?.parentId === w.seed.themes.safety);
      await page.screenshot({ path: artifactPath('worksheet-themes-drag-1024.png') });
      const performing = row('Performing a self for the therapist');
      await row('Holding myself carefully').locator('.private-tag').dragTo(performing, { targetPosition: { x: 10, y: ((await performing.boundingBox())!.height) / 2 } });
      await eventually(async () => {
        const t = await aliceTree();
        const top = t.childrenOf(null).map((x) => x.id);
        return t.byId.get(holding)?.parentId === null && top.indexOf(holding) === top.indexOf(w.seed.themes.performing) + 1;
      });
    } finally {
      await context.close();
    }
  });

  it('sends a coder’s rename of a governed theme to the lead, who sees it live and accepts it', async () => {
    const lead = await pageFor(w.browser, w.server, w.seed.users.lead, `/transcripts/${w.seed.tid}`, { width: 1280, height: 800 });
    const alice = await pageFor(w.browser, w.server, w.seed.users.alice, `/transcripts/${w.seed.tid}`, { width: 1024, height: 768 });
    try {
      await openThemes(lead.page);
      await openThemes(alice.page);
      await alice.page.getByRole('button', { name: 'edit Embodied trust' }).click();
      await alice.page.getByText('This theme is governed by the lead').waitFor();
      await alice.page.getByLabel('theme name').fill('Trust felt in the body');
      await alice.page.screenshot({ path: artifactPath('worksheet-themes-editor-1024.png') });
      await alice.page.getByRole('button', { name: 'Propose to the lead' }).click();
      await alice.page.locator('.toast').getByText(/Proposed to the lead/).waitFor();
      await alice.page.getByLabel('your proposals').getByText('(open)').waitFor();
      await alice.page.screenshot({ path: artifactPath('worksheet-themes-proposed-1024.png') });
      // The codebook is unchanged until the lead decides.
      expect((await aliceTree()).byId.get(w.seed.themes.trust)!.label).toBe('Embodied trust');

      // The lead's panel, open all along, lists it without a reload.
      const list = lead.page.getByLabel('proposals to decide');
      await list.getByText('rename to “Trust felt in the body”').waitFor();
      await lead.page.screenshot({ path: artifactPath('worksheet-themes-proposals-lead-1280.png') });
      await list.getByRole('button', { name: /^accept alice’s proposal/ }).click();
      await lead.page.getByRole('button', { name: 'apply Trust felt in the body' }).waitFor();
      await list.waitFor({ state: 'detached' });
      // Applied through the governed path: in the shared codebook, audited; Alice sees it live.
      expect((await aliceTree()).byId.get(w.seed.themes.trust)!.label).toBe('Trust felt in the body');
      expect((await listAudit(w.server.services.db, w.seed.sid)).map((e) => e.action)).toEqual(expect.arrayContaining(['theme.propose', 'theme.proposal.accepted']));
      await alice.page.getByRole('button', { name: 'apply Trust felt in the body' }).waitFor();
      await alice.page.getByLabel('your proposals').getByText('(accepted)').waitFor();
      await alice.page.screenshot({ path: artifactPath('worksheet-themes-accepted-1024.png') });
    } finally {
      await lead.context.close();
      await alice.context.close();
    }
  });
});
