import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The Debian chromium the browser tests drive (`CHROMIUM_PATH` overrides it); `.ci/run` installs it when missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Launches headless chromium with no background traffic. Throws (so the test fails, never skips) when chromium is not
 * installed.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No chromium at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (.ci/run does) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 15_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What a page did besides its work: requests outside the allowed origins (aborted), console errors, uncaught errors. */
export interface PageWatch {
  /** Every URL the page requested. */
  requests: string[];
  /** Requests to any other origin, aborted before they left. */
  foreign: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

/** Lets the page reach only the given origins (everything else is aborted and recorded) and records its errors. */
export async function watchPage(page: Page, allowedOrigins: string[]): Promise<PageWatch> {
  const watch: PageWatch = { requests: [], foreign: [], consoleErrors: [], pageErrors: [] };
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    watch.requests.push(url);
    if (allowedOrigins.includes(new URL(url).origin)) await route.continue();
    else {
      watch.foreign.push(url);
      await route.abort('blockedbyclient');
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  return watch;
}
