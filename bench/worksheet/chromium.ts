import { type Browser, chromium } from 'playwright-core';

/**
 * The browser both worksheet benches launch. Chromium's headless mode is the full browser, which
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
  '--no-first-run',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup,PreloadTopChromeWebUI',
];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
