// Debian's Chromium for the browser tests: test/helpers/browser.ts, and the run's shared instance
// started by test/globalSetup.ts (a small module: the global setup loads no server code).
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium's flags: headless, and kept from reaching out to the network, which this machine refuses. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

