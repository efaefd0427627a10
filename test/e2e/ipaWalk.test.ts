import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codebookDocName, docName } from '../../shared/docNames';
import { CloseCode } from '../../shared/protocol';
import { addTheme } from '../../shared/themes';
import { withDoc } from '../../server/ydocs/withDoc';
import type { RunningServer } from '../../server/server';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { closedWith, openClient } from '../helpers/collab';
import { type ApiClient, joinStudy, seedUsers } from '../helpers/http';
import { pageFor } from './worksheetSeed';

const ready = browserTestsReady();
const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'ipa-walk');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
type Who = 'lead' | 'alice' | 'bob';

/**
 * Issue 15's "Done means", walked in Chromium as a team would: in a blind study of two short
 * interviews (test/fixtures/ipa-walk) two coders each create private themes, code lines, write
 * experiential statements from a selection and link them, and cluster them into PETs on the
 * participant boards, without seeing each other's work; the lead reveals the themes, reconciles
 * the codebooks (merge, map, promote, keep out, each with a rationale) and then the codings,
 * clusters the agreed PETs into a GET and exports the table of themes, which must equal the
 * table worked out by hand in test/fixtures/ipa-walk/table-of-themes.md (its README says how).
 * Every step is done on screen; the API only seeds the study and checks the doors.
 */
// Each step is many screen actions; the machine is shared, so a step may take a while under load.
describe.skipIf(!ready)('the whole IPA path in Chromium (issue 15)', { timeout: 90_000 }, () => {
  let env: BrowserAndServer;
  let server: RunningServer;
  let browser: Browser;
  let sid: string;
  const tids: Record<'P01' | 'P02', string> = { P01: '', P02: '' };
  let users: Record<Who, { id: string; api: ApiClient }>;
  const pages = {} as Record<Who, Page>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ server, browser } = env);
    users = (await seedUsers(server.services, ['lead', 'alice', 'bob'])).users as typeof users;
    const lead = users.lead.api;
    sid = (await lead.post('/api/studies', { title: 'Ruptures in therapy', codingMode: 'blind' })).json.study.id as string;
    for (const who of ['alice', 'bob']) await joinStudy(lead, sid, `${who}@example.org`, 'coder');
    for (const pseudonym of ['P01', 'P02'] as const) {
      const p = (await lead.post(`/api/studies/${sid}/participants`, { pseudonym })).json.participant;
      tids[pseudonym] = (await lead.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: `Interview ${pseudonym}`, text: fixture(`${pseudonym}.txt`) })).json.transcript.id as string;
    }
    // The lead's a-priori theme: the shared codebook every coder starts from.
    await withDoc(server.services, codebookDocName(sid), (doc) => addTheme(doc, { label: 'Relational safety', createdBy: users.lead.id, color: '#1f77b4' }), users.lead.id);
    for (const who of ['lead', 'alice', 'bob'] as const) {
      const { context, page } = await pageFor(browser, server, users[who], `/studies/${sid}`);
      contexts.push(context);
      pages[who] = page;
    }
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await env?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: artifactPath(`ipa-walk-${name}-1280.png`), fullPage: true });

  // --- the worksheet, by keyboard as a coder works ---------------------------------------------
  async function openWorksheet(page: Page, tid: string) {
    await page.goto(`${server.url}/transcripts/${tid}`);
    await page.locator('[data-status="saved"]').waitFor();
  }
  /** Lines `from`-`to` selected with the line cursor: arrows to `from`, Space, Shift+Down. */
  async function selectLines(page: Page, from: number, to: number) {
    await page.locator('#transcript').focus();
    const cursor = page.locator('#transcript li.cursor');
    await cursor.waitFor();
    const at = Number((await cursor.getAttribute('id'))!.slice(2));
    for (let i = at; i !== from; i += from > at ? 1 : -1) await page.keyboard.press(from > at ? 'ArrowDown' : 'ArrowUp');
    await page.locator(`#l-${from}.cursor`).waitFor();
    await page.keyboard.press('Space');
    for (let i = from; i < to; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.getByText(`Selected l. ${from === to ? from : `${from}-${to}`}:`).waitFor();
  }
  async function createPrivateTheme(page: Page, label: string) {
    await page.getByRole('button', { name: 'Themes' }).click();
    await page.getByLabel('new theme label').fill(label);
    await page.getByRole('button', { name: 'Add private theme' }).click();
    await page.getByRole('button', { name: `apply ${label}` }).waitFor();
    await page.getByRole('complementary', { name: 'themes' }).getByRole('button', { name: 'Close' }).click();
  }
  async function code(page: Page, from: number, to: number, label: string) {
    await selectLines(page, from, to);
    await page.keyboard.press('Enter');
    await page.getByLabel('find a theme').fill(label);
    await page.getByLabel('find a theme').press('Enter');
    await page.locator(`#l-${from}`).getByTestId('coding').filter({ hasText: label }).waitFor();
  }
  /** An experiential statement written from a selection, then linked to a theme on its card. */
  async function writeStatement(page: Page, from: number, to: number, text: string, theme: string) {
    await selectLines(page, from, to);
    await page.getByLabel('note or statement text').fill(text);
    await page.getByRole('button', { name: 'Add statement' }).click();
    const card = page.getByTestId('statement').filter({ hasText: text });
    await card.getByLabel(/^link “/).selectOption({ label: theme });
    await card.getByRole('list', { name: 'linked themes' }).getByText(theme).waitFor();
    await page.locator('[data-status="saved"]').waitFor();
  }
  /** On the participant's board: a new PET, and the statement moved into it with its menu. */
  async function clusterIntoPet(page: Page, tid: string, pet: string, statementStart: string) {
    await page.goto(`${server.url}/transcripts/${tid}/board`);
    await page.getByRole('heading', { name: /Clustering board/ }).waitFor();
    await page.getByLabel('Name a new personal experiential theme').fill(pet);
    await page.getByLabel('Name a new personal experiential theme').press('Enter');
    const zone = page.getByRole('region', { name: pet });
    await zone.waitFor();
    await page.getByLabel(new RegExp(`^Move “${statementStart}`)).selectOption({ label: pet });
    await zone.locator('.board-card', { hasText: statementStart }).waitFor();
  }

  it('lets a blind coder create private themes, code lines, write and link statements and cluster PETs', async () => {
    const a = pages.alice;
    await openWorksheet(a, tids.P01);
    await code(a, 2, 3, 'Relational safety');
    await createPrivateTheme(a, 'Shame in rupture');
    await code(a, 5, 6, 'Shame in rupture');
    await createPrivateTheme(a, 'Owning the words');
    await code(a, 8, 9, 'Owning the words');
    await writeStatement(a, 5, 6, 'Being kept waiting felt like proof that she had asked too much.', 'Shame in rupture');
    await shot(a, 'alice-worksheet');
    await openWorksheet(a, tids.P02);
    await code(a, 4, 5, 'Shame in rupture');
    await writeStatement(a, 11, 12, 'Writing a sentence after each session makes the experience her own.', 'Owning the words');
    await clusterIntoPet(a, tids.P01, 'Too much to ask', 'Being kept waiting');
    await shot(a, 'alice-board');
    await clusterIntoPet(a, tids.P02, 'Words of my own', 'Writing a sentence');
  });

  it('lets the second blind coder do the same with private themes of his own', async () => {
    const b = pages.bob;
    await openWorksheet(b, tids.P01);
    await createPrivateTheme(b, 'Keeping a way out');
    await code(b, 2, 3, 'Keeping a way out');
    await createPrivateTheme(b, 'Ruptures and shame');
    await code(b, 5, 6, 'Ruptures and shame');
    await createPrivateTheme(b, 'Missing the room');
    await code(b, 14, 14, 'Missing the room');
    await writeStatement(b, 6, 6, 'After the lateness she shrinks and cannot meet the therapist\'s eyes.', 'Ruptures and shame');
    await openWorksheet(b, tids.P02);
    await code(b, 2, 2, 'Keeping a way out');
    await code(b, 5, 5, 'Ruptures and shame');
    await clusterIntoPet(b, tids.P01, 'Shrinking after the lateness', 'After the lateness');
    await shot(b, 'bob-board');
  });

  it('shows neither coder the other’s themes, statements or PETs, on screen or through a door', async () => {
    const theirs = { alice: ['Shame in rupture', 'Owning the words', 'Being kept waiting', 'Too much to ask', 'Words of my own'], bob: ['Keeping a way out', 'Ruptures and shame', 'Missing the room', 'After the lateness', 'Shrinking after the lateness'] };
    // What shows that each page has loaded the viewer's own work: a coding, then a PET.
    const own = { alice: ['Owning the words', 'Too much to ask', 'Too much to ask'], bob: ['Ruptures and shame', 'Shrinking after the lateness', 'Shrinking after the lateness'] };
    for (const [who, other] of [['alice', 'bob'], ['bob', 'alice']] as const) {
      const page = pages[who];
      const paths = [`/transcripts/${tids.P01}`, `/transcripts/${tids.P01}/board`, `/studies/${sid}/boards`];
      for (const [i, path] of paths.entries()) {
        await page.goto(`${server.url}${path}`);
        await expect.poll(() => page.locator('body').textContent(), { timeout: 10_000 }).toContain(own[who][i]!);
        // Option texts count too: not even a hidden menu entry may name the other's work.
        const shown = (await page.locator('body').textContent()) ?? '';
        expect(`${who} on ${path}: ${theirs[other].filter((label) => shown.includes(label)).join(', ')}`).toBe(`${who} on ${path}: `);
      }
    }
    await shot(pages.bob, 'bob-group-board-blind');
    // One door per kind, as bob: alice's themes in the REST tree, her statements over the
    // socket (her layer), her PETs on the REST board.
    const tree = await users.bob.api.get(`/api/studies/${sid}/themes`);
    expect(tree.status).toBe(200);
    expect(JSON.stringify(tree.json)).not.toContain('Shame in rupture');
    const socket = openClient(server, docName({ kind: 'layer', transcriptId: tids.P01, ownerId: users.alice.id }), users.bob.api.cookie);
    try {
      await closedWith(socket, CloseCode.Forbidden.code);
      expect(socket.doc.getMap('statements').size).toBe(0);
    } finally {
      socket.destroy();
    }
    expect((await users.bob.api.get(`/api/transcripts/${tids.P01}/boards/${users.alice.id}`)).status).toBe(403);
    expect((await users.bob.api.get(`/api/studies/${sid}/boards/${users.alice.id}`)).status).toBe(403);
  });

  // --- the lead's codebook reconciliation ------------------------------------------------------
  const card = (label: string) => pages.lead.getByRole('article', { name: label, exact: true });
  /** Picks the option whose text starts with `text` (a suggested target says so after its name). */
  async function chooseOption(select: Locator, text: string) {
    const value = await select.locator('option').filter({ hasText: text }).first().getAttribute('value');
    await select.selectOption(value!);
  }
  async function decide(theme: string, op: RegExp, fill: (form: Locator) => Promise<void>, rationale: string, status: string) {
    await card(theme).getByRole('button', { name: `Decide on ${theme}` }).click();
    const form = pages.lead.getByRole('form', { name: `Decision on ${theme}` });
    await form.getByRole('radio', { name: op }).check();
    await fill(form);
    await form.getByLabel('Rationale (required)').fill(rationale);
    await form.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => card(theme).locator('.cr-status').textContent(), { timeout: 10_000 }).toContain(status);
  }

  it('lets the lead reveal the themes and reconcile the codebooks: merge, map, promote and keep out', async () => {
    const lead = pages.lead;
    await lead.goto(`${server.url}/studies/${sid}/codebook`);
    await lead.getByRole('button', { name: 'Reveal the themes' }).click();
    await expect.poll(() => lead.locator('.cr-summary').textContent(), { timeout: 10_000 }).toContain('0 of 8 private themes decided');
    await shot(lead, 'codebook-revealed');
    const merge = /^Merge with other coders’ themes/;
    await decide('Shame in rupture', merge, async (form) => {
      await form.getByRole('checkbox', { name: /^Ruptures and shame/ }).check();
      await form.getByLabel('Label of the new shared theme').fill('Shame when the alliance breaks');
      await form.getByLabel('Place under').selectOption({ label: 'Relational safety' });
    }, 'Both coders read the lateness as a shame that silences her.', 'Merged into “Shame when the alliance breaks”');
    await decide('Keeping a way out', /^Map onto an existing theme/, (form) => chooseOption(form.getByLabel('Theme to map onto'), 'Relational safety'), 'Sitting by the door is the a-priori theme of safety.', 'Mapped onto “Relational safety”');
    await decide('Owning the words', /^Promote as it is/, async () => undefined, 'A theme of its own, found by one coder and agreed in the meeting.', 'Promoted');
    await decide('Missing the room', /^Keep out of the consensus/, async () => undefined, 'An afterthought at the end, not about the alliance.', 'Excluded from the consensus');
    await decide('Too much to ask', merge, async (form) => {
      await form.getByRole('checkbox', { name: /^Shrinking after the lateness/ }).check();
      await form.getByLabel('Label of the new shared theme').fill('Feeling too much');
    }, 'One personal theme of P01 seen from two sides.', 'Merged into “Feeling too much”');
    await decide('Words of my own', /^Promote as it is/, async () => undefined, 'P02’s own personal theme, kept as alice named it.', 'Promoted');
    await expect.poll(() => lead.locator('.cr-summary').textContent(), { timeout: 10_000 }).toContain('8 of 8 private themes decided');
    await lead.evaluate(() => window.scrollTo(0, 0));
    await shot(lead, 'codebook-decided');
  });

  it('lets the lead reveal both transcripts and resolve every disagreement in the queue', async () => {
    const lead = pages.lead;
    await lead.goto(`${server.url}/studies/${sid}/reconcile`);
    await lead.getByRole('heading', { name: 'Reveal for reconciliation' }).waitFor();
    await lead.getByLabel('Interview P01').check();
    await lead.getByLabel('Interview P02').check();
    lead.once('dialog', (d) => void d.accept());
    await lead.getByRole('button', { name: 'Reveal 2 transcripts' }).click();
    const detail = lead.getByRole('article', { name: 'disagreement' });
    const progress = lead.getByTestId('progress');
    // Agreement was computed on the mapped themes: what the decisions made one theme is agreed.
    // Left: alice's l. 8-9 alone (P01), bob's l. 2 alone and alice's extra l. 4 (P02).
    await lead.getByRole('list', { name: 'disagreements' }).waitFor();
    await shot(lead, 'reconcile-queue');
    await expect.poll(() => progress.textContent(), { timeout: 10_000 }).toContain('0 / 3 resolved');
    for (let i = 1; i <= 3; i++) {
      await detail.locator('[data-testid="item-status"]').filter({ hasNotText: 'resolved' }).waitFor();
      const theme = await detail.getByRole('heading', { level: 2 }).textContent();
      if (theme === 'Relational safety') {
        await detail.getByRole('button', { name: /^Drop/ }).click();
        await detail.getByLabel('rationale', { exact: true }).fill('Talking fast is about silence, not safety with the therapist.');
      } else {
        await detail.getByRole('button', { name: /^Accept alice/ }).click();
        await detail.getByLabel('rationale', { exact: true }).fill(`Alice’s reading of ${theme} stands: the lines carry it.`);
      }
      await detail.getByRole('button', { name: 'Resolve', exact: true }).click();
      await progress.filter({ hasText: `${i} / 3 resolved` }).waitFor();
      if (i < 3) await lead.keyboard.press('j');
    }
  });

  it('lets the lead cluster the agreed PETs into a GET across participants', async () => {
    const lead = pages.lead;
    await lead.goto(`${server.url}/studies/${sid}/boards`);
    await lead.getByRole('heading', { name: 'Group experiential themes across participants' }).waitFor();
    await lead.getByLabel('Name a new group experiential theme').fill('Taking up space in the room');
    await lead.getByLabel('Name a new group experiential theme').press('Enter');
    const get = lead.getByRole('region', { name: 'Taking up space in the room' });
    await get.waitFor();
    await lead.getByLabel('Place “Feeling too much” (P01) in').selectOption({ label: 'Taking up space in the room' });
    await lead.getByLabel('Place “Words of my own” (P02) in').selectOption({ label: 'Taking up space in the room' });
    await get.getByText('Participants: P01, P02 (2 of 2)').first().waitFor();
    await shot(lead, 'group-board');
  });

  it('exports the table of themes from its page, equal to the table worked out by hand', async () => {
    const lead = pages.lead;
    await lead.goto(`${server.url}/studies/${sid}/table`);
    await lead.getByRole('table', { name: 'table of themes' }).waitFor();
    await shot(lead, 'table');
    const [download] = await Promise.all([lead.waitForEvent('download'), lead.getByRole('navigation', { name: 'Export the table' }).getByRole('link', { name: 'Markdown' }).click()]);
    const exported = readFileSync((await download.path())!, 'utf8');
    // The one line that depends on when the test runs.
    expect(exported.replace(/^Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC /m, 'Generated YYYY-MM-DD HH:MM UTC ')).toBe(fixture('table-of-themes.md'));
  });
});
