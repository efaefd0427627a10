import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCluster } from '../../shared/boards';
import { addStatement, readLayer } from '../../shared/coding';
import { codebookDocName, docName } from '../../shared/docNames';
import { readThemeTree, setLevels } from '../../shared/themes';
import { withDoc } from '../../server/ydocs/withDoc';
import type { RunningServer } from '../../server/server';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { eventually } from '../helpers/env';
import { pageFor, seedWorksheet, type WorksheetStudy } from './worksheetSeed';

const ready = browserTestsReady();

/**
 * Issue 15 item 4 in Chromium: alice (blind study) clusters her statements of P03 into PETs by
 * keyboard and by drag, reorders them, then clusters PETs of two participants into a GET with a
 * sub-theme; bob sees none of it; the server holds exactly what the screens wrote.
 */
describe.skipIf(!ready)('clustering boards in Chromium', () => {
  let env: BrowserAndServer;
  let server: RunningServer;
  let browser: Browser;
  let seed: WorksheetStudy;
  let tid2: string;

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ server, browser } = env);
    seed = await seedWorksheet(server, 'blind', 1);
    const s = server.services;
    await withDoc(s, codebookDocName(seed.sid), (d) => setLevels(d, ['Group experiential theme', 'Sub-theme', 'Personal experiential theme', 'Sub-theme']));
    await withDoc(s, docName({ kind: 'layer', transcriptId: seed.tid, ownerId: seed.users.alice.id }), (d) => {
      const at = seed.text.indexOf('Relief, mostly');
      addStatement(d, seed.text.length, { text: 'Relief mixed with the fear of getting it wrong once the words are her own.', start: at, end: at + 14 });
    }, seed.users.alice.id);
    // A second participant whose PET alice already named, for the group board.
    const lead = seed.users.lead.api;
    const p = (await lead.post(`/api/studies/${seed.sid}/participants`, { pseudonym: 'P04' })).json.participant;
    tid2 = (await lead.post(`/api/studies/${seed.sid}/transcripts`, { participantId: p.id, title: 'Interview P04', text: 'P04: I kept checking whether he was still listening.' })).json.transcript.id;
    await withDoc(s, codebookDocName(seed.sid), (shared) =>
      withDoc(s, docName({ kind: 'privateCodebook', studyId: seed.sid, ownerId: seed.users.alice.id }), (mine) => {
        addCluster(mine, readThemeTree(shared, [{ ownerId: seed.users.alice.id, doc: mine }]), { label: 'Checking that he listens', caseId: tid2, createdBy: seed.users.alice.id }, shared);
      }, seed.users.alice.id),
    );
  });
  afterAll(async () => env?.close());

  const aliceLayer = () => withDoc(server.services, docName({ kind: 'layer', transcriptId: seed.tid, ownerId: seed.users.alice.id }), (d) => readLayer(d, seed.text.length).statements);
  const aliceTree = () =>
    withDoc(server.services, codebookDocName(seed.sid), (shared) =>
      withDoc(server.services, docName({ kind: 'privateCodebook', studyId: seed.sid, ownerId: seed.users.alice.id }), (mine) => readThemeTree(shared, [{ ownerId: seed.users.alice.id, doc: mine }])),
    );
  const clusterTitles = (page: Page) => page.locator('.board-clusters > .board-zone > .board-zone-head h2').allTextContents();

  it('clusters statements into PETs by keyboard and by drag, and reorders them', async () => {
    const { context, page } = await pageFor(browser, server, seed.users.alice, `/transcripts/${seed.tid}/board`);
    await page.getByRole('heading', { name: /Clustering board/ }).waitFor();
    await page.locator('.board-card').first().waitFor();
    expect(await page.locator('.board-card').count()).toBe(3);
    // Naming a cluster by keyboard: type and press Enter.
    for (const name of ['Watching for rejection', 'Trust felt in the body']) {
      await page.getByLabel('Name a new personal experiential theme').fill(name);
      await page.getByLabel('Name a new personal experiential theme').press('Enter');
      await page.getByRole('heading', { name, level: 2 }).waitFor();
    }
    // Keyboard: the card's labelled menu moves it.
    const performing = page.getByLabel(/^Move “Early therapy as a performance/);
    await performing.focus();
    await performing.selectOption({ label: 'Watching for rejection' });
    const watching = page.getByRole('region', { name: 'Watching for rejection' });
    await watching.locator('.board-card', { hasText: 'Early therapy' }).waitFor();
    // Drag: the trust statement onto its cluster.
    const trustZone = page.getByRole('region', { name: 'Trust felt in the body' });
    await page.locator('.board-card', { hasText: 'Trust is first felt' }).dragTo(trustZone);
    await trustZone.locator('.board-card', { hasText: 'Trust is first felt' }).waitFor();
    // A statement may sit in two PETs: "Also in" keeps the first.
    await watching.getByLabel(/^Also put “Early therapy/).selectOption({ label: 'Trust felt in the body' });
    await trustZone.locator('.board-card', { hasText: 'Early therapy' }).waitFor();
    expect(await watching.locator('.board-card', { hasText: 'Early therapy' }).count()).toBe(1);

    // The server holds the links: statements name alice's private PETs of this case.
    const tree = await aliceTree();
    const pets = tree.themes.filter((t) => t.caseId === seed.tid).map((t) => [t.label, t.owner, t.id] as const);
    expect(pets.map(([l, o]) => [l, o])).toEqual([['Watching for rejection', seed.users.alice.id], ['Trust felt in the body', seed.users.alice.id]]);
    const idOf = (label: string) => pets.find(([l]) => l === label)![2];
    await eventually(async () => {
      const st = await aliceLayer();
      const links = st.map((s) => `${s.text.slice(0, 12)}:${s.themeIds.filter((id) => id === idOf('Watching for rejection') || id === idOf('Trust felt in the body')).join(',')}`).sort();
      return links.join('|') === [`Early therap:${idOf('Watching for rejection')},${idOf('Trust felt in the body')}`, 'Relief mixed:', `Trust is fir:${idOf('Trust felt in the body')}`].join('|');
    });

    // Reorder with Alt+ArrowUp on the cluster.
    await trustZone.focus();
    await page.keyboard.press('Alt+ArrowUp');
    await eventually(async () => (await clusterTitles(page)).join('|') === 'Trust felt in the body|Watching for rejection');
    await page.screenshot({ path: artifactPath('board-case-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: artifactPath('board-case-1024.png'), fullPage: true });
    await context.close();
  });

  it('keeps alice\'s board from bob in a blind study', async () => {
    const { context, page } = await pageFor(browser, server, seed.users.bob, `/transcripts/${seed.tid}/board`);
    await page.getByRole('heading', { name: /Clustering board/ }).waitFor();
    await page.getByText('Not clustered').waitFor();
    expect(await page.content()).not.toContain('Watching for rejection');
    expect(await page.locator('select[aria-label="Whose board"]').count()).toBe(0);
    await context.close();
  });

  it('clusters PETs of two participants into a GET with a sub-theme, showing who contributes', async () => {
    const { context, page } = await pageFor(browser, server, seed.users.alice, `/studies/${seed.sid}/boards`);
    await page.getByRole('heading', { name: 'Group experiential themes across participants' }).waitFor();
    await page.locator('.board-pet').nth(2).waitFor();
    await page.getByLabel('Name a new group experiential theme').fill('Vigilance in the room');
    await page.getByLabel('Name a new group experiential theme').press('Enter');
    const get = page.getByRole('region', { name: 'Vigilance in the room' });
    await get.getByLabel('New sub-theme of Vigilance in the room').fill('Reading the other');
    await get.getByLabel('New sub-theme of Vigilance in the room').press('Enter');
    await get.getByRole('heading', { name: 'Reading the other', level: 3 }).waitFor();
    // Keyboard: P03's PET into the sub-theme; drag: P04's PET onto the sub-theme.
    await page.getByLabel('Place “Watching for rejection” (P03) in').selectOption({ label: 'Vigilance in the room › Reading the other' });
    const sub = page.getByRole('region', { name: 'Reading the other' });
    await sub.locator('.board-pet', { hasText: 'Watching for rejection' }).waitFor();
    await page.locator('.board-pet', { hasText: 'Checking that he listens' }).dragTo(sub);
    await sub.locator('.board-pet', { hasText: 'Checking that he listens' }).waitFor();
    await get.getByText('Participants: P03, P04 (2 of 2)').first().waitFor();
    // The tree: the PETs sit at the study's PET level under the GET's sub-theme.
    await eventually(async () => {
      const tree = await aliceTree();
      const placed = tree.themes.filter((t) => t.caseId !== null && t.parentId !== null).map((t) => `${t.label}:${t.levelName}`).sort();
      return placed.join('|') === 'Checking that he listens:Personal experiential theme|Watching for rejection:Personal experiential theme';
    });
    await page.screenshot({ path: artifactPath('board-group-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: artifactPath('board-group-1024.png'), fullPage: true });
    await context.close();
  });
});
