import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { inject } from 'vitest';
import type { RunningServer } from '../../server/server';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { testServer } from './env';

export { CHROMIUM } from './chromium';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** Whether Debian's Chromium is installed (.ci/run installs it). */
export const haveChromium = () => existsSync(CHROMIUM);

/** The suite's shared Chromium (test/globalSetup.ts), when this run started one. */
function sharedEndpoint(): string | undefined {
  try {
    return inject('chromiumEndpoint') || undefined;
  } catch {
    return undefined; // not under vitest
  }
}

/**
 * Debian's Chromium headless; never downloads a browser. Under the test suite, a connection to the
 * one Chromium test/globalSetup.ts started for the run (a launch costs 1-4 s on the 2-core machine,
 * once per browser file before): each file's contexts from newContext() are isolated like
 * separate profiles, and close() closes this file's contexts and disconnects. Otherwise (a run
 * without browser files, or a script) a Chromium of its own, with a fresh profile.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const endpoint = sharedEndpoint();
  // playwright-core gives every launch a fresh temporary --user-data-dir of its own (it refuses
  // one passed in args).
  const browser = endpoint ? await chromium.connect(endpoint) : await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
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
