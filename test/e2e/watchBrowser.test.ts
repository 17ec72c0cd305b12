import type { Browser } from 'playwright-core';
import { startHarness, type Harness } from '../support/harness';
import { launchChromium, watchPage } from '../support/browser';
import { startDownload } from '../support/watch';

/** The little of the page's DOM the test reads (the project compiles without the DOM library). */
interface BrowserGlobals {
  document: { querySelector(selector: string): { CodeMirror?: { getValue(): string } } | null };
}

/** The offline GraphiQL runs a subscription over graphql-ws in a real chromium, to the TERMINAL event. */
describe('GraphiQL runs restoreJobUpdates in headless chromium', () => {
  let h: Harness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startHarness({ simulator: { jobStepMs: 1_500 }, watch: { schedule: { minMs: 100, maxMs: 100, fastForMs: 0, rampMs: 0, jitter: 0 } } });
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('/graphiql follows a job started in the simulator and shows the TERMINAL event, with no console error', async () => {
    const origin = new URL(h.gateway.url).origin;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      const watch = await watchPage(page, [origin]);
      const query = `subscription ($id: ID!) { restoreJobUpdates(id: $id) { change job { id status isTerminal } } }`;
      const response = await page.goto(`${origin}/graphiql?query=${encodeURIComponent(query)}`, { waitUntil: 'load', timeout: 15_000 });
      expect(response?.status()).toBe(200);
      await page.locator('.graphiql-execute-button').waitFor({ timeout: 10_000 });
      // Started once the page is up, so the subscription sees the job run (PENDING for 1.5 s, then on).
      const job = await startDownload(h, 'FLEX');
      await page.goto(`${origin}/graphiql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ id: job.id }))}`, { waitUntil: 'load', timeout: 15_000 });
      await page.locator('.graphiql-execute-button').click({ timeout: 10_000 });
      const resultText = (): string => {
        const { document } = globalThis as unknown as BrowserGlobals;
        return document.querySelector('.result-window .CodeMirror')?.CodeMirror?.getValue() ?? '';
      };
      const terminalShown = (): boolean => {
        const { document } = globalThis as unknown as BrowserGlobals;
        return (document.querySelector('.result-window .CodeMirror')?.CodeMirror?.getValue() ?? '').includes('TERMINAL');
      };
      await page.waitForFunction(terminalShown, undefined, { timeout: 15_000 }).catch(async (error: unknown) => {
        throw new Error(`${String(error)}; shown: ${await page.evaluate(resultText)}; console: ${JSON.stringify(watch)}`);
      });
      const shown = JSON.parse(await page.evaluate(resultText)) as unknown;
      expect({ shown, consoleErrors: watch.consoleErrors, pageErrors: watch.pageErrors, foreign: watch.foreign }).toEqual({
        shown: { data: { restoreJobUpdates: { change: 'TERMINAL', job: { id: job.id, status: 'COMPLETED', isTerminal: true } } } },
        consoleErrors: [],
        pageErrors: [],
        foreign: [],
      });
    } finally {
      await page.close();
    }
  }, 30_000);
});
