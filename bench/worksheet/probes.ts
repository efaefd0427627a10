/**
 * Installed in every benchmark page before its scripts run (playwright addInitScript): records
 * each keydown's time and offers `__after(selector, count)`, which resolves with the time of the
 * first paint opportunity after more than `count` elements match `selector`. Times are epoch
 * milliseconds (timeOrigin + the high-resolution clock), so two pages on one machine compare.
 * "After paint" is a frame callback followed by a message: the frame that shows the change has
 * been produced when the message runs.
 */
export const PROBES = `
  window.__keys = [];
  document.addEventListener('keydown', (e) => window.__keys.push(performance.timeOrigin + e.timeStamp), true);
  window.__afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.timeOrigin + performance.now());
    ch.port2.postMessage(0);
  }));
  window.__after = (selector, count) => new Promise((resolve) => {
    const done = () => document.querySelectorAll(selector).length > count;
    if (done()) return window.__afterPaint().then(resolve);
    const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); window.__afterPaint().then(resolve); } });
    mo.observe(document.documentElement, { subtree: true, childList: true });
  });
  window.__typing = [];
  document.addEventListener('input', (e) => {
    const t = performance.timeOrigin + e.timeStamp;
    window.__afterPaint().then((p) => window.__typing.push(p - t));
  }, true);
`;
