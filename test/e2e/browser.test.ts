import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DEMO } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';
import { launchChromium, watchPage } from '../support/browser';

const ARTIFACTS = join(__dirname, 'artifacts');

/** The little of the page's DOM the test reads (the project compiles without the DOM library). */
interface BrowserGlobals {
  document: {
    querySelector(selector: string): { CodeMirror?: { getValue(): string } } | null;
    createElement(tag: string): { textContent: string };
    head: { appendChild(node: unknown): void };
  };
}

/** A blank page on its own loopback origin: a UI that calls the gateway cross-origin. */
async function startBlankSite(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>ui</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The gateway in a real browser: the offline GraphiQL (assets, CSP, no other origin) and CORS as a UI meets it. */
describe('the gateway in headless chromium', () => {
  let h: Harness;
  let browser: Browser;
  let ui: { origin: string; server: Server };
  let stranger: { origin: string; server: Server };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // One at a time, so afterAll stops whatever started even when a later step (chromium) fails.
    ui = await startBlankSite();
    stranger = await startBlankSite();
    h = await startHarness({ explorer: 'graphiql', corsOrigins: [ui.origin] });
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    for (const site of [ui, stranger]) if (site) await new Promise((resolve) => site.server.close(resolve));
  });

  it('runs a restoreJobs query and shows the whole result, with no CSP violation and no request elsewhere', async () => {
    const origin = new URL(h.gateway.url).origin;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      const watch = await watchPage(page, [origin]);
      const query = `{ restoreJobs(kind: FLEX, projectId: "${DEMO.projectId}", clusterName: "${DEMO.clusters.FLEX}", first: 3) { nodes { jobId kind status } } }`;
      const response = await page.goto(`${h.gateway.url}?query=${encodeURIComponent(query)}`, { waitUntil: 'load', timeout: 15_000 });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'; script-src 'self'; /);

      h.sim.resetCalls();
      await page.locator('.graphiql-execute-button').click({ timeout: 10_000 });
      // NOTE: CodeMirror 5 renders only the visible lines; its instance on the wrapper element holds the whole text.
      const resultText = (): string => {
        const { document } = globalThis as unknown as BrowserGlobals;
        return document.querySelector('.result-window .CodeMirror')?.CodeMirror?.getValue() ?? '';
      };
      await page.waitForFunction(resultText, undefined, { timeout: 10_000 });
      const shown = JSON.parse(await page.evaluate(resultText)) as unknown;
      await page.screenshot({ path: join(ARTIFACTS, 'graphiql-restoreJobs.png') });

      const cluster = h.sim.seed.projects.find((p) => p.id === DEMO.projectId)!.clusters.find((c) => c.name === DEMO.clusters.FLEX)!;
      expect(shown).toEqual({
        data: { restoreJobs: { nodes: (cluster.flex ?? []).slice(0, 3).map((j) => ({ jobId: j.id, kind: 'FLEX', status: expect.any(String) })) } },
      });
      expect(h.sim.calls).toHaveLength(1);
      expect(shown).toEqual(await h.query(query));

      // The dialogs lock scrolling with the one inline stylesheet the CSP allows by hash.
      for (const label of ['Open settings dialog', 'Open short keys dialog']) {
        await page.locator(`[aria-label="${label}"]`).click({ timeout: 5_000 });
        await page.locator('[role="dialog"]').waitFor({ timeout: 5_000 });
        await page.keyboard.press('Escape');
        await page.locator('[role="dialog"]').waitFor({ state: 'detached', timeout: 5_000 });
      }
      const assets = ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'graphiql.min.css', 'init.js', 'page.css'];
      expect({ ...watch, requests: assets.filter((a) => !watch.requests.some((r) => r.startsWith(`${origin}/graphiql/`) && r.endsWith(a))) }).toEqual({
        requests: [],
        foreign: [],
        consoleErrors: [],
        pageErrors: [],
      });

      // The CSP is enforced, and the watch would have seen a violation: any other inline style is refused.
      const violation = page.waitForEvent('console', { predicate: (m) => m.type() === 'error', timeout: 5_000 });
      await page.evaluate(() => {
        const { document } = globalThis as unknown as BrowserGlobals;
        const style = document.createElement('style');
        style.textContent = 'body { color: red; }';
        document.head.appendChild(style);
      });
      await violation;
      expect(watch.consoleErrors).toEqual([expect.stringContaining(`Content Security Policy directive 'style-src 'self' 'sha256-`)]);
    } finally {
      await page.close();
    }
  });

  it('beside Apollo Sandbox, /graphiql runs a query against /graphql, with no console error', async () => {
    const sandbox = await startHarness();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      const origin = new URL(sandbox.gateway.url).origin;
      const watch = await watchPage(page, [origin]);
      const query = `{ restoreJobs(kind: CLOUD_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${DEMO.clusters.CLOUD_BACKUP}", first: 2) { nodes { jobId kind } } }`;
      const response = await page.goto(`${origin}/graphiql?query=${encodeURIComponent(query)}`, { waitUntil: 'load', timeout: 15_000 });
      expect(response?.status()).toBe(200);
      await page.locator('.graphiql-execute-button').click({ timeout: 10_000 });
      const resultText = (): string => {
        const { document } = globalThis as unknown as BrowserGlobals;
        return document.querySelector('.result-window .CodeMirror')?.CodeMirror?.getValue() ?? '';
      };
      await page.waitForFunction(resultText, undefined, { timeout: 10_000 });
      expect(JSON.parse(await page.evaluate(resultText))).toEqual(await sandbox.query(query));
      expect({
        graphql: watch.requests.filter((r) => r === `${origin}/graphql`).length > 0,
        foreign: watch.foreign,
        consoleErrors: watch.consoleErrors,
        pageErrors: watch.pageErrors,
      }).toEqual({ graphql: true, foreign: [], consoleErrors: [], pageErrors: [] });
    } finally {
      await page.close();
      await sandbox.stop();
    }
  });

  it("the offline GraphiQL's docs show the project view: projectRestoreJobs, clusters and snapshots on Query, with their descriptions", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      const origin = new URL(h.gateway.url).origin;
      const watch = await watchPage(page, [origin]);
      await page.goto(`${origin}/graphiql`, { waitUntil: 'load', timeout: 15_000 });
      await page.locator('button[aria-label="Show Documentation Explorer"]').click({ timeout: 10_000 });
      const explorer = page.locator('.graphiql-doc-explorer');
      await explorer.getByRole('link', { name: 'Query', exact: true }).click({ timeout: 10_000 });
      const fields = await explorer.locator('.graphiql-doc-explorer-field-name').allTextContents();
      await explorer.locator('.graphiql-doc-explorer-field-name', { hasText: /^projectRestoreJobs$/ }).click({ timeout: 10_000 });
      const title = (await explorer.locator('.graphiql-doc-explorer-title').textContent()) ?? '';
      const description = (await explorer.locator('.graphiql-markdown-description').first().textContent()) ?? '';
      expect({
        fields: ['clusters', 'snapshots', 'projectRestoreJobs'].filter((name) => fields.includes(name)),
        title,
        describesIt: description.includes('every cluster'),
        foreign: watch.foreign,
        pageErrors: watch.pageErrors,
      }).toEqual({ fields: ['clusters', 'snapshots', 'projectRestoreJobs'], title: 'projectRestoreJobs', describesIt: true, foreign: [], pageErrors: [] });
    } finally {
      await page.close();
    }
  });

  it('CORS: a UI on an allowed origin reads the answer (preflighted for Authorization); another origin cannot', async () => {
    const page = await browser.newPage();
    try {
      const watch = await watchPage(page, [ui.origin, stranger.origin, new URL(h.gateway.url).origin], { intercept: false });
      const call = (args: { url: string; query: string }) =>
        fetch(args.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer demo' },
          body: JSON.stringify({ query: args.query }),
        }).then(
          (res) => res.json() as Promise<unknown>,
          (error: Error) => `refused: ${error.name}`,
        );
      const args = { url: h.gateway.url, query: `{ restoreJobs(kind: SERVERLESS, projectId: "${DEMO.projectId}", clusterName: "${DEMO.clusters.SERVERLESS}", first: 1) { nodes { kind } } }` };
      await page.goto(ui.origin, { timeout: 10_000 });
      h.sim.resetCalls();
      expect(await page.evaluate(call, args)).toEqual({ data: { restoreJobs: { nodes: [{ kind: 'SERVERLESS' }] } } });
      await page.goto(stranger.origin, { timeout: 10_000 });
      expect(await page.evaluate(call, args)).toBe('refused: TypeError');
      // The refused preflight kept the query from running at all.
      expect(h.sim.calls).toHaveLength(1);
      expect({ foreign: watch.foreign, consoleErrors: watch.consoleErrors }).toEqual({
        foreign: [],
        consoleErrors: [
          expect.stringContaining(`from origin '${stranger.origin}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check`),
          expect.stringContaining('Failed to load resource'),
        ],
      });
    } finally {
      await page.close();
    }
  });
});
