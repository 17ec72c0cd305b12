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

/** What a page did besides its work: its requests, those outside the allowed origins, console errors, uncaught errors. */
export interface PageWatch {
  /** Every URL the page requested. */
  requests: string[];
  /** Requests to any other origin, aborted before they left. */
  foreign: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

/**
 * Records the page's requests and errors. With `intercept` (the default) it lets the page reach only the given origins
 * and aborts everything else. NOTE: while Playwright intercepts, it answers CORS preflights itself (allow-all), so a
 * test of the gateway's own preflight answers must observe without intercepting.
 */
export async function watchPage(page: Page, allowedOrigins: string[], { intercept = true } = {}): Promise<PageWatch> {
  const watch: PageWatch = { requests: [], foreign: [], consoleErrors: [], pageErrors: [] };
  if (intercept) {
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      watch.requests.push(url);
      if (allowedOrigins.includes(new URL(url).origin)) await route.continue();
      else {
        watch.foreign.push(url);
        await route.abort('blockedbyclient');
      }
    });
  } else {
    page.on('request', (request) => {
      watch.requests.push(request.url());
      if (!allowedOrigins.includes(new URL(request.url()).origin)) watch.foreign.push(request.url());
    });
  }
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  return watch;
}
