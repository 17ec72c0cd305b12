import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ExplorerChoice } from '../config';
import { GRAPHIQL_INIT_JS, GRAPHIQL_PAGE_CSS, graphiqlHtml } from './graphiqlPage';

/**
 * NOTE: GraphiQL's dialogs (settings, shortcuts) lock page scroll through react-remove-scroll-bar, which injects one
 * `<style>` whose text is fixed for this page (body margin 0, no scrollbar). That one stylesheet is allowed by its hash;
 * after a GraphiQL upgrade the browser test prints the new hash if it changed.
 */
const SCROLL_LOCK_STYLE_HASH = "'sha256-Y/huXlwoYkVyQlxwSVcCi1RCDGDCSVBzDt0hYP9qlTc='";

/**
 * The Content-Security-Policy of the offline GraphiQL page: everything from the gateway itself, no inline script, one
 * known inline stylesheet, no other origin. `data:` only for the fonts and icons GraphiQL's stylesheet embeds.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${SCROLL_LOCK_STYLE_HASH}`,
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Where the GraphiQL page's assets are served (`/graphiql/...`), relative to the page. */
export const GRAPHIQL_ASSET_DIR = 'graphiql';

/** Where the offline GraphiQL is served whichever explorer is the default (outside production, unless EXPLORER=off). */
export const GRAPHIQL_PATH = '/graphiql';

/**
 * The Apollo landing-page plugin for the choice: Sandbox for 'sandbox'; none otherwise (GraphiQL is served before
 * Apollo). Sandbox runs subscriptions over graphql-ws at the page's URL (ws:// or wss://); when the offline GraphiQL is
 * installed, Sandbox's page links to it, beside the words it shows when it cannot load Sandbox from Apollo's CDN.
 */
export function landingPagePlugin(choice: ExplorerChoice): ApolloServerPlugin {
  if (choice !== 'sandbox') return ApolloServerPluginLandingPageDisabled();
  return amendedSandbox(ApolloServerPluginLandingPageLocalDefault({ embed: true }), graphiqlInstalled());
}

/** Whether the offline GraphiQL's packages (devDependencies) are installed. */
export function graphiqlInstalled(): boolean {
  return optionalGraphiqlHandler() !== null;
}

/** The paragraph the Sandbox page gains: a relative link, so it also works behind a path-prefixing proxy. */
export const GRAPHIQL_LINK_HTML = `<p>Offline? <a href="${GRAPHIQL_PATH.slice(1)}">Open the bundled GraphiQL</a>: every file it needs is served by this gateway.</p>`;

/** What Apollo's Sandbox page says when its CDN cannot be reached; the link goes right after it. */
const SANDBOX_OFFLINE = /(cannot be loaded; it appears that you might be offline\.<\/p>)/;

/** Where Sandbox's page creates the embedded Sandbox (Apollo's getEmbeddedHTML): the subscription URL goes beside it. */
const SANDBOX_ENDPOINT = /(\n(\s*)initialEndpoint,\n)/;

/** The embedded Sandbox's subscription endpoint: the page's URL (without query or fragment), ws:// or wss://. */
export const SANDBOX_SUBSCRIPTION_ENDPOINT = "initialSubscriptionEndpoint: initialEndpoint.split('#')[0].split('?')[0].replace(/^http/, 'ws'),";

/**
 * NOTE: Apollo's landing-page plugins take no extra markup and none of Sandbox's `initialSubscriptionEndpoint`
 * (EmbeddableSandboxOptions has `initialState`, `endpointIsEditable`, `runTelemetry` only), so the page it renders is
 * amended: the subscription endpoint goes after `initialEndpoint`, and the GraphiQL link after its offline message, or,
 * should a later Apollo word it otherwise, before `</body>` (a test holds both on the page).
 */
function amendedSandbox(plugin: ApolloServerPlugin, linkGraphiql: boolean): ApolloServerPlugin {
  return {
    ...plugin,
    async serverWillStart(service) {
      const listener = await plugin.serverWillStart?.(service);
      if (!listener?.renderLandingPage) return listener;
      const render = listener.renderLandingPage.bind(listener);
      return {
        ...listener,
        async renderLandingPage() {
          const page = await render();
          const amend = (html: string): string => {
            const withWs = html.replace(SANDBOX_ENDPOINT, `$1$2${SANDBOX_SUBSCRIPTION_ENDPOINT}\n`);
            if (!linkGraphiql) return withWs;
            return SANDBOX_OFFLINE.test(withWs) ? withWs.replace(SANDBOX_OFFLINE, `$1\n  ${GRAPHIQL_LINK_HTML}`) : withWs.replace('</body>', `${GRAPHIQL_LINK_HTML}\n</body>`);
          };
          const { html } = page;
          return { ...page, html: typeof html === 'string' ? amend(html) : async () => amend(await html()) };
        },
      };
    },
  };
}

/** The candidates Apollo Server negotiates between on a GET, in its order (JSON first). */
const NEGOTIATED = ['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html'];

/** How a media type matches an `Accept` header: quality, specificity (2 exact, 1 `type/*`, 0 `*\/*`), and -position. */
type Match = [q: number, specificity: number, position: number];

const LESS: Match = [0, -1, -Infinity];

/** Lexicographic comparison of matches (first element first). */
function greater(a: Match, b: Match): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

/**
 * True when an `Accept` header prefers HTML over a GraphQL response, decided as Apollo Server decides before it serves
 * its landing page (the negotiator package's rules): each candidate takes the quality of its most specific matching
 * range; then the highest quality wins, then the more specific match, then the earlier range, then the earlier
 * candidate (JSON). A browser's navigation header prefers HTML; fetch's default `*\/*` does not.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = accept.split(',').map((part, position) => {
    const [range = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return { range, q: q === undefined ? 1 : Number(q.slice(2)) || 0, position };
  });
  const match = (type: string): Match => {
    let best = LESS;
    for (const { range, q, position } of ranges) {
      const specificity = range === type ? 2 : range === `${type.split('/')[0]}/*` ? 1 : range === '*/*' ? 0 : -1;
      if (specificity < 0) continue;
      // For one candidate the most specific range decides, then the higher quality, then the earlier range.
      const candidate: Match = [q, specificity, -position];
      if (specificity > best[1] || (specificity === best[1] && greater(candidate, best))) best = candidate;
    }
    return best;
  };
  let winner = '';
  let winning = LESS;
  for (const type of NEGOTIATED) {
    const m = match(type);
    if (m[0] > 0 && greater(m, winning)) {
      winner = type;
      winning = m;
    }
  }
  return winner === 'text/html';
}

interface Asset {
  contentType: string;
  /** Versioned (npm) files never change under their name; the page's own files are revalidated. */
  immutable: boolean;
  load: () => Promise<Buffer>;
}

const gzipAsync = promisify(gzip);

/**
 * A file of an installed npm package, found through its package.json with require.resolve (never the working
 * directory), and the versioned name it is served under. Null for a missing optional file.
 */
function packageFile(pkg: string, file: string, optional: true): { name: string; path: string } | null;
function packageFile(pkg: string, file: string): { name: string; path: string };
function packageFile(pkg: string, file: string, optional = false): { name: string; path: string } | null {
  let manifest: string;
  try {
    manifest = require.resolve(`${pkg}/package.json`);
  } catch {
    throw new Error(`EXPLORER=graphiql needs the npm package "${pkg}", which is not installed.`);
  }
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  // NOTE: react and react-dom 18 list no `umd/` in their package exports, so the file is found beside package.json.
  const path = join(dirname(manifest), file);
  if (!existsSync(path)) {
    if (optional) return null;
    throw new Error(`EXPLORER=graphiql needs ${pkg}/${file}, missing from ${pkg}@${version}.`);
  }
  return { name: `${pkg}@${version}/${file.split('/').pop()}`, path };
}

/**
 * What the GraphiQL explorer serves: its page at the GraphQL URL (when it is the default explorer) and at
 * {@link GRAPHIQL_PATH}, its assets under {@link GRAPHIQL_ASSET_DIR}.
 */
export interface GraphiqlHandler {
  /** Serves the page at the GraphQL URL for a GET that prefers HTML; false when the request is for GraphQL. */
  page(req: IncomingMessage, res: ServerResponse): boolean;
  /** Serves the page at {@link GRAPHIQL_PATH} for any GET or HEAD (it sends GraphQL to the GraphQL URL beside it). */
  standalone(req: IncomingMessage, res: ServerResponse): boolean;
  /** Serves one of the page's assets by path; false when the path is not one. */
  asset(req: IncomingMessage, res: ServerResponse, path: string): boolean;
}

/**
 * The offline GraphiQL when its packages (devDependencies) are installed, else null: beside Apollo Sandbox it is an
 * extra, and a production-only install (`npm ci --omit=dev`) must still start.
 */
export function optionalGraphiqlHandler(): GraphiqlHandler | null {
  try {
    return createGraphiqlHandler();
  } catch {
    return null;
  }
}

/**
 * The offline GraphiQL: GraphiQL's UMD bundle and stylesheet, React and ReactDOM's UMD builds, all read from
 * node_modules and served by the gateway, so the page needs no network beyond the gateway. Files are read (and
 * gzipped) on first request and kept in memory. Throws at creation when a package is missing.
 */
export function createGraphiqlHandler(): GraphiqlHandler {
  const react = packageFile('react', 'umd/react.production.min.js');
  const reactDom = packageFile('react-dom', 'umd/react-dom.production.min.js');
  const js = packageFile('graphiql', 'graphiql.min.js');
  const css = packageFile('graphiql', 'graphiql.min.css');
  // Source maps, for the browser's developer tools only.
  const maps = [packageFile('graphiql', 'graphiql.min.js.map', true), packageFile('graphiql', 'graphiql.min.css.map', true)];
  const fromFile = (path: string) => () => readFile(path);
  const fromText = (text: string) => () => Promise.resolve(Buffer.from(text, 'utf8'));
  const assets = new Map<string, Asset>([
    [react.name, { contentType: 'text/javascript; charset=utf-8', immutable: true, load: fromFile(react.path) }],
    [reactDom.name, { contentType: 'text/javascript; charset=utf-8', immutable: true, load: fromFile(reactDom.path) }],
    [js.name, { contentType: 'text/javascript; charset=utf-8', immutable: true, load: fromFile(js.path) }],
    [css.name, { contentType: 'text/css; charset=utf-8', immutable: true, load: fromFile(css.path) }],
    ...maps.flatMap((map): [string, Asset][] =>
      map ? [[map.name, { contentType: 'application/json; charset=utf-8', immutable: true, load: fromFile(map.path) }]] : [],
    ),
    ['page.css', { contentType: 'text/css; charset=utf-8', immutable: false, load: fromText(GRAPHIQL_PAGE_CSS) }],
    ['init.js', { contentType: 'text/javascript; charset=utf-8', immutable: false, load: fromText(GRAPHIQL_INIT_JS) }],
  ]);
  const styles = [css.name, 'page.css'];
  const scripts = [react.name, reactDom.name, js.name, 'init.js'];
  const html = graphiqlHtml(GRAPHIQL_ASSET_DIR, styles, scripts);
  // From /graphiql, the relative URL "graphql" is the GraphQL URL beside it (behind a path-prefixing proxy too).
  const standaloneHtml = graphiqlHtml(GRAPHIQL_ASSET_DIR, styles, scripts, 'graphql');
  const sendPage = (req: IncomingMessage, res: ServerResponse, text: string): true => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': GRAPHIQL_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : text);
    return true;
  };
  const bodies = new Map<string, Promise<{ raw: Buffer; gzipped: Buffer }>>();
  const body = (name: string, asset: Asset) => {
    let cached = bodies.get(name);
    if (!cached) {
      cached = asset.load().then(async (raw) => ({ raw, gzipped: await gzipAsync(raw) }));
      cached.catch(() => bodies.delete(name));
      bodies.set(name, cached);
    }
    return cached;
  };

  return {
    page(req, res) {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !prefersHtml(req.headers.accept)) return false;
      return sendPage(req, res, html);
    },
    standalone(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      return sendPage(req, res, standaloneHtml);
    },
    asset(req, res, path) {
      const prefix = `/${GRAPHIQL_ASSET_DIR}/`;
      if (!path.startsWith(prefix)) return false;
      const asset = assets.get(path.slice(prefix.length));
      if (!asset || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
      const useGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      body(path.slice(prefix.length), asset).then(
        ({ raw, gzipped }) => {
          const content = useGzip ? gzipped : raw;
          res.writeHead(200, {
            'content-type': asset.contentType,
            'content-length': String(content.length),
            'x-content-type-options': 'nosniff',
            'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
            vary: 'Accept-Encoding',
            ...(useGzip ? { 'content-encoding': 'gzip' } : {}),
          });
          res.end(req.method === 'HEAD' ? undefined : content);
        },
        () => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('Could not read the asset.\n');
        },
      );
      return true;
    },
  };
}
