// The worksheet in a real browser (issue 16 "Performance"): on a 1,200-line transcript with 600
// codings and 200 notes from three coders (open mode), measured in Debian's Chromium through
// playwright-core against a Concord server on a fresh SQLite data directory:
// - first paint: navigation to the first frame showing the transcript's numbered rows from line 1
//   to past the bottom of the 1920x1080 viewport (the worksheet renders the rows near the
//   viewport; `rowsInDom` says how many were in the page then), and, reported beside it, the
//   frame whose legend counts all three layers' codings, and the part of the first paint after the
//   worksheet's data requests were answered (the page's own work, without the network waterfall);
// - a keystroke in a note: each input event to the frame that shows it;
// - applying a coding (number key 1 on a selected line, scrolled into view in both pages): the key
//   to the frame showing it in the coder's page, and in another coder's page (open mode). The
//   `--codings` lines (40 by default) are spread evenly over the transcript, so each coding
//   follows a scroll of about a screen; the key is pressed after the frame that shows the
//   selection (a coder sees it before pressing a key). Every sample is kept in the JSON (`samples`:
//   index, line, dom, next frame, the scroll before the key, the rows rendered in full at the key
//   and after the frame, the other coder's figures), so a slow one can be told apart.
//   Two passes: with Bob's page open (`codingVisibleToCoder`, `codingVisibleToOtherCoder`), then
//   with it closed (`codingVisibleToCoderAlone`, other lines; `--no-alone` skips it,
//   `--alone-first` runs it before Bob's page is opened, to check that the page's age is not
//   what differs). **The target for the coder's own coding (50 ms, p95) is judged on the pass
//   without Bob's page**: a real coder's browser does not render the other coder's page, and here
//   both pages' renderers, the browser's GPU process and the server (in this process, committing
//   the coding) share 2 cores, so Bob's page's reaction to each coding (~40 ms of script, then its frame,
//   at a load of 10) runs at the same moment as Alice's frame. With Bob's page open the coder's
//   median was higher in every run and the p95 in most, up to 3-4x (docs/benchmarks.md, "Issue 16:
//   the coder's frame"). The pass without Bob's page still has the server's commit and broadcast of the coding
//   on the same cores, and every cost of the coder's own page. The combined figure stays printed
//   (`met.codingOwnWithOtherPage`); the other coder's target is judged in the combined pass.
//   node bin/build.js client && nice -n 5 node bin/run-ts.js bench/worksheet.ts [--out bench/results/worksheet.json] [--rounds 3] [--codings 40] [--no-alone | --alone-first]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parseConfig } from '../server/config';
import { startServer } from '../server/server';
import { machine, uptime } from './lib/machine';
import { launchChromium } from './lib/chromium';
import { PROBES } from './worksheet/probes';
import { CODINGS, LINES, NOTES, codingLines, seedWorksheet } from './worksheet/seedWorksheet';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const out = opt('--out', 'bench/results/worksheet.json');
const ROUNDS = Number(opt('--rounds', '3'));
const CODING_RUNS = Number(opt('--codings', '40'));
// --no-settle: press the key without waiting for the selection's frame (as the bench did before).
const SETTLE = !args.includes('--no-settle');
const ALONE = !args.includes('--no-alone');
// A bench must never hang silently (a run once waited until an outer 400 s kill): past this many
// seconds it stops with the step it was waiting in, and exits non-zero.
const LIMIT_S = Number(opt('--limit', '300'));
let step = 'starting';
const watchdog = setTimeout(() => {
  console.error(`bench/worksheet: no result after ${LIMIT_S} s; stuck in: ${step}`);
  process.exit(2);
}, LIMIT_S * 1000);
watchdog.unref();
const TARGETS = { firstPaintMs: 500, keystrokeMs: 16, codingOwnMs: 50, codingOtherMs: 300 };

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, median: r(q(0.5)), p95: r(q(0.95)), max: r(s[s.length - 1]!) };
};

async function open(browser: Browser, url: string, cookie: string, path: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addCookies([{ name: 'concord_session', value: cookie, url }]);
  await context.addInitScript(PROBES);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${url}${path}`);
  return { page, close: () => context.close() };
}

/** Scrolls line `n` into view as a coder would (the worksheet renders the rows near the viewport in full), then selects it. */
async function selectLine(page: Page, n: number) {
  await page.locator(`#l-${n}`).scrollIntoViewIfNeeded();
  await page.locator(`#l-${n}:not(.plain)`).waitFor();
  await page.locator(`#l-${n} .text-col`).evaluate((el) => {
    const r = document.createRange();
    r.selectNodeContents(el);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(r);
    el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  });
  await page.getByText(new RegExp(`Selected l\\. ${n}\\b`)).waitFor();
}

/** One coding's figures, ms from the key press; kept per sample so a slow one can be told apart. */
interface CodingSample {
  index: number;
  line: number;
  /** The coding in the coder's document (React has committed) and the next frame after it. */
  dom: number;
  paint: number;
  /** How far the page scrolled to bring the line into view before the key (0: it was in view). */
  scrolledPx: number;
  /** The first and last rows rendered in full, at the key and after the frame: a move means the row window re-rendered in the measured interval. */
  windowAtKey: string;
  windowAfter: string;
  /** In the other coder's page (absent in a pass without it). */
  otherDom?: number;
  otherPaint?: number;
}

const ROW_WINDOW = `(() => { const full = document.querySelectorAll('.lines > li:not(.plain)'); return full.length ? full[0].id + '..' + full[full.length - 1].id : ''; })()`;

/**
 * Applies a coding with key 1 on each of `lines` in Alice's page and times it there and, when
 * `bob` is given, in Bob's page (open mode: Alice's coding shows there as another coder's).
 */
async function codingPass(alice: Page, bob: Page | null, lines: number[], label: string): Promise<CodingSample[]> {
  const samples: CodingSample[] = [];
  for (const [i, line] of lines.entries()) {
    step = `${label}: coding ${i + 1} of ${lines.length} (line ${line}), selecting`;
    const scrollBefore = (await alice.evaluate('scrollY')) as number;
    await selectLine(alice, line);
    const scrolledPx = Math.round(Math.abs(((await alice.evaluate('scrollY')) as number) - scrollBefore));
    if (bob) {
      await bob.locator(`#l-${line}`).scrollIntoViewIfNeeded();
      await bob.locator(`#l-${line}:not(.plain)`).waitFor();
    }
    // Counted in the coded line's own row: the rows away from the viewport are plain (no cards),
    // so a count over the whole page moves whenever the row window moves, and a wait for "one
    // card more than before" can be overtaken by a window move that drops cards after the count.
    // That was the hang "coding 11 of 15" (line 740): Bob's page held 39 cards against 40
    // counted, with Alice's coding shown in the row (docs/benchmarks.md). The row stays in full
    // while it is in view.
    const ownSel = `#l-${line}:not(.plain) [data-testid="coding"]`;
    const otherSel = `#l-${line}:not(.plain) [data-testid="other-coding"]`;
    const mine = await alice.locator(ownSel).count();
    const theirs = bob ? await bob.locator(otherSel).count() : 0;
    type Seen = Promise<{ dom: number; paint: number }>;
    const seenOwn = alice.evaluate(`window.__after(${JSON.stringify(ownSel)}, ${mine})`) as Seen;
    const seenOther = bob ? (bob.evaluate(`window.__after(${JSON.stringify(otherSel)}, ${theirs})`) as Seen) : null;
    // Neither wait may end as an unhandled rejection when the other one fails first.
    seenOwn.catch(() => undefined);
    seenOther?.catch(() => undefined);
    // The coder sees the selection before pressing a key (a person's key press comes well after its frame).
    if (SETTLE) await alice.evaluate('window.__afterPaint().then(() => window.__afterPaint())');
    const windowAtKey = (await alice.evaluate(`window.__keys.length = 0; ${ROW_WINDOW}`)) as string;
    await alice.keyboard.press('1');
    // Each page waits on its own, with its own limit, so a hang names the page and what it shows.
    const within = async <T,>(p: Promise<T>, who: string, page: Page, sel: string): Promise<T> => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((res) => (timer = setTimeout(() => res('late'), 20_000)));
      const first = await Promise.race([p, late]);
      clearTimeout(timer);
      if (first !== 'late') return first as T;
      const state = await page.evaluate(`({ cards: document.querySelectorAll(${JSON.stringify(sel)}).length, row: document.querySelector('#l-${line}')?.className, selected: document.querySelector('.composer')?.textContent?.slice(0, 80) ?? null, notice: document.querySelector('.notice')?.textContent ?? null, status: [...document.querySelectorAll('[data-status]')].map((e) => e.getAttribute('data-status')) })`);
      throw new Error(`${label}: coding ${i + 1} (line ${line}): not shown in ${who}'s page after 20 s: ${JSON.stringify(state)} (cards before: ${who === 'alice' ? mine : theirs})`);
    };
    step = `${label}: coding ${i + 1} of ${lines.length} (line ${line}): waiting for the coding in Alice's page`;
    const a = await within(seenOwn, 'alice', alice, ownSel);
    const windowAfter = (await alice.evaluate(ROW_WINDOW)) as string;
    step = `${label}: coding ${i + 1} of ${lines.length} (line ${line}): waiting for the coding in Bob's page`;
    const b = seenOther && bob ? await within(seenOther, 'bob', bob, otherSel) : null;
    const key = ((await alice.evaluate('window.__keys')) as number[])[0]!;
    const r = (x: number) => Math.round(x * 10) / 10;
    samples.push({ index: i, line, dom: r(a.dom - key), paint: r(a.paint - key), scrolledPx, windowAtKey, windowAfter, ...(b ? { otherDom: r(b.dom - key), otherPaint: r(b.paint - key) } : {}) });
  }
  return samples;
}

async function main() {
  const loadBefore = uptime();
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-worksheet-'));
  const server = await startServer(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', PORT: '0' }));
  const browser = await launchChromium();
  try {
    step = 'seeding the study (1,200 lines, three layers)';
    const seed = await seedWorksheet(server);
    if (seed.lineCount !== LINES) throw new Error(`the transcript has ${seed.lineCount} lines, not ${LINES}`);
    const path = `/transcripts/${seed.tid}`;

    // First paint, in a fresh browser context each round (nothing cached).
    const firstPaint: Array<{ fcpMs: number; linesMs: number; allLayersMs: number; rowsInDom: number; dataMs: number; afterDataMs: number }> = [];
    for (let r = 0; r < ROUNDS; r++) {
      step = `first paint, round ${r + 1} of ${ROUNDS} (rows and legend of three layers)`;
      const { page, close } = await open(browser, server.url, seed.cookies.alice, path);
      const [linesAt, layersAt] = await Promise.all([
        page.evaluate('window.__afterRows()') as Promise<{ paint: number; rows: number }>,
        page.evaluate(`window.__after('.legend-item', 2).then(() => new Promise((res) => { const ok = () => [...document.querySelectorAll('.legend-item')].filter((e) => /\\(200 codings/.test(e.textContent)).length === 3; const tick = () => ok() ? window.__afterPaint().then(res) : requestAnimationFrame(tick); tick(); }))`) as Promise<number>,
      ]);
      // When the last of the worksheet's three requests (transcript, study, members) was answered: what follows is the page's own work.
      const t = (await page.evaluate(`({ origin: performance.timeOrigin, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1, data: Math.max(...performance.getEntriesByType('resource').filter((e) => /\\/api\\/(transcripts|studies)\\//.test(e.name) && !/proposals/.test(e.name)).map((e) => e.responseEnd)) })`)) as { origin: number; fcp: number; data: number };
      firstPaint.push({ fcpMs: Math.round(t.fcp), linesMs: Math.round(linesAt.paint - t.origin), allLayersMs: Math.round(layersAt - t.origin), rowsInDom: linesAt.rows, dataMs: Math.round(t.data), afterDataMs: Math.round(linesAt.paint - t.origin - t.data) });
      await close();
    }

    const alice = await open(browser, server.url, seed.cookies.alice, path);
    await alice.page.locator('[data-status="saved"]').waitFor();
    // The pass without Bob's page is run last, or (--alone-first, to check that the page's age
    // does not decide the difference) before Bob's page is opened.
    const aloneLines = codingLines(CODING_RUNS, Math.floor((LINES - 80) / CODING_RUNS / 2));
    const aloneFirst = ALONE && args.includes('--alone-first') ? await codingPass(alice.page, null, aloneLines, 'alone') : null;
    const bob = await open(browser, server.url, seed.cookies.bob, path);
    await bob.page.locator('[data-status="saved"]').waitFor();

    // Keystrokes in a note being edited.
    await alice.page.locator('[data-testid="note"]').first().getByRole('button', { name: /edit/i }).click();
    const area = alice.page.getByLabel('note text');
    await area.focus();
    await area.press('End');
    step = 'keystrokes in a note';
    await alice.page.evaluate('window.__typing.length = 0');
    await alice.page.keyboard.type(' and the room felt quieter than before', { delay: 40 });
    await alice.page.waitForFunction(() => (window as unknown as { __typing: number[] }).__typing.length >= 38);
    const typing = (await alice.page.evaluate('window.__typing')) as Array<{ handled: number; paint: number }>;
    await alice.page.getByRole('button', { name: 'Cancel' }).click();

    // Applying a coding with key 1: in the coder's page, and in the other coder's.
    step = 'codings with both pages open';
    const both = await codingPass(alice.page, bob.page, codingLines(CODING_RUNS, 0), 'both pages');
    // The coder's own codings again with Bob's page closed (its own lines, between the first
    // pass's): nothing else in the browser reacts to the coding (see the header).
    await bob.close();
    const alone = aloneFirst ?? (ALONE ? await codingPass(alice.page, null, aloneLines, 'alone') : []);
    await alice.close();

    const linesStats = stats(firstPaint.map((f) => f.linesMs));
    const result = {
      at: new Date().toISOString(),
      machine: machine(),
      loadBefore,
      loadAfter: uptime(),
      fixture: { lines: LINES, codings: CODINGS, notes: NOTES, coders: 3, mode: 'open', viewport: '1920x1080' },
      firstPaint: { rounds: firstPaint, lines: linesStats, allLayers: stats(firstPaint.map((f) => f.allLayersMs)), fcp: stats(firstPaint.map((f) => f.fcpMs)), dataAnswered: stats(firstPaint.map((f) => f.dataMs)), afterData: stats(firstPaint.map((f) => f.afterDataMs)) },
      keystrokeInNote: { handled: stats(typing.map((t) => t.handled)), nextFrame: stats(typing.map((t) => t.paint)) },
      codingVisibleToCoder: { dom: stats(both.map((t) => t.dom)), nextFrame: stats(both.map((t) => t.paint)), samples: both },
      ...(ALONE ? { codingVisibleToCoderAlone: { dom: stats(alone.map((t) => t.dom)), nextFrame: stats(alone.map((t) => t.paint)), samples: alone } } : {}),
      codingVisibleToOtherCoder: { dom: stats(both.map((t) => t.otherDom!)), nextFrame: stats(both.map((t) => t.otherPaint!)) },
      targets: TARGETS,
      met: {
        firstPaint: linesStats.median < TARGETS.firstPaintMs,
        keystroke: stats(typing.map((t) => t.handled)).p95 < TARGETS.keystrokeMs,
        // Judged without Bob's page when that pass ran (see the header); with it, beside it.
        codingOwn: stats((ALONE ? alone : both).map((t) => t.paint)).p95 < TARGETS.codingOwnMs,
        codingOwnWithOtherPage: stats(both.map((t) => t.paint)).p95 < TARGETS.codingOwnMs,
        codingOther: stats(both.map((t) => t.otherPaint!)).p95 < TARGETS.codingOtherMs,
      },
    };
    step = 'writing the result';
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    step = 'closing the browser and the server';
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
clearTimeout(watchdog);
