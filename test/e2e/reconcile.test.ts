import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditEvent, verifyChain } from '../../shared/auditChain';
import { readLayer } from '../../shared/coding';
import { docName } from '../../shared/docNames';
import { withDoc } from '../../server/ydocs/withDoc';
import type { RunningServer } from '../../server/server';
import { artifactPath, browserTestsReady, startBrowserAndServer, type BrowserAndServer } from '../helpers/browser';
import { eventually } from '../helpers/env';
import type { ApiClient } from '../helpers/http';
import { P01_TEXT, type ReconcileSeed, seedReconcileStudy } from './reconcileSeed';
import { signedInContext } from './studyViewsSeed';

const ready = browserTestsReady();

type Who = 'lead' | 'alice' | 'bob' | 'auditor';
interface ApiResolution { kind: string; themeId: string; spans: Array<{ start: number; end: number }>; codingIds: string[] }
interface ApiItem { key: string; status: string; resolution?: ApiResolution; history?: ApiResolution[] }

/**
 * Issue 6 in a browser: the lead reveals, two coders and the lead discuss with comments that
 * appear live in the other windows, the lead resolves every item using each resolution kind,
 * finalises and exports; coders never see resolution tools, the auditor sees everything and no
 * write control. One study is carried through the tests in order, as a team would.
 */
describe.skipIf(!ready)('reconciliation, table of themes and audit in Chromium', () => {
  let env: BrowserAndServer;
  let server: RunningServer;
  let browser: Browser;
  let seed: ReconcileSeed;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    env = await startBrowserAndServer();
    ({ server, browser } = env);
    seed = await seedReconcileStudy(server);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await env?.close();
  });

  async function pageAs(who: Who, path: string): Promise<Page> {
    const context = await signedInContext(await browser.newContext({ viewport: { width: 1500, height: 1000 } }), server.url, seed.users[who].api);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    return page;
  }
  const api = (who: Who): ApiClient => seed.users[who].api;
  const discussion = async () => (await api('lead').get(`/api/transcripts/${seed.t1}/discussion`)).json as { items: ApiItem[] | Record<string, ApiItem>; progress: { resolved: number; total: number } };
  const itemsOf = (d: { items: ApiItem[] | Record<string, ApiItem> }) => (Array.isArray(d.items) ? d.items : Object.values(d.items));
  const detail = (page: Page) => page.getByRole('article', { name: 'disagreement' });
  const progress = (page: Page) => page.getByTestId('progress');

  /** Drags the mouse over characters [from, to) of a context line, as a lead marking a span. */
  async function selectInContext(page: Page, line: number, from: number, to: number) {
    const text = detail(page).locator(`.rc-column`).first().locator(`li[data-line="${line}"] .rc-text`);
    const [a, b] = await text.evaluate((el, [s, e]) => {
      const at = (k: number, edge: 'left' | 'right') => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let acc = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const len = n.textContent?.length ?? 0;
          if (k < acc + len) {
            const r = document.createRange();
            r.setStart(n, k - acc);
            r.setEnd(n, k - acc + 1);
            const rect = r.getBoundingClientRect();
            return { x: edge === 'left' ? rect.left + 1 : rect.right - 1, y: rect.top + rect.height / 2 };
          }
          acc += len;
        }
        throw new Error('offset outside the line');
      };
      return [at(s!, 'left'), at(e! - 1, 'right')];
    }, [from, to]);
    await page.mouse.move(a!.x, a!.y);
    await page.mouse.down();
    await page.mouse.move(b!.x, b!.y, { steps: 5 });
    await page.mouse.up();
  }

  it('lets the lead reveal a batch from the study queue; every member then sees the disagreements', async () => {
    const lead = await pageAs('lead', `/studies/${seed.sid}`);
    await lead.getByRole('link', { name: 'Reconciliation' }).click();
    await lead.getByRole('heading', { name: 'Reveal for reconciliation' }).waitFor();
    await lead.getByLabel('Interview P01').check();
    await lead.getByLabel('Interview P02').check();
    // A phase change asks first: dismissing changes nothing, accepting reveals.
    lead.once('dialog', (dialog) => void dialog.dismiss());
    await lead.getByRole('button', { name: 'Reveal 2 transcripts' }).click();
    expect((await api('lead').get(`/api/studies/${seed.sid}/transcripts`)).json.transcripts.map((t: { phase: string }) => t.phase)).not.toContain('reconciling');
    const asked: string[] = [];
    lead.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await lead.getByRole('button', { name: 'Reveal 2 transcripts' }).click();
    await lead.getByRole('list', { name: 'disagreements' }).waitFor();
    expect(asked[0]).toMatch(/^Reveal 2 transcript\(s\) for reconciliation\?/);
    const d = await discussion();
    expect(d.progress.total).toBeGreaterThanOrEqual(5);
    await progress(lead).filter({ hasText: `0 / ${d.progress.total} resolved` }).waitFor();
    expect(await lead.getByRole('list', { name: 'disagreements' }).getByRole('button').count()).toBe(d.progress.total);
    // Both coders' versions side by side, each in the coder's colour.
    await detail(lead).getByRole('region', { name: "alice's version" }).waitFor();
    await detail(lead).getByRole('region', { name: "bob's version" }).waitFor();
    expect(await detail(lead).locator('.rc-coded').count()).toBeGreaterThan(0);
    // Filters narrow the queue: the category items of l. 10.
    await lead.getByLabel('filter by kind').selectOption('category');
    const categories = itemsOf(d).length && (await lead.getByRole('list', { name: 'disagreements' }).getByRole('button').count());
    expect(categories).toBeGreaterThan(0);
    expect(categories).toBeLessThan(d.progress.total);
    await lead.getByLabel('filter by kind').selectOption('');
    // Only the items where bob coded something: his presence item and his side of the others.
    await lead.getByLabel('filter by coder').selectOption({ label: 'bob' });
    const bobs = await lead.getByRole('list', { name: 'disagreements' }).getByRole('button').count();
    const expected = itemsOf(d).filter((i) => (i as unknown as { coders: Array<{ coder: string; spans: unknown[]; otherThemes: unknown[] }> }).coders.some((c) => c.coder === seed.users.bob.id && (c.spans.length > 0 || c.otherThemes.length > 0))).length;
    expect(bobs).toBe(expected);
    expect(bobs).toBeLessThan(d.progress.total);
    await lead.getByLabel('filter by coder').selectOption('');
    await lead.getByRole('button', { name: 'Keyboard shortcuts (?)' }).click();
    await lead.getByRole('definition').filter({ hasText: 'next disagreement' }).waitFor();
    await lead.screenshot({ path: artifactPath('reconcile-lead-revealed.png'), fullPage: true });
  });

  it('carries comments live between two coders and the lead; coders get no resolution tools', async () => {
    // Alice comes from her coding workspace, whose header now links to the reconciliation.
    const alice = await pageAs('alice', `/transcripts/${seed.t1}`);
    await alice.getByRole('link', { name: 'Reconcile', exact: true }).click();
    const bob = await pageAs('bob', `/transcripts/${seed.t1}/reconcile`);
    const lead = await pageAs('lead', `/transcripts/${seed.t1}/reconcile`);
    for (const p of [alice, bob, lead]) await detail(p).waitFor();
    const firstKey = await detail(alice).getAttribute('data-key');
    expect(await detail(bob).getAttribute('data-key')).toBe(firstKey);

    await alice.getByLabel('comment', { exact: true }).fill('I read "I trusted" as embodied: she describes it as a change in watching.');
    await alice.getByRole('button', { name: 'Comment', exact: true }).click();
    await bob.getByTestId('comment').filter({ hasText: 'a change in watching' }).waitFor();
    await lead.getByTestId('comment').filter({ hasText: 'a change in watching' }).waitFor();
    await detail(lead).getByTestId('item-status').filter({ hasText: 'discussed' }).waitFor();

    // Bob answers from the keyboard: c focuses the thread, Ctrl+Enter sends.
    await bob.keyboard.press('c');
    await bob.keyboard.type('To me it is trust in general, not in the body.');
    await bob.keyboard.press('Control+Enter');
    await alice.getByTestId('comment').filter({ hasText: 'not in the body' }).waitFor();
    await lead.getByTestId('comment').filter({ hasText: 'not in the body' }).waitFor();
    await lead.getByLabel('comment', { exact: true }).fill('Let us keep it where both of you see trust, and discuss the body at the next meeting.');
    await lead.keyboard.press('Control+Enter');
    await alice.getByTestId('comment').filter({ hasText: 'next meeting' }).waitFor();
    await bob.getByTestId('comment').filter({ hasText: 'next meeting' }).waitFor();

    // j moves the queue; the coders' views have a thread but no resolution or phase controls.
    await alice.keyboard.press('j');
    await eventually(async () => (await detail(alice).getAttribute('data-key')) !== firstKey);
    await alice.keyboard.press('k');
    await eventually(async () => (await detail(alice).getAttribute('data-key')) === firstKey);
    expect(await alice.getByRole('group', { name: 'resolution kind' }).count()).toBe(0);
    expect(await alice.getByRole('button', { name: /^(Resolve|Finalise|Reveal)/ }).count()).toBe(0);
    await alice.keyboard.press('u');
    expect(await alice.getByLabel('rationale', { exact: true }).count()).toBe(0);

    // A codebook decision taken from the disagreement renames the theme in every open window.
    await detail(lead).getByRole('button', { name: 'Codebook decision…' }).click();
    const decision = lead.getByRole('form', { name: 'codebook decision' });
    await decision.getByLabel('decision', { exact: true }).selectOption('rename');
    await decision.getByLabel('decision theme').selectOption({ label: 'Embodied trust' });
    await decision.getByLabel('new label').fill('Trust felt in the body');
    await decision.getByLabel('decision rationale').fill('Both readings agree it is felt before it is named.');
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await detail(alice).getByRole('heading', { name: 'Trust felt in the body' }).waitFor();
    await detail(alice).getByTestId('item-decision').filter({ hasText: 'felt before it is named' }).waitFor();
    await alice.screenshot({ path: artifactPath('reconcile-coder-thread.png'), fullPage: true });
    await bob.screenshot({ path: artifactPath('reconcile-coder-bob.png'), fullPage: true });
  });

  it('resolves every item with each resolution kind, live in a coder’s window, and the consensus matches', async () => {
    const lead = await pageAs('lead', `/transcripts/${seed.t1}/reconcile`);
    const alice = await pageAs('alice', `/transcripts/${seed.t1}/reconcile`);
    await detail(lead).waitFor();
    await detail(alice).waitFor();
    const total = (await discussion()).progress.total;
    const kinds = ['accept', 'union', 'intersection', 'custom', 'drop'];
    let customSpan = '';
    for (let i = 0; i < total; i++) {
      const key = (await detail(lead).getAttribute('data-key'))!;
      const kind = kinds[i] ?? 'accept';
      if (kind === 'accept') await detail(lead).getByRole('button', { name: /^Accept alice/ }).click();
      else if (kind === 'custom') {
        await detail(lead).getByRole('button', { name: /^Custom span and theme/ }).click();
        await detail(lead).getByLabel('custom theme').selectOption({ label: 'Time and pace' });
        const line = Number(await detail(lead).locator('.rc-column').first().locator('li.in-region').first().getAttribute('data-line'));
        await selectInContext(lead, line, 5, 30);
        await detail(lead).getByTestId('custom-span').filter({ hasText: `l. ${line}` }).waitFor();
        customSpan = `l. ${line}`;
      } else await lead.keyboard.press({ union: 'u', intersection: 'i', drop: 'x' }[kind]!);
      if (kind === 'drop') {
        // All from the keyboard: x focused the rationale (typing j there never moves the queue),
        // Ctrl+Enter sends.
        await lead.keyboard.type(`Rationale ${i + 1}: ${kind}, agreed in the meeting of 3 May; just noise.`);
        await lead.keyboard.press('Control+Enter');
      } else {
        await detail(lead).getByLabel('rationale', { exact: true }).fill(`Rationale ${i + 1}: ${kind}, agreed in the meeting of 3 May.`);
        await detail(lead).getByRole('button', { name: 'Resolve', exact: true }).click();
      }
      await detail(lead).getByTestId('item-status').filter({ hasText: 'resolved' }).waitFor();
      await progress(alice).filter({ hasText: `${i + 1} / ${total} resolved` }).waitFor();
      expect((await lead.locator(`.rc-entry[data-key="${key}"] .rc-status`).textContent())).toBe('resolved');
      if (i === 3) await lead.screenshot({ path: artifactPath('reconcile-lead-custom.png'), fullPage: true });
      if (i + 1 < total) {
        await lead.keyboard.press('j');
        await eventually(async () => (await detail(lead).getAttribute('data-key')) !== key);
      }
    }
    expect(customSpan).not.toBe('');
    // A revision keeps the earlier resolution in the history.
    for (let i = 1; i < total; i++) await lead.keyboard.press('k');
    await detail(lead).getByRole('button', { name: /^Union/ }).click();
    await detail(lead).getByLabel('rationale', { exact: true }).fill('Revised: the team kept the whole region after listening to the audio.');
    await detail(lead).getByRole('button', { name: 'Revise resolution' }).click();
    await detail(lead).getByText('1 earlier revision').waitFor();
    await detail(alice).getByText('1 earlier revision').waitFor();
    await lead.screenshot({ path: artifactPath('reconcile-lead-resolved.png'), fullPage: true });

    // Every resolution's consensus codings are in the consensus layer, with the resolution's spans.
    const items = itemsOf(await discussion());
    // Each kind was used once; the revision moved one item to union and kept the first in history.
    const used = items.flatMap((i) => [...(i.history ?? []), ...(i.resolution ? [i.resolution] : [])].map((r) => r.kind));
    expect(new Set(used)).toEqual(new Set(['accept', 'union', 'intersection', 'custom', 'drop']));
    expect(items.every((i) => i.status === 'resolved')).toBe(true);
    const consensus = await withDoc(server.services, docName({ kind: 'consensus', transcriptId: seed.t1 }), (doc) => readLayer(doc, P01_TEXT.length));
    for (const item of items) {
      const written = consensus.codings.filter((c) => item.resolution!.codingIds.includes(c.id));
      expect(written.map((c) => ({ start: c.start, end: c.end })).sort((a, b) => a.start - b.start)).toEqual([...item.resolution!.spans].sort((a, b) => a.start - b.start));
      expect(written.every((c) => c.themeId === item.resolution!.themeId)).toBe(true);
    }
    expect(consensus.codings.some((c) => c.themeId === seed.themes.pace)).toBe(true);
  });

  it('finalises both transcripts from the queue, after which nothing is writable', async () => {
    const alice = await pageAs('alice', `/transcripts/${seed.t1}/reconcile`);
    await alice.getByLabel('comment', { exact: true }).waitFor();
    const lead = await pageAs('lead', `/studies/${seed.sid}/reconcile`);
    await lead.getByRole('heading', { name: 'Finalise' }).waitFor();
    lead.on('dialog', (dialog) => void dialog.accept());
    await lead.getByRole('button', { name: 'Finalise Interview P01' }).click();
    await lead.getByRole('button', { name: 'Finalise Interview P02' }).click();
    await lead.getByRole('heading', { name: 'Finalise' }).waitFor({ state: 'detached' });
    const phases = (await api('lead').get(`/api/studies/${seed.sid}/transcripts`)).json.transcripts.map((t: { phase: string }) => t.phase);
    expect(phases).toEqual(['final', 'final']);
    await detail(lead).waitFor();
    expect(await lead.getByRole('group', { name: 'resolution kind' }).count()).toBe(0);
    expect(await lead.getByLabel('comment', { exact: true }).count()).toBe(0);
    // A coder who comes back to their window finds the transcript final: no comment box any more.
    await alice.evaluate(() => window.dispatchEvent(new Event('focus')));
    await alice.getByLabel('comment', { exact: true }).waitFor({ state: 'detached' });
  });

  it('shows the table of themes with citations and recurrence flags, and its exports open', async () => {
    const lead = await pageAs('lead', `/studies/${seed.sid}/table`);
    const table = lead.getByRole('table', { name: 'table of themes' });
    await table.waitFor();
    const row = (label: string) => table.locator(`tr[data-theme="${label}"]`);
    await row('Relational safety').getByTestId('recurrence').filter({ hasText: '2/2' }).waitFor();
    await row('Supervision').getByTestId('recurrence').filter({ hasText: 'below the rule' }).waitFor();
    await row('Time and pace').getByText(/P01, l\. 10/).first().waitFor();
    await lead.screenshot({ path: artifactPath('table-of-themes.png'), fullPage: true });

    // Per-case view: P02's personal themes.
    await lead.getByRole('tab', { name: 'P02' }).click();
    await lead.getByRole('table', { name: 'personal themes' }).getByText('Relational safety').waitFor();
    await lead.getByRole('table', { name: 'personal themes' }).getByText('(P02, l. 1)').waitFor();
    await lead.screenshot({ path: artifactPath('table-of-themes-case-p02.png'), fullPage: true });
    await lead.getByRole('tab', { name: 'All participants' }).click();

    const links = lead.getByRole('navigation', { name: 'Export the table' });
    const hrefOf = async (name: string) => `${server.url}${await links.getByRole('link', { name }).getAttribute('href')}`;
    const md = await lead.request.get(await hrefOf('Markdown'));
    expect(md.status()).toBe(200);
    expect(await md.text()).toContain('P01, l. 10');
    const csv = await lead.request.get(await hrefOf('CSV'));
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('Supervision');
    const docx = await lead.request.get(await hrefOf('Word (DOCX)'));
    expect(docx.status()).toBe(200);
    expect((await docx.body()).subarray(0, 2).toString('latin1')).toBe('PK');

    // The print-ready HTML (served as a download) renders as a real table in the browser.
    const exported = await lead.request.get(await hrefOf('HTML (print)'));
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toContain('text/html');
    const html = await lead.context().newPage();
    await html.setContent(await exported.text());
    await html.locator('table').first().waitFor();
    expect(await html.locator('body').textContent()).toContain('P01, l. 10');
    await html.screenshot({ path: artifactPath('table-of-themes-export.png'), fullPage: true });
  });

  it('shows the auditor everything, read-only, with the audit chain verified and exports that verify offline', async () => {
    const queue = await pageAs('auditor', `/transcripts/${seed.t1}/reconcile`);
    await detail(queue).waitFor();
    await queue.getByTestId('comment').filter({ hasText: 'a change in watching' }).waitFor();
    await detail(queue).getByTestId('resolution').waitFor();
    expect(await queue.locator('textarea, input[type="text"]').count()).toBe(0);
    expect(await queue.getByRole('button', { name: /^(Comment|Resolve|Revise|Reveal|Finalise|Accept|Union|Drop|Codebook decision)/ }).count()).toBe(0);
    await queue.screenshot({ path: artifactPath('reconcile-auditor.png'), fullPage: true });

    const audit = await pageAs('auditor', `/studies/${seed.sid}/audit`);
    await audit.getByTestId('chain').filter({ hasText: 'Hash chain verified' }).waitFor();
    const total = (await discussion()).progress.total;
    // Every resolution, the one revision, and the codebook decision taken from a disagreement.
    await eventually(async () => (await audit.getByTestId('decision').filter({ hasText: /^.*resolution \d/ }).count()) === total + 1);
    await audit.getByTestId('decision').filter({ hasText: 'codebook: rename' }).waitFor();
    await audit.getByTestId('decision').filter({ hasText: '(revised later)' }).waitFor();
    await audit.getByRole('button', { name: 'alice’s layer at reveal' }).first().click();
    // alice's independent coding as revealed, cited by line: l. 4 was hers alone.
    await audit.getByTestId('snapshot').filter({ hasText: 'Trust felt in the body (l. 4)' }).waitFor();
    expect(await audit.getByRole('button', { name: 'lead’s layer at reveal' }).count()).toBe(0);
    expect(await audit.locator('textarea, input[type="text"], select').count()).toBe(0);
    await audit.screenshot({ path: artifactPath('audit.png'), fullPage: true });

    const links = audit.getByRole('navigation', { name: 'Export the audit trail' });
    const json = await audit.request.get(`${server.url}${await links.getByRole('link', { name: 'JSON' }).getAttribute('href')}`);
    expect(json.status()).toBe(200);
    const exported = (await json.json()) as { events?: AuditEvent[] } | AuditEvent[];
    const events = Array.isArray(exported) ? exported : (exported.events ?? []);
    expect(events.map((e) => e.action)).toContain('transcript.phase');
    expect(verifyChain(events)).toEqual({ verified: true, redacted: 0 });
    const csv = await audit.request.get(`${server.url}${await links.getByRole('link', { name: 'CSV' }).getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\n').length).toBeGreaterThan(events.length);
    const record = await audit.request.get(`${server.url}/api/studies/${seed.sid}/reconciliation?format=md`);
    expect(record.status()).toBe(200);
    expect(await record.text()).toContain('agreed in the meeting of 3 May');
  });
});
