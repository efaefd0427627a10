// A Chromium performance trace of the worksheet's first load (issue 16, first paint): what the
// frame showing the rows waits for. Same study and browser as bench/worksheet.ts; one page load
// traced through the browser's DevTools protocol (Tracing with devtools.timeline, loading, blink
// and v8 categories), written whole to --out (open it in Chromium's performance panel) and
// summarised on stdout: the page's requests and WebSockets, its main thread's tasks over 3 ms,
// and the frames, all in ms from navigation start.
// With --codings N, the coder's own codings are traced instead (number key 1 on a selected line,
// as bench/worksheet.ts does, with another coder's page open unless --alone): each coding's main-thread tasks
// from the key to the frame showing it.
//   node bin/build.js client && nice -n 5 node bin/run-ts.js bench/worksheet/trace.ts [--out /tmp/worksheet-trace.json] [--codings 15]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parseConfig } from '../../server/config';
import { startServer } from '../../server/server';
import { launchChromium } from '../lib/chromium';
import { type CpuProfile, addSelfTime, selfTimeLines } from '../lib/cpuProfile';
import { PROBES } from './probes';
import { codingLines, seedWorksheet } from './seedWorksheet';

const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1]! : join(tmpdir(), 'worksheet-trace.json');
const CODINGS = args.includes('--codings') ? Number(args[args.indexOf('--codings') + 1]) : 0;
// --alone: no other coder's page is open while the codings are traced (bench/worksheet.ts's pass without Bob).
const ALONE = args.includes('--alone');
const PROFILE = args.includes('--cpu-profile');

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'loading', 'blink', 'blink.user_timing', 'v8', 'v8.execute', 'netlog', 'toplevel'];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; [k: string]: unknown };
}

const dataDir = mkdtempSync(join(tmpdir(), 'concord-trace-worksheet-'));
const server = await startServer(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', PORT: '0' }));
const browser = await launchChromium();
try {
  const seed = await seedWorksheet(server);
  if (CODINGS > 0) await traceCodings(seed);
  else await traceLoad(seed);
} finally {
  await browser.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** One page load, traced: requests, main-thread tasks and frames from navigation start. */
async function traceLoad(seed: Awaited<ReturnType<typeof seedWorksheet>>) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addCookies([{ name: 'concord_session', value: seed.cookies.alice, url: server.url }]);
  await context.addInitScript(PROBES);
  const page = await context.newPage();
  const cdp = await browser.newBrowserCDPSession();
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((res) => cdp.once('Tracing.tracingComplete', () => res()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  await page.goto(`${server.url}/transcripts/${seed.tid}`);
  const rows = (await page.evaluate('window.__afterRows()')) as { dom: number; paint: number; rows: number };
  const saved = (await page.evaluate(`new Promise((res) => { const ok = () => document.querySelector('[data-status="saved"]'); const tick = () => ok() ? res(performance.timeOrigin + performance.now()) : requestAnimationFrame(tick); tick(); })`)) as number;
  const origin = (await page.evaluate('performance.timeOrigin')) as number;
  await cdp.send('Tracing.end');
  await complete;
  writeFileSync(out, JSON.stringify({ traceEvents: events }));

  // The page's renderer: the process whose main thread ran the navigation's document.
  const nav = events.find((e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').includes('/transcripts/'));
  if (!nav) throw new Error('no navigationStart for the worksheet in the trace');
  const t0 = nav.ts;
  const ms = (ts: number) => Math.round((ts - t0) / 100) / 10;
  const main = (e: TraceEvent) => e.pid === nav.pid && e.tid === nav.tid;
  console.log(`probes: rows (dom) ${Math.round(rows.dom - origin)} ms, rows next frame ${Math.round(rows.paint - origin)} ms (${rows.rows} rows), "saved" badge ${Math.round(saved - origin)} ms`);

  console.log('\nrequests (send -> finish):');
  const sends = new Map<string, { url: string; at: number }>();
  for (const e of events) {
    const d = e.args?.data;
    if (!d) continue;
    if (e.name === 'ResourceSendRequest') sends.set(String(d.requestId), { url: String(d.url), at: e.ts });
    if (e.name === 'ResourceFinish') {
      const s = sends.get(String(d.requestId));
      if (s) console.log(`  ${ms(s.at)} -> ${ms(e.ts)}  ${s.url.replace(server.url, '')}`);
    }
    if (e.name.startsWith('WebSocket')) console.log(`  ${ms(e.ts)} ${e.name} ${String(d.url ?? '').replace(/^ws:\/\/[^/]+/, '')}`);
  }

  console.log('\nmain thread tasks over 3 ms (start, duration, what):');
  const top = events.filter((e) => main(e) && e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > 3000 && e.ts >= t0);
  for (const task of top) {
    const end = task.ts + task.dur!;
    const inside = events.filter((e) => main(e) && e.ph === 'X' && e.ts >= task.ts && e.ts < end && e !== task && (e.dur ?? 0) > 500);
    const what = inside
      .filter((e) => ['EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'ParseHTML', 'Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize', 'HitTest', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'BlinkGC.AtomicPhase', 'XHRReadyStateChange', 'ResourceReceivedData', 'v8.run', 'ScheduleStyleRecalculation', 'ParseAuthorStyleSheet', 'RunMicrotasks', 'FireIdleCallback', 'v8.parseOnBackground'].includes(e.name))
      .map((e) => {
        const d = e.args?.data ?? {};
        const detail = String(d.url ?? d.functionName ?? d.type ?? '').replace(server.url, '').replace(/^.*\/assets\//, '');
        return `${e.name}${detail ? `(${detail})` : ''} ${Math.round(e.dur! / 100) / 10}`;
      });
    console.log(`  ${ms(task.ts)} +${Math.round(task.dur! / 100) / 10}  ${what.slice(0, 8).join(', ')}`);
  }
  const busy = top.reduce((s, e) => s + e.dur!, 0);
  console.log(`  (tasks over 3 ms: ${Math.round(busy / 1000)} ms in all)`);

  console.log('\nframes (begin frame / drawn):');
  for (const e of events.filter((e) => ['DrawFrame', 'BeginMainThreadFrame', 'Commit', 'PaintImage', 'firstContentfulPaint', 'firstPaint', 'MarkFirstPaint'].includes(e.name) && e.ts >= t0 && e.ts - t0 < (rows.paint - origin + 200) * 1000 && (e.pid === nav.pid)))
    console.log(`  ${ms(e.ts)} ${e.name}`);
  console.log(`\ntrace: ${out}`);
  await context.close();
}

/** The coder's own codings, traced: per coding, what the main thread did from the key to the frame that shows it. */
async function traceCodings(seed: Awaited<ReturnType<typeof seedWorksheet>>) {
  const open = async (cookie: string) => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addCookies([{ name: 'concord_session', value: cookie, url: server.url }]);
    await context.addInitScript(PROBES);
    const page = await context.newPage();
    await page.goto(`${server.url}/transcripts/${seed.tid}`);
    await page.locator('[data-status="saved"]').waitFor();
    return page;
  };
  const alice = await open(seed.cookies.alice);
  const bob = ALONE ? null : await open(seed.cookies.bob);
  // --cpu-profile: V8's sampling profiler on the coder's page from just before each key press to
  // the frame that shows the coding, and on the other coder's page to the frame that shows it
  // there; self time by function is summed over the codings.
  const sampler = async (page: Page | null) => {
    if (!PROFILE || !page) return null;
    const session = await page.context().newCDPSession(page);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 100 });
    return session;
  };
  const profiler = await sampler(alice);
  const bobProfiler = await sampler(bob);
  const jsSelf = new Map<string, number>();
  const bobSelf = new Map<string, number>();
  const skip = new Set(['(idle)', '(program)']);
  const cdp = await browser.newBrowserCDPSession();
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((res) => cdp.once('Tracing.tracingComplete', () => res()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  const lines = codingLines(CODINGS, 0);
  for (let i = 0; i < CODINGS; i++) {
    // Spread over the transcript as bench/worksheet.ts spreads them (any count fits).
    const line = lines[i]!;
    await alice.locator(`#l-${line}`).scrollIntoViewIfNeeded();
    await alice.locator(`#l-${line}:not(.plain)`).waitFor();
    await alice.locator(`#l-${line} .text-col`).evaluate((el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
      el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    await alice.getByText(new RegExp(`Selected l\\. ${line}\\b`)).waitFor();
    await bob?.locator(`#l-${line}`).scrollIntoViewIfNeeded();
    const sel = `#l-${line}:not(.plain) [data-testid="coding"]`;
    const mine = await alice.locator(sel).count();
    const seen = alice.evaluate(`window.__after(${JSON.stringify(sel)}, ${mine}).then((t) => { performance.mark('seen-${i}'); return t; })`) as Promise<{ dom: number; paint: number }>;
    const otherSel = `#l-${line}:not(.plain) [data-testid="other-coding"]`;
    const bobSeen = bobProfiler && bob ? (bob.evaluate(`window.__after(${JSON.stringify(otherSel)}, ${await bob.locator(otherSel).count()})`) as Promise<unknown>) : null;
    if (bobProfiler) await bobProfiler.send('Profiler.start');
    if (profiler) await profiler.send('Profiler.start');
    await alice.evaluate(`window.__keys.length = 0; performance.mark('before-${i}')`);
    await alice.keyboard.press('1');
    const t = await seen;
    if (profiler) addSelfTime(((await profiler.send('Profiler.stop')) as { profile: CpuProfile }).profile, jsSelf, skip);
    if (bobProfiler) {
      await bobSeen;
      addSelfTime(((await bobProfiler.send('Profiler.stop')) as { profile: CpuProfile }).profile, bobSelf, skip);
    }
    const key = ((await alice.evaluate('window.__keys')) as number[])[0]!;
    console.log(`coding ${i + 1} (line ${line}): dom ${Math.round(t.dom - key)} ms, next frame ${Math.round(t.paint - key)} ms`);
    // Let the server's acknowledgement and the other page's presence settle, as between a coder's codings.
    await alice.waitForTimeout(300);
  }
  await cdp.send('Tracing.end');
  await complete;
  writeFileSync(out, JSON.stringify({ traceEvents: events }));
  if (bobProfiler) {
    const busy = [...bobSelf.values()].reduce((a, b) => a + b, 0);
    console.log(`JS self time in the other coder's page over the ${CODINGS} codings (key to its frame there): ${Math.round(busy / 1000)} ms`);
    for (const line of selfTimeLines(bobSelf, 30)) console.log(line);
  }
  if (profiler) {
    const busy = [...jsSelf.values()].reduce((a, b) => a + b, 0);
    console.log(`JS self time over ${CODINGS} codings (key to frame, sampled): ${Math.round(busy / 1000)} ms`);
    for (const line of selfTimeLines(jsSelf, 30)) console.log(line);
  }
  const marks = (name: string) => events.find((e) => e.name === name);
  const page = events.find((e) => e.name === 'before-0')!;
  const main = (e: TraceEvent) => e.pid === page.pid && e.tid === page.tid;
  for (let i = 0; i < CODINGS; i++) {
    const from = marks(`before-${i}`)!.ts;
    const to = marks(`seen-${i}`)!.ts + 40_000;
    const tasks = events.filter((e) => main(e) && e.ph === 'X' && e.name === 'RunTask' && e.ts >= from && e.ts < to && (e.dur ?? 0) > 1000);
    const parts = tasks.map((task) => {
      const inside = events.filter((e) => main(e) && e.ph === 'X' && e.ts >= task.ts && e.ts < task.ts + task.dur! && (e.dur ?? 0) > 300 && ['EventDispatch', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'MinorGC', 'MajorGC', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'RunMicrotasks', 'HitTest', 'Layerize', 'FireIdleCallback'].includes(e.name));
      return `    +${Math.round((task.ts - from) / 100) / 10} ${Math.round(task.dur! / 100) / 10} ms: ${inside.map((e) => `${e.name}${e.name === 'EventDispatch' ? `(${String(e.args?.data?.type)})` : ''} ${Math.round(e.dur! / 100) / 10}`).join(', ')}`;
    });
    console.log(`coding ${i + 1}: tasks over 1 ms from the key's mark to 40 ms after the probe saw it\n${parts.join('\n')}`);
  }
}
