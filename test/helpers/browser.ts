import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../bench/lib/chromium';
import type { RunningServer } from '../../server/server';
import { testServer } from './env';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** Whether Debian's Chromium is installed (.ci/run installs it). */
export const haveChromium = () => existsSync(CHROMIUM);

/**
 * Launches Debian's Chromium headless with a fresh profile; never downloads a browser.
 * The flags keep it from reaching out to the network, which this machine refuses.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  // playwright-core gives every launch a fresh temporary --user-data-dir of its own (it refuses
  // one passed in args); contexts from newContext() are isolated like separate profiles.
  // The benches' flags (bench/lib/chromium.ts): no network, no window chrome beside the page.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    browser,
    close: async () => {
      await browser.close();
    },
  };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/**
 * Whether the browser suites can run here: Debian's Chromium and the built client (npm test
 * builds it). In CI (CONCORD_REQUIRE_BROWSER=1) a missing piece is an error, never a skip.
 */
export function browserTestsReady(): boolean {
  const built = existsSync(join(process.cwd(), 'client', 'dist', 'index.html'));
  const ready = haveChromium() && built;
  if (!ready && process.env.CONCORD_REQUIRE_BROWSER) throw new Error('browser tests required: install chromium and run npm run build');
  return ready;
}

export interface BrowserAndServer {
  server: RunningServer;
  browser: Browser;
  /** Closes Chromium, then the server and its database. */
  close: () => Promise<void>;
}

/** A server on a fresh SQLite database and Debian's Chromium, for one browser suite. */
export async function startBrowserAndServer(): Promise<BrowserAndServer> {
  const started = await testServer('sqlite');
  try {
    const { browser, close } = await launchBrowser();
    return {
      server: started.server,
      browser,
      close: async () => {
        await close();
        await started.close();
      },
    };
  } catch (e) {
    await started.close();
    throw e;
  }
}
