import { describe, expect, it } from 'vitest';
import { readLayer } from '../../shared/coding';
import { docName } from '../../shared/docNames';
import { withDoc } from '../../server/ydocs/withDoc';
import { artifactPath, browserTestsReady } from '../helpers/browser';
import { eventually } from '../helpers/env';
import { pageFor, worksheetSuite } from './worksheetSeed';

const ready = browserTestsReady();

describe.skipIf(!ready)('worksheet notes and statements (Chromium)', () => {
  const w = worksheetSuite();

  const aliceLayer = () => withDoc(w.server.services, docName({ kind: 'layer', transcriptId: w.seed.tid, ownerId: w.seed.users.alice.id }), (doc) => readLayer(doc, w.seed.text.length));

  it('edits a note’s text, kind and line range in place, and a statement’s text', async () => {
    const { context, page } = await pageFor(w.browser, w.server, w.seed.users.alice, `/transcripts/${w.seed.tid}`, { width: 1280, height: 800 });
    try {
      const nid = await page.getByTestId('note').filter({ hasText: 'Authenticity carries risk' }).getAttribute('data-id');
      const note = page.locator(`[data-testid="note"][data-id="${nid}"]`);
      await note.getByRole('button', { name: /^edit note/ }).click();
      await note.getByLabel('note kind').selectOption('linguistic');
      await note.getByLabel('note text').fill('Authenticity carries risk: only what is "mine" can be wrong.');
      // Typed key by key: Space, Enter and arrows are the text's, not the transcript cursor's (the card sits inside the transcript list).
      await note.getByLabel('note text').press('End');
      await page.keyboard.type(' Edited in place.');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowRight');
      expect(await note.getByLabel('note text').inputValue()).toBe('Authenticity carries risk: only what is "mine" can be wrong. Edited in place.');
      await note.getByLabel('note first line').fill('15');
      await note.getByLabel('note last line').fill('16');
      await note.getByRole('button', { name: 'Save' }).click();
      const edited = page.getByTestId('note').filter({ hasText: 'Edited in place.' });
      await edited.waitFor();
      expect(await edited.getAttribute('class')).toContain('linguistic');
      expect(await edited.locator('.cite').textContent()).toBe('l. 15-16');
      // It moved beside line 15, where its range now starts.
      expect(await page.locator('#l-15 [data-testid="note"]').filter({ hasText: 'Edited in place.' }).count()).toBe(1);

      // Held by id: the text filter stops matching once the text is edited.
      const sid = await page.getByTestId('statement').filter({ hasText: 'Trust is first felt in the body' }).getAttribute('data-id');
      const statement = page.locator(`[data-testid="statement"][data-id="${sid}"]`);
      await statement.getByRole('button', { name: /^edit statement/ }).click();
      await statement.getByLabel('statement text').fill('Trust arrives in the body first: the shoulders drop before words come.');
      await statement.getByLabel('statement text').press('Control+Enter');
      await page.getByTestId('statement').filter({ hasText: 'the shoulders drop before words come' }).waitFor();
      await page.locator('[data-status="saved"]').waitFor();

      await eventually(async () => {
        const layer = await aliceLayer();
        const n = layer.notes.find((x) => x.text.endsWith('Edited in place.'));
        const lines = (await w.seed.users.lead.api.get(`/api/transcripts/${w.seed.tid}`)).json.lines as Array<{ n: number; start: number; end: number }>;
        return Boolean(n && n.kind === 'linguistic' && n.start === lines[14]!.start && n.end === lines[15]!.end && layer.statements.some((s) => s.text.startsWith('Trust arrives in the body first')));
      });
      await page.screenshot({ path: artifactPath('worksheet-edited-1280.png') });
    } finally {
      await context.close();
    }
  });

  it('shows another coder’s codings, notes and statements in open mode, per-coder toggle, and where they are', async () => {
    const a = await pageFor(w.browser, w.server, w.seed.users.alice, `/transcripts/${w.seed.tid}`, { width: 1920, height: 1080 });
    const b = await pageFor(w.browser, w.server, w.seed.users.bob, `/transcripts/${w.seed.tid}`, { width: 1920, height: 1080 });
    try {
      // Bob's note and coding sit beside line 11 in Alice's margins, with his name.
      const note = a.page.locator('#l-11 [data-testid="other-note"]').filter({ hasText: 'Shared absorption' });
      await note.waitFor();
      expect(await note.locator('.owner').textContent()).toBe('bob');
      await a.page.locator('#l-11 [data-testid="other-coding"]').filter({ hasText: 'Embodied trust' }).waitFor();
      await a.page.locator(`#l-11 .coded[data-coders~="${w.seed.users.bob.id}"]`).waitFor();
      // Bob moves his line cursor to line 12: Alice's header says so.
      await b.page.locator('#transcript').focus();
      for (let i = 0; i < 11; i++) await b.page.keyboard.press('ArrowDown');
      await a.page.locator('.who-chip').filter({ hasText: 'bob · l. 12' }).waitFor();
      await a.page.locator('#l-12 .text-col[title="bob is looking here"]').waitFor();
      await a.page.screenshot({ path: artifactPath('worksheet-open-others-1920.png') });
      // Counted in words that agree with the numbers (issue 16): one coding, one note, no statements.
      expect(await a.page.locator('.legend label').filter({ hasText: 'show bob’s work' }).textContent()).toContain('show bob’s work (1 coding, 1 note, 0 statements)');
      // Switched off, nothing of Bob's shows; switched on, it is back.
      await a.page.getByLabel(/show bob’s work/).uncheck();
      await note.waitFor({ state: 'detached' });
      expect(await a.page.locator(`[data-coders~="${w.seed.users.bob.id}"]`).count()).toBe(0);
      await a.page.getByLabel(/show bob’s work/).check();
      await note.waitFor();
      // The lead, who codes nothing here, is not listed as a coder with 0 codings.
      expect(await a.page.locator('.legend').textContent()).not.toContain('lead');
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('adds a note from a phone, reading and commenting in one column', async () => {
    const { context, page } = await pageFor(w.browser, w.server, w.seed.users.bob, `/transcripts/${w.seed.tid}`, { width: 390, height: 844 });
    try {
      const line = page.locator('#l-8 .text-col');
      await line.waitFor();
      await line.evaluate((el) => {
        const t = el.querySelector('[data-s]')!.nextSibling ?? el.querySelector('[data-s]')!;
        const r = document.createRange();
        r.selectNodeContents(t);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(r);
        el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      });
      await page.getByText(/Selected l\. 8/).waitFor();
      await page.getByLabel('note or statement text').fill('Sitting in the car afterwards: recovery time.');
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.getByRole('button', { name: 'Show notes and codings' }).click();
      await page.getByTestId('note').filter({ hasText: 'recovery time' }).waitFor();
      await page.locator('[data-status="saved"]').waitFor();
      await page.screenshot({ path: artifactPath('worksheet-phone-note-390.png') });
    } finally {
      await context.close();
    }
  });

  it('lets the lead move a transcript back to coding from the screen, asking first and recording the reason', async () => {
    expect((await w.seed.users.lead.api.post(`/api/transcripts/${w.seed.tid}/phase`, { phase: 'reconciling' })).status).toBe(200);
    const { context, page } = await pageFor(w.browser, w.server, w.seed.users.lead, `/transcripts/${w.seed.tid}`, { width: 1280, height: 800 });
    try {
      const back = page.getByRole('button', { name: 'Move back to coding…' });
      await page.getByRole('list', { name: 'transcript lines' }).waitFor();
      // Cancelled: nothing changes.
      page.once('dialog', (d) => void d.dismiss());
      await back.click();
      expect((await w.seed.users.lead.api.get(`/api/transcripts/${w.seed.tid}`)).json.transcript.phase).toBe('reconciling');
      const asked: string[] = [];
      page.once('dialog', (d) => {
        asked.push(d.message());
        void d.accept('Bob coded the wrong transcript version');
      });
      await back.click();
      await back.waitFor({ state: 'detached' });
      expect(asked[0]).toMatch(/^Move “Interview P03” back to coding/);
      expect((await w.seed.users.lead.api.get(`/api/transcripts/${w.seed.tid}`)).json.transcript.phase).toBe('coding');
      const audit = (await w.seed.users.lead.api.get(`/api/studies/${w.seed.sid}/audit`)).json;
      expect(JSON.stringify(audit)).toContain('Bob coded the wrong transcript version');
      // The lead codes nothing here: the legend lists the coders, not the lead as "you (0 codings)".
      await page.getByLabel(/show alice’s work/).waitFor();
      expect(await page.locator('.legend').textContent()).not.toContain('you (');
    } finally {
      await context.close();
    }
  });
});
