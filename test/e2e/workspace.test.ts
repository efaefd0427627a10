import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLayer } from '../../shared/coding';
import { docName, codebookDocName } from '../../shared/docNames';
import { CloseCode } from '../../shared/protocol';
import { addTheme, readThemeTree, setLevels } from '../../shared/themes';
import { withDoc } from '../../server/ydocs/withDoc';
import type { RunningServer } from '../../server/server';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { closedWith, openClient } from '../helpers/collab';
import { eventually } from '../helpers/env';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';

const ready = browserTestsReady();
const TEXT = [
  'Interviewer: How did you know the alliance had changed?',
  'P01: There was a session where she stopped looking at the clock, and I noticed that I had stopped too.',
  'Interviewer: What was that like for you?',
  'P01: Relief, mostly. And a little fear, because now it mattered whether I got it wrong.',
  'P01: I think trust is something you feel in the body before you can name it.',
].join('\n');

describe.skipIf(!ready)('coding workspace in Chromium (two coders)', () => {
  let env: BrowserAndServer;
  let server: RunningServer;
  let browser: Browser;
  let users: Awaited<ReturnType<typeof seedUsers>>['users'];
  let lead: ApiClient;

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ server, browser } = env);
    ({ users } = await seedUsers(server.services, ['lead', 'alice', 'bob']));
    lead = users.lead!.api;
  });
  afterAll(async () => env?.close());

  async function studyWithTranscript(codingMode: 'open' | 'blind') {
    const sid = (await lead.post('/api/studies', { title: `Alliance (${codingMode})`, codingMode })).json.study.id as string;
    for (const who of ['alice', 'bob']) await joinStudy(lead, sid, `${who}@example.org`, 'coder');
    const p = (await lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P01' })).json.participant;
    const tid = (await lead.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: 'Interview P01', text: TEXT })).json.transcript.id as string;
    const themes = await withDoc(server.services, codebookDocName(sid), (doc) => {
      setLevels(doc, ['Area', 'Superordinate theme', 'Theme', 'Sub-theme']);
      const area = addTheme(doc, { label: 'Relational safety', createdBy: users.lead!.id, color: '#1f77b4' });
      const trust = addTheme(doc, { label: 'Embodied trust', parentId: area, createdBy: users.lead!.id, color: '#2ca02c' });
      const fear = addTheme(doc, { label: 'Fear of getting it wrong', parentId: area, createdBy: users.lead!.id, color: '#d62728' });
      return { area, trust, fear };
    });
    return { sid, tid, themes };
  }

  async function pageAs(who: 'alice' | 'bob' | 'lead', path: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
    const token = users[who]!.api.cookie!.split('=')[1]!;
    await context.addCookies([{ name: 'concord_session', value: token, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await page.getByRole('list', { name: 'transcript lines' }).waitFor();
    return { context, page };
  }

  /** Selects characters [from, to) of a line with the real mouse, as a coder would. */
  async function selectInLine(page: Page, line: number, fromChar: number, toChar: number) {
    const box = await page.locator(`#l-${line} .text-col`).boundingBox();
    const charWidth = await page.locator(`#l-${line} .text-col`).evaluate((el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      return r.getBoundingClientRect().width / (el.textContent?.length || 1);
    });
    const y = box!.y + box!.height / 2;
    await page.mouse.move(box!.x + fromChar * charWidth + 1, y);
    await page.mouse.down();
    await page.mouse.move(box!.x + toChar * charWidth - 1, y, { steps: 5 });
    await page.mouse.up();
  }

  it('shows a coder’s highlight to the other coder within a second in open mode, and persists it', async () => {
    const { sid, tid, themes } = await studyWithTranscript('open');
    const a = await pageAs('alice', `/transcripts/${tid}`);
    const b = await pageAs('bob', `/transcripts/${tid}`);
    await a.page.getByRole('status', { name: /your coding/ }).and(a.page.locator('[data-status="saved"]')).waitFor();

    // Keyboard coding: select with the mouse, press 2 (the second quick theme: Embodied trust).
    await selectInLine(a.page, 5, 6, 50);
    await a.page.getByText(/Selected l\. 5/).waitFor();
    await a.page.keyboard.press('2');
    await a.page.getByTestId('coding').filter({ hasText: 'Embodied trust' }).waitFor();
    await a.page.locator('[data-status="saved"]').waitFor();

    // Bob sees Alice's highlight, in her colour stripe, without reloading.
    const started = Date.now();
    await b.page.locator(`#l-5 .text-col .coded[data-coders~="${users.alice!.id}"]`).waitFor({ timeout: 2000 });
    expect(Date.now() - started).toBeLessThan(2000);
    await b.page.locator(`#l-5 .gutter [data-coder="${users.alice!.id}"]`).waitFor();
    await b.page.screenshot({ path: artifactPath('workspace-open-bob.png'), fullPage: true });

    // Click coding, search coding, notes and a statement on Alice's side.
    await selectInLine(a.page, 4, 22, 40);
    await a.page.getByRole('button', { name: 'apply Fear of getting it wrong' }).click();
    await selectInLine(a.page, 2, 6, 30);
    await a.page.getByLabel('find a theme').fill('relational');
    await a.page.getByLabel('find a theme').press('Enter');
    await a.page.getByTestId('coding').filter({ hasText: 'Relational safety' }).waitFor();
    await selectInLine(a.page, 4, 6, 20);
    await a.page.getByLabel('note or statement text').fill('relief and fear together');
    await a.page.getByRole('button', { name: 'Add note' }).click();
    await a.page.getByTestId('note').filter({ hasText: 'relief and fear together' }).waitFor();
    await a.page.locator('[data-status="saved"]').waitFor();
    await a.page.screenshot({ path: artifactPath('workspace-open-alice.png'), fullPage: true });

    // The server holds exactly what Alice coded.
    const stored = await withDoc(server.services, docName({ kind: 'layer', transcriptId: tid, ownerId: users.alice!.id }), (doc) => readLayer(doc, TEXT.length));
    expect(stored.codings.map((c) => c.themeId).sort()).toEqual([themes.trust, themes.fear, themes.area].sort());
    expect(stored.notes.map((n) => n.text)).toEqual(['relief and fear together']);

    // A lead's merge re-labels the coding in every open client.
    expect((await lead.post(`/api/studies/${sid}/themes/${themes.fear}/merge`, { into: themes.trust })).status).toBe(200);
    await a.page.getByTestId('coding').filter({ hasText: 'Fear of getting it wrong' }).waitFor({ state: 'detached' });
    expect(await a.page.getByTestId('coding').filter({ hasText: 'Embodied trust' }).count()).toBe(2);

    // A reload shows everything persisted.
    await a.page.reload();
    await a.page.getByTestId('coding').filter({ hasText: 'Relational safety' }).waitFor();
    expect(await a.page.getByTestId('coding').count()).toBe(3);
    await a.page.getByTestId('note').filter({ hasText: 'relief and fear together' }).waitFor();
    await a.context.close();
    await b.context.close();
  });

  it('never shows a coder’s work to the other in blind mode: the server refuses the layer', async () => {
    const { tid } = await studyWithTranscript('blind');
    const a = await pageAs('alice', `/transcripts/${tid}`);
    const b = await pageAs('bob', `/transcripts/${tid}`);
    await selectInLine(a.page, 5, 6, 50);
    await a.page.keyboard.press('2');
    await a.page.locator('[data-status="saved"]').waitFor();
    await a.page.getByTestId('coding').filter({ hasText: 'Embodied trust' }).waitFor();
    // Alice's coding is durable on the server; Bob's page shows nothing of it.
    const aliceLayer = docName({ kind: 'layer', transcriptId: tid, ownerId: users.alice!.id });
    await eventually(async () => (await withDoc(server.services, aliceLayer, (doc) => readLayer(doc, TEXT.length).codings.length)) === 1);
    await b.page.getByRole('status', { name: /your coding/ }).waitFor();
    expect(await b.page.locator(`[data-coders~="${users.alice!.id}"]`).count()).toBe(0);
    expect(await b.page.locator(`[data-coder="${users.alice!.id}"]`).count()).toBe(0);
    // And not because the UI hid it: Bob's own socket to Alice's layer is refused with 4403.
    const probe = openClient(server, aliceLayer, users.bob!.api.cookie);
    try {
      await closedWith(probe, CloseCode.Forbidden.code);
      expect(readLayer(probe.doc, TEXT.length).codings).toEqual([]);
    } finally {
      probe.destroy();
    }
    await b.page.screenshot({ path: artifactPath('workspace-blind-bob.png'), fullPage: true });
    await a.context.close();
    await b.context.close();
  });

  it('keeps a blind coder’s new theme in her private codebook: the other coder never sees it until the lead reveals the themes', async () => {
    const { sid, tid } = await studyWithTranscript('blind');
    const a = await pageAs('alice', `/transcripts/${tid}`);
    const b = await pageAs('bob', `/transcripts/${tid}`);
    await a.page.getByLabel('new theme label').fill('Shame in rupture');
    await a.page.getByRole('button', { name: 'Add private theme' }).click();
    // The tag sits beside the theme's button (the button's name is the theme's label alone).
    await a.page.locator('.theme-list li', { has: a.page.getByRole('button', { name: 'apply Shame in rupture' }) }).filter({ hasText: 'private' }).waitFor();
    // Durable on the server, in Alice's private codebook and not in the shared one.
    const alicePrivate = docName({ kind: 'privateCodebook', studyId: sid, ownerId: users.alice!.id });
    await eventually(async () => (await withDoc(server.services, alicePrivate, (doc) => readThemeTree(doc).themes.map((t) => t.label))).includes('Shame in rupture'));
    expect((await withDoc(server.services, codebookDocName(sid), (doc) => readThemeTree(doc).themes.map((t) => t.label))).includes('Shame in rupture')).toBe(false);
    // Alice codes with it like any theme.
    await selectInLine(a.page, 5, 6, 50);
    await a.page.getByRole('button', { name: 'apply Shame in rupture' }).click();
    await a.page.getByTestId('coding').filter({ hasText: 'Shame in rupture' }).waitFor();
    await a.page.screenshot({ path: artifactPath('workspace-private-theme-alice.png'), fullPage: true });
    // Bob's tree (same shared codebook, connected all along) shows only the shared themes...
    await b.page.getByRole('button', { name: 'apply Embodied trust' }).waitFor();
    expect(await b.page.getByRole('button', { name: 'apply Shame in rupture' }).count()).toBe(0);
    expect(await b.page.getByRole('button', { name: 'Add private theme' }).count()).toBe(1);
    // ...because his socket to Alice's private codebook is refused, not because the UI hid it.
    const probe = openClient(server, alicePrivate, users.bob!.api.cookie);
    try {
      await closedWith(probe, CloseCode.Forbidden.code);
      expect(readThemeTree(probe.doc).themes).toEqual([]);
    } finally {
      probe.destroy();
    }
    await b.page.screenshot({ path: artifactPath('workspace-private-theme-bob.png'), fullPage: true });
    // The lead reveals the themes: after a reload Bob sees Alice's theme, marked as a coder's own.
    expect((await lead.post(`/api/studies/${sid}/themes/reveal`, {})).status).toBe(200);
    await b.page.reload();
    await b.page.locator('.theme-list li', { has: b.page.getByRole('button', { name: 'apply Shame in rupture' }) }).filter({ hasText: 'coder’s' }).waitFor();
    await a.context.close();
    await b.context.close();
  });
});
