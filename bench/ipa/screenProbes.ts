/**
 * The script installed in every page of the IPA screens benchmark before its own scripts run
 * (playwright addInitScript), watching from the first byte of the document for the screen's
 * readiness signal: at least `count` elements match `selector` (React has committed the screen's
 * content, seen by a MutationObserver callback), then the frame showing them has been produced (a
 * frame callback, then a message). `window.__ready` resolves with both moments in milliseconds
 * since navigation start (performance.now()'s origin), the number of elements in the document
 * then; `window.__firstScreen` the same for the first screenful (the matching elements reach the
 * bottom of the viewport, or are all there: a screen that renders its rows in steps shows its top
 * first); `window.__longTasks` collects the main thread's long tasks (over 50 ms);
 * `window.__afterFrame()` resolves with the moment the next frame has been produced.
 */
export function screenProbes(selector: string, count: number): string {
  return `(() => {
    const selector = ${JSON.stringify(selector)}, count = ${count};
    const longTasks = (window.__longTasks = []);
    try {
      new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) }); }).observe({ type: 'longtask', buffered: true });
    } catch {}
    // The moment the next frame has been produced: a frame callback, then a message.
    const afterFrame = (window.__afterFrame = () => new Promise((resolve) => requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now());
      ch.port2.postMessage(0);
    })));
    const whenever = (done) => new Promise((resolve) => {
      const finish = () => {
        const dom = performance.now();
        afterFrame().then((paint) => resolve({ dom, paint, elements: document.getElementsByTagName('*').length }));
      };
      if (done()) return finish();
      const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); finish(); } });
      mo.observe(document, { subtree: true, childList: true });
    });
    window.__ready = whenever(() => document.querySelectorAll(selector).length >= count);
    // The first screenful: the matching elements reach the bottom of the viewport (or are all there).
    window.__firstScreen = whenever(() => {
      const all = document.querySelectorAll(selector);
      return all.length >= count || (all.length > 0 && all[all.length - 1].getBoundingClientRect().bottom >= innerHeight);
    });
  })();`;
}
