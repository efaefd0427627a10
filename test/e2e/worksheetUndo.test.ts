import { describe, expect, it } from 'vitest';
import { readLayer } from '../../shared/coding';
import { docName } from '../../shared/docNames';
import { withDoc } from '../../server/ydocs/withDoc';
import { artifactPath, browserTestsReady } from '../helpers/browser';
import { eventually } from '../helpers/env';
import { pageFor, worksheetSuite } from './worksheetSeed';

const ready = browserTestsReady();

describe.skipIf(!ready)('undo and redo of one’s own changes (Chromium, two coders)', () => {
  const w = worksheetSuite();

  const layerOf = (who: 'alice' | 'bob') => withDoc(w.server.services, docName({ kind: 'layer', transcriptId: w.seed.tid, ownerId: w.seed.users[who].id }), (doc) => readLayer(doc, w.seed.text.length));

  it('undoes a deletion from the toast and with Ctrl+Z while another coder keeps coding, and never touches their work', async () => {
    const a = await pageFor(w.browser, w.server, w.seed.users.alice, `/transcripts/${w.seed.tid}`, { width: 1920, height: 1080 });
    const b = await pageFor(w.browser, w.server, w.seed.users.bob, `/transcripts/${w.seed.tid}`, { width: 1920, height: 1080 });
    try {
      await a.page.locator('[data-status="saved"]').waitFor();
      await b.page.locator('[data-status="saved"]').waitFor();
      const before = await layerOf('alice');

      // Alice deletes a coding; the toast offers it back.
      const card = a.page.getByTestId('coding').filter({ hasText: 'Embodied trust' });
      await card.getByRole('button', { name: 'delete coding Embodied trust' }).click();
      await card.waitFor({ state: 'detached' });
      await a.page.getByRole('status').filter({ hasText: 'Coding deleted.' }).waitFor();
      await a.page.screenshot({ path: artifactPath('worksheet-undo-toast.png') });

      // Meanwhile Bob codes in his own layer (a selection over line 7, then key 1).
      await b.page.locator('#l-7 .text-col').evaluate((el) => {
        const r = document.createRange();
        r.selectNodeContents(el);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(r);
        el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      });
      await b.page.getByText(/Selected l\. 7/).waitFor();
      await b.page.keyboard.press('1');
      await eventually(async () => (await layerOf('bob')).codings.length === 2);
      // Alice sees Bob's new coding (open mode) before she undoes.
      await a.page.locator(`#l-7 .coded[data-coders~="${w.seed.users.bob.id}"]`).waitFor();

      await a.page.getByRole('button', { name: 'Undo', exact: true }).and(a.page.locator('.toast button')).click();
      await a.page.getByTestId('coding').filter({ hasText: 'Embodied trust' }).waitFor();
      await eventually(async () => (await layerOf('alice')).codings.length === before.codings.length);
      // Bob's coding is untouched, on the server and on both screens.
      expect((await layerOf('bob')).codings.length).toBe(2);
      await a.page.locator(`#l-7 .coded[data-coders~="${w.seed.users.bob.id}"]`).waitFor();

      // Ctrl+Z and Shift+Ctrl+Z: Alice deletes a note, undoes, redoes, undoes again.
      const note = a.page.getByTestId('note').filter({ hasText: 'theatrical metaphor' });
      await note.getByRole('button', { name: /^delete note/ }).click();
      await note.waitFor({ state: 'detached' });
      await a.page.locator('body').click({ position: { x: 5, y: 300 } });
      await a.page.keyboard.press('Control+z');
      await note.waitFor();
      await a.page.keyboard.press('Control+Shift+z');
      await note.waitFor({ state: 'detached' });
      await a.page.getByRole('button', { name: 'Undo', exact: true }).first().click();
      await note.waitFor();
      await a.page.locator('[data-status="saved"]').waitFor();
      await eventually(async () => (await layerOf('alice')).notes.some((n) => n.text.includes('theatrical metaphor')));
      // Undo stops at Alice's own history: the seeded (server-written) records are not undoable.
      const undoButton = a.page.getByRole('button', { name: 'Undo', exact: true }).first();
      while (await undoButton.isEnabled()) await undoButton.click();
      await eventually(async () => {
        const now = await layerOf('alice');
        return now.codings.length === before.codings.length && now.notes.length === before.notes.length;
      });
      expect((await layerOf('bob')).codings.length).toBe(2);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
});
