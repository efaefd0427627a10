/**
 * IPA screens in a real browser (issue 15 "Performance": each screen renders in under 1 s). The
 * study of bench/ipaBoards.ts (bench/ipa/seedIpaStudy.ts: 16 participants x 1,200 lines x 3
 * coders in a blind study, about 30,000 codings, 4,992 statements, 312 themes, themes revealed,
 * every transcript reconciling) is served by a real Concord server on SQLite with the built client,
 * and each screen is opened in Debian's Chromium through playwright-core, in a fresh browser
 * context each round (nothing cached), at 1280x800:
 * - caseBoard: the participant board of P01 as its coder alice sees it (her statements as cards);
 * - groupBoard: the board across participants as alice (her PETs of every case as cards in GETs);
 * - codebookReconciliation: the lead's codebook reconciliation (every coder's private themes);
 * - tableOfThemes: the lead's table of themes (every theme x 16 participants, extracts shown).
 * Screen ready: navigation start to the frame after the screen's content is in the document,
 * i.e. as many cards, private-theme cards or table rows as the server's REST answer for the same
 * screen has (so the signal cannot fire on a partial screen), then the next frame. Also reported:
 * the first screenful (the same elements reach the bottom of the 1280x800 viewport: the table
 * renders its rows in steps, top first), the time the screen's data requests were answered, the long tasks (> 50 ms) and the JS heap
 * (performance.memory) at that frame, the document's element count, and the main thread's work
 * by kind to the moment the numbers are read (script, style, layout: Chromium's counters). Target: p95 under 1 s.
 *   node bin/build.js client && nice -n 5 node bin/run-ts.js bench/ipaScreens.ts [--rounds 5] [--screens caseBoard,tableOfThemes] [--all-laid-out] [--star] [--cpu-profile DIR] [--out bench/results/ipaScreens.json]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CaseBoardResponse, CaseClusterJson, GroupBoardResponse, GroupClusterJson } from '../shared/boards/boardTypes';
import type { CodebookReconcileView } from '../shared/reconcile/codebookReconcileTypes';
import { createSession } from '../server/auth/sessions';
import { seedIpaStudy } from './ipa/seedIpaStudy';
import { screenProbes } from './ipa/screenProbes';
import { launchChromium } from './lib/chromium';
import { machine, uptime } from './lib/machine';
import { pct } from './lib/stats';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const out = opt('--out', 'bench/results/ipaScreens.json');
const ROUNDS = Number(opt('--rounds', '5'));
const TARGET_MS = 1_000;
const ONLY = opt('--screens', '').split(',').filter(Boolean);
/**
 * `--all-laid-out`: every element is styled, laid out and painted before the ready frame, as
 * before the table's cells skipped their contents off screen (`content-visibility: auto`,
 * client/src/styles.css): a constructed stylesheet sets `content-visibility: visible` on every
 * element. The ready signal is unchanged; this measures the earlier meaning of "every row" (every
 * row drawn, not only present). docs/benchmarks.md, issue 15.
 */
const ALL_LAID_OUT = args.includes('--all-laid-out');
const LAY_OUT_ALL = `(() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('* { content-visibility: visible !important; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
})();`;
/**
 * `--star`: on the table of themes, once the screen is ready and its requests are done (the
 * write-up document open), the lead stars the first unstarred key quote; `starMs` is the click to
 * the frame after its toggle shows pressed: the request, the table's refetch and the render of the
 * new answer (every row, or only the changed one: client/src/tables/keepRows.ts).
 */
const STAR = args.includes('--star');
const STAR_CLICK = `new Promise((resolve) => {
  const button = document.querySelector('table.tt button.tt-key-toggle[aria-pressed="false"]');
  if (!button) return resolve(null);
  const value = button.getAttribute('value');
  const pressed = () => document.querySelector('table.tt button.tt-key-toggle[aria-pressed="true"][value="' + value + '"]') !== null;
  const start = performance.now();
  const mo = new MutationObserver(() => {
    if (!pressed()) return;
    mo.disconnect();
    window.__afterFrame().then((paint) => resolve(Math.round(paint - start)));
  });
  mo.observe(document.querySelector('table.tt'), { subtree: true, attributes: true, attributeFilter: ['aria-pressed'] });
  button.click();
})`;
/**
 * `--cpu-profile DIR`: each measured round's page is sampled by V8's profiler (DevTools protocol,
 * 100 µs) from before navigation to the ready frame, written as DIR/<screen>-<round>.cpuprofile
 * (Chromium's performance panel opens it; bench/profileSummary.ts sums self time by function).
 * Sampling slows the page a little: the round's figures are not comparable to unprofiled ones.
 */
const PROFILE_DIR = args.includes('--cpu-profile') ? opt('--cpu-profile', '') : null;
const VIEWPORT = { width: 1280, height: 800 };

interface Screen {
  path: string;
  /** Whose session opens it. */
  cookie: string;
  /** The readiness signal: this many elements match the selector. */
  selector: string;
  count: number;
  /** The screen's data requests (their answers end the network part). */
  data: RegExp;
}

interface Round {
  readyMs: number;
  firstScreenMs: number;
  domMs: number;
  dataMs: number;
  afterDataMs: number;
  longTasks: number;
  longestTaskMs: number;
  heapMb: number | null;
  elements: number;
  mainThreadMs: { script: number; style: number; layout: number; tasks: number };
  /** `--star` only: the click to the starred frame, and the main thread's work in it (the counters' difference). */
  starMs?: number | null;
  starWork?: { script: number; style: number; layout: number; tasks: number };
}

const caseCards = (cs: readonly CaseClusterJson[]): number => cs.reduce((n, c) => n + c.cards.length + caseCards(c.subs), 0);
const groupCards = (gs: readonly GroupClusterJson[]): number => gs.reduce((n, g) => n + g.pets.length + groupCards(g.subs), 0);

async function main() {
  const loadBefore = uptime();
  const seed = await seedIpaStudy();
  const { server, studyId, transcriptIds, coders, get } = seed;
  const alice = coders[0]!;
  const aliceToken = (await createSession(server.services.db, alice.id, Date.now())).token;
  const caseBoard = (await get(`/api/transcripts/${transcriptIds[0]}/boards/${alice.id}`)) as CaseBoardResponse;
  const groupBoard = (await get(`/api/studies/${studyId}/boards/${alice.id}`)) as GroupBoardResponse;
  const codebook = (await get(`/api/studies/${studyId}/codebook/reconciliation`)) as CodebookReconcileView;
  const table = (await get(`/api/studies/${studyId}/themes/table?format=json`)) as { rows?: unknown[]; table?: { rows: unknown[] } };
  const tableRows = (table.rows ?? table.table?.rows ?? []).length;
  // The table's REST answer, whole (what every export and an unpaged consumer receive) and as the
  // screen asks for it (client/src/tables/ExtractCell.tsx SHOWN = 2 extracts per cell, the rest
  // on opening "n more"): bytes, and gzipped at the server's level (server/http/preparedJson.ts).
  const answerSize = async (query: string) => {
    const r = await fetch(`${server.url}/api/studies/${studyId}/themes/table?format=json${query}`, { headers: { cookie: `concord_session=${seed.token}` } });
    if (!r.ok) throw new Error(`table${query}: ${r.status}`);
    const body = Buffer.from(await r.arrayBuffer());
    return { bytes: body.length, gzipBytes: gzipSync(body, { level: 6 }).length };
  };
  const tableAnswer = { whole: await answerSize(''), screen: await answerSize('&perCell=2') };
  const screens: Record<string, Screen> = {
    caseBoard: { path: `/transcripts/${transcriptIds[0]}/board`, cookie: aliceToken, selector: '.board-card[data-statement]', count: caseBoard.unclustered.length + caseCards(caseBoard.clusters), data: /\/api\/(transcripts|studies)\// },
    groupBoard: { path: `/studies/${studyId}/boards`, cookie: aliceToken, selector: '.board-pet[data-pet]', count: groupBoard.unplaced.length + groupCards(groupBoard.gets), data: /\/api\/studies\// },
    codebookReconciliation: { path: `/studies/${studyId}/codebook`, cookie: seed.token, selector: 'article.cr-theme', count: codebook.coders.reduce((n, c) => n + c.themes.length, 0), data: /\/api\/studies\/[^/]+\/codebook\/reconciliation/ },
    tableOfThemes: { path: `/studies/${studyId}/table`, cookie: seed.token, selector: 'table.tt > tbody > tr', count: tableRows, data: /\/api\/studies\/[^/]+(\/themes\/table|$)/ },
  };
  for (const [name, s] of Object.entries(screens)) if (s.count === 0) throw new Error(`${name}: the REST answer has nothing to wait for`);

  const browser = await launchChromium();
  const rounds: Record<string, Round[]> = {};
  try {
    for (const [name, s] of Object.entries(screens)) {
      if (ONLY.length > 0 && !ONLY.includes(name)) continue;
      rounds[name] = [];
      // One unmeasured round per screen: the server's documents are loaded into its registry and its read models computed, as they are for a study in use.
      for (let r = -1; r < ROUNDS; r++) {
        const context = await browser.newContext({ viewport: VIEWPORT });
        await context.addCookies([{ name: 'concord_session', value: s.cookie, url: server.url }]);
        await context.addInitScript(screenProbes(s.selector, s.count));
        if (ALL_LAID_OUT) await context.addInitScript(LAY_OUT_ALL);
        const page = await context.newPage();
        page.setDefaultTimeout(60_000);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');
        if (PROFILE_DIR && r >= 0) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
          await cdp.send('Profiler.start');
        }
        await page.goto(`${server.url}${s.path}`, { waitUntil: 'commit' });
        type Seen = { dom: number; paint: number; elements: number };
        const [ready, first] = (await page.evaluate('Promise.all([window.__ready, window.__firstScreen])')) as [Seen, Seen];
        const after = (await page.evaluate(`({
          data: Math.max(0, ...performance.getEntriesByType('resource').filter((e) => ${s.data}.test(new URL(e.name).pathname) && e.responseEnd <= ${ready.dom}).map((e) => e.responseEnd)),
          heap: performance.memory ? performance.memory.usedJSHeapSize : null,
          longTasks: window.__longTasks.filter((t) => t.start < ${ready.paint}),
        })`)) as { data: number; heap: number | null; longTasks: Array<{ start: number; duration: number }> };
        if (PROFILE_DIR && r >= 0) {
          const { profile } = await cdp.send('Profiler.stop');
          mkdirSync(PROFILE_DIR, { recursive: true });
          writeFileSync(`${PROFILE_DIR}/${name}-${r}.cpuprofile`, JSON.stringify(profile));
        }
        // The main thread's work to that moment, by kind (Chromium's counters, in seconds).
        const { metrics } = await cdp.send('Performance.getMetrics');
        const metric = (m: string) => Math.round((metrics.find((x) => x.name === m)?.value ?? 0) * 1000);
        // After the counters were read: the star's work is not the screen's.
        let starMs: number | null | undefined;
        let starWork: Round['mainThreadMs'] | undefined;
        if (STAR && name === 'tableOfThemes') {
          await page.waitForLoadState('networkidle');
          const before = (await cdp.send('Performance.getMetrics')).metrics;
          starMs = (await page.evaluate(STAR_CLICK)) as number | null;
          const after = (await cdp.send('Performance.getMetrics')).metrics;
          const spent = (m: string) => Math.round(((after.find((x) => x.name === m)?.value ?? 0) - (before.find((x) => x.name === m)?.value ?? 0)) * 1000);
          starWork = { script: spent('ScriptDuration'), style: spent('RecalcStyleDuration'), layout: spent('LayoutDuration'), tasks: spent('TaskDuration') };
        }
        if (process.env.IPA_SCREENS_TRACE) console.error(name, JSON.stringify(await page.evaluate(`performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname.slice(0, 60), Math.round(e.startTime), Math.round(e.responseStart), Math.round(e.responseEnd), e.encodedBodySize, e.decodedBodySize])`)));
        // What the document's elements are (tag.class, most first): what to cut when the element count dominates.
        if (process.env.IPA_SCREENS_TRACE) console.error(name, JSON.stringify(await page.evaluate(`Object.entries([...document.getElementsByTagName('*')].reduce((m, e) => { const k = e.tagName.toLowerCase() + (e.classList[0] ? '.' + e.classList[0] : ''); m[k] = (m[k] || 0) + 1; return m; }, {})).sort((a, b) => b[1] - a[1]).slice(0, 20)`)));
        await context.close();
        if (r < 0) continue;
        rounds[name].push({
          readyMs: Math.round(ready.paint),
          firstScreenMs: Math.round(first.paint),
          domMs: Math.round(ready.dom),
          dataMs: Math.round(after.data),
          afterDataMs: Math.round(ready.paint - after.data),
          longTasks: after.longTasks.length,
          longestTaskMs: Math.max(0, ...after.longTasks.map((t) => t.duration)),
          heapMb: after.heap === null ? null : Math.round(after.heap / 1e5) / 10,
          elements: ready.elements,
          mainThreadMs: { script: metric('ScriptDuration'), style: metric('RecalcStyleDuration'), layout: metric('LayoutDuration'), tasks: metric('TaskDuration') },
          ...(starMs === undefined ? {} : { starMs, starWork }),
        });
      }
    }
  } finally {
    await browser.close();
    await seed.close();
  }
  const results = Object.fromEntries(
    Object.entries(rounds).map(([name, rs]) => {
      const p95 = pct(rs.map((r) => r.readyMs), 95);
      const s = screens[name]!;
      return [name, {
        readyP50Ms: pct(rs.map((r) => r.readyMs), 50),
        readyP95Ms: p95,
        firstScreenP50Ms: pct(rs.map((r) => r.firstScreenMs), 50),
        firstScreenP95Ms: pct(rs.map((r) => r.firstScreenMs), 95),
        dataP50Ms: pct(rs.map((r) => r.dataMs), 50),
        afterDataP50Ms: pct(rs.map((r) => r.afterDataMs), 50),
        afterDataP95Ms: pct(rs.map((r) => r.afterDataMs), 95),
        ...(STAR && name === 'tableOfThemes' ? { starP50Ms: pct(rs.map((r) => r.starMs ?? NaN), 50) } : {}),
        readiness: `${s.count} x ${s.selector}`,
        met: p95 !== null && p95 < TARGET_MS,
        rounds: rs,
      }];
    }),
  );
  const result = {
    bench: 'ipaScreens',
    at: new Date().toISOString(),
    machine: machine(),
    loadBefore,
    loadAfter: uptime(),
    study: seed.study,
    seedMs: seed.seedMs,
    browser: { viewport: `${VIEWPORT.width}x${VIEWPORT.height}`, freshContextEachRound: true },
    rounds: ROUNDS,
    allLaidOut: ALL_LAID_OUT,
    targetMs: TARGET_MS,
    tableAnswer,
    results,
  };
  const json = JSON.stringify(result, null, 2);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, json);
  process.stdout.write(`${json}\n`);
  if (!Object.values(results).every((r) => r.met)) process.exitCode = 1;
}

await main();
