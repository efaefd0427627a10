/**
 * Installed in every benchmark page before its scripts run (playwright addInitScript). Times are
 * epoch milliseconds (timeOrigin + the high-resolution clock), so two pages on one machine
 * compare. Two moments are taken for each change:
 * - `dom`: the change is in the document (a MutationObserver callback, i.e. React has committed);
 * - `paint`: the frame that shows it has been produced (a frame callback, then a message), which
 *   adds the wait for the next frame (up to 16.7 ms at 60 Hz) whatever the work.
 * `__afterRows` waits for the transcript's rows to cover the viewport from line 1 down (the
 * worksheet renders the rows near the viewport only; before it did, this was the moment all
 * 1,200 rows were committed, so the figure compares across the change).
 * `__keys` records each keydown's time; `__typing` each input event's handling (to the end of
 * its dispatch, React's commit included) and its next frame.
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
    const finish = () => { const dom = performance.timeOrigin + performance.now(); window.__afterPaint().then((paint) => resolve({ dom, paint })); };
    if (done()) return finish();
    const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); finish(); } });
    mo.observe(document.documentElement, { subtree: true, childList: true });
  });
  window.__afterRows = () => new Promise((resolve) => {
    const done = () => {
      const rows = document.querySelectorAll('.lines > li');
      if (rows.length === 0 || rows[0].id !== 'l-1') return false;
      return rows[rows.length - 1].getBoundingClientRect().bottom >= innerHeight;
    };
    const finish = () => { const dom = performance.timeOrigin + performance.now(); const rows = document.querySelectorAll('.lines > li').length; window.__afterPaint().then((paint) => resolve({ dom, paint, rows })); };
    if (done()) return finish();
    const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); finish(); } });
    mo.observe(document.documentElement, { subtree: true, childList: true });
  });
  window.__typing = [];
  let typed = 0;
  document.addEventListener('input', (e) => { typed = e.timeStamp; }, true);
  window.addEventListener('input', (e) => {
    const handled = performance.now() - typed;
    const t = performance.timeOrigin + typed;
    window.__afterPaint().then((p) => window.__typing.push({ handled, paint: p - t }));
  });
`;
