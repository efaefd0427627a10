import { type Browser, chromium } from 'playwright-core';

/**
 * The browser every browser bench launches (bench/worksheet.ts, bench/worksheet/trace.ts,
 * bench/ipaScreens.ts), and with the same flags every browser test (test/helpers/browser.ts):
 * Debian's Chromium through playwright-core. Chromium's headless mode is the full browser, which
 * loads its omnibox popup WebUI (some 80 chrome://resources and chrome://omnibox-popup modules)
 * for each new window, i.e. for each fresh browser context the benches open per round, at the
 * moment the page navigates: it competed with the page for the machine's 2 cores and, in a trace
 * (bench/worksheet/trace.ts), held the worksheet's static chunks until about 550 ms. A coder opening
 * the worksheet in a browser already running pays for that once per window, not per navigation, so
 * these features are disabled: the figures measure the page, not the browser's own window chrome.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // performance.memory reports exact heap figures (ipaScreens' heapMb), not bucketed ones.
  '--enable-precise-memory-info',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup,PreloadTopChromeWebUI',
];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
