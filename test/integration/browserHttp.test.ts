import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { DEMO } from '../../src/simulator';
import { GRAPHIQL_CSP } from '../../src/http/explorer';
import { CORS_ALLOWED_HEADERS } from '../../src/http/cors';
import { startHarness, type Harness } from '../support/harness';

/** What a browser's navigation sends. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const APP = 'http://127.0.0.1:5173';
const OTHER_APP = 'https://ui.example.com';
const LIST = `{ restoreJobs(kind: FLEX, projectId: "${DEMO.projectId}", clusterName: "${DEMO.clusters.FLEX}", first: 1) { nodes { kind } } }`;

/** The headers of a response that tests look at (date, connection and length vary or do not matter). */
function headersOf(res: Response): Record<string, string> {
  const skip = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
  return Object.fromEntries([...res.headers].filter(([k]) => !skip.has(k)));
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const packageDir = (pkg: string): string => dirname(require.resolve(`${pkg}/package.json`));

describe('CORS_ORIGINS: exact allow-list, preflight answered, Vary: Origin', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ corsOrigins: [APP, OTHER_APP] });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  const preflight = (origin: string, method = 'POST', headers = 'content-type, authorization') =>
    fetch(h.gateway.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
    });

  it('answers a preflight from an allowed origin with the methods and headers a browser client sends', async () => {
    const res = await preflight(APP);
    expect({ status: res.status, headers: headersOf(res), body: await res.text() }).toEqual({
      status: 204,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id, apollographql-client-name, apollographql-client-version',
        'access-control-max-age': '600',
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      },
      body: '',
    });
    expect(CORS_ALLOWED_HEADERS).toEqual(expect.arrayContaining(['content-type', 'authorization', 'apollo-require-preflight']));
  });

  it.each([
    ['another port', 'http://127.0.0.1:5174'],
    ['another scheme', 'http://ui.example.com'],
    ['a suffix', 'https://ui.example.com.evil.example'],
    ['a trailing slash', 'https://ui.example.com/'],
    ['null', 'null'],
  ])('refuses a preflight from %s (%s) with no Access-Control-* header', async (_what, origin) => {
    const res = await preflight(origin);
    expect({ status: res.status, headers: headersOf(res) }).toEqual({
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8', vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' },
    });
  });

  it('refuses a preflight for a method GraphQL does not use', async () => {
    expect((await preflight(APP, 'DELETE')).status).toBe(403);
  });

  it('lets an allowed origin read the answer; another origin gets the answer without permission to read it', async () => {
    for (const [origin, allowed] of [
      [OTHER_APP, true],
      ['https://evil.example', false],
    ] as const) {
      const res = await fetch(h.gateway.url, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: LIST }) });
      expect({ status: res.status, headers: headersOf(res), body: await res.json() }).toEqual({
        status: 200,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-request-id': expect.any(String),
          'cache-control': 'no-store',
          vary: 'Origin',
          ...(allowed ? { 'access-control-allow-origin': origin } : {}),
        },
        body: { data: { restoreJobs: { nodes: [{ kind: 'FLEX' }] } } },
      });
    }
  });

  it('answers a plain OPTIONS (not a preflight) with Allow', async () => {
    const res = await fetch(h.gateway.url, { method: 'OPTIONS' });
    expect({ status: res.status, allow: res.headers.get('allow') }).toEqual({ status: 204, allow: 'GET, POST, OPTIONS' });
  });

  it('allows no origin at all when CORS_ORIGINS is unset', async () => {
    const bare = await startHarness();
    try {
      const res = await fetch(bare.gateway.url, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'POST' } });
      expect({ status: res.status, allowOrigin: res.headers.get('access-control-allow-origin') }).toEqual({ status: 403, allowOrigin: null });
    } finally {
      await bare.stop();
    }
  });
});

describe('CSRF prevention: a simple cross-site request is refused before it runs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ corsOrigins: [APP] });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  const refused = {
    status: 400,
    body: {
      errors: [
        {
          message:
            "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty value for one of the following headers: x-apollo-operation-name, apollo-require-preflight\n",
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    },
  };

  it.each([
    ['text/plain', JSON.stringify({ query: LIST })],
    ['application/x-www-form-urlencoded', `query=${encodeURIComponent(LIST)}`],
    ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${LIST}\r\n--x--\r\n`],
  ])('POST %s from another site: 400, no upstream call', async (contentType, body) => {
    const res = await fetch(h.gateway.url, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': contentType }, body });
    expect({ status: res.status, body: await res.json() }).toEqual(refused);
    expect(h.sim.calls).toEqual([]);
  });

  it('a GET without a preflight-forcing header is refused; with apollo-require-preflight it runs', async () => {
    const url = `${h.gateway.url}?query=${encodeURIComponent(LIST)}`;
    const bare = await fetch(url);
    expect({ status: bare.status, body: await bare.json() }).toEqual(refused);
    expect(h.sim.calls).toEqual([]);
    const withHeader = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect({ status: withHeader.status, body: await withHeader.json() }).toEqual({ status: 200, body: { data: { restoreJobs: { nodes: [{ kind: 'FLEX' }] } } } });
  });
});

describe('explorer choices and production', () => {
  it('outside production a browser gets Apollo Sandbox (Apollo landing page), varying on Accept', async () => {
    const h = await startHarness();
    try {
      const res = await fetch(h.gateway.url, { headers: { accept: BROWSER_ACCEPT } });
      const html = await res.text();
      expect({ status: res.status, type: res.headers.get('content-type'), vary: res.headers.get('vary') }).toEqual({
        status: 200,
        type: 'text/html',
        vary: 'Origin, Accept',
      });
      expect(html).toContain('https://embeddable-sandbox.cdn.apollographql.com/');
      expect(html).toContain(`initialEndpoint`);
      // Sandbox runs subscriptions over graphql-ws at the page's own URL (ws://, wss:// behind TLS).
      expect(html).toMatch(/\n\s*initialEndpoint,\n\s*initialSubscriptionEndpoint: initialEndpoint\.split\('#'\)\[0\]\.split\('\?'\)\[0\]\.replace\(\/\^http\/, 'ws'\),\n/);
    } finally {
      await h.stop();
    }
  });

  it('EXPLORER=graphiql serves its page under the CSP and every asset from the installed npm packages', async () => {
    const h = await startHarness({ explorer: 'graphiql' });
    try {
      const page = await fetch(h.gateway.url, { headers: { accept: BROWSER_ACCEPT } });
      const html = await page.text();
      expect(headersOf(page)).toEqual({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': GRAPHIQL_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
        vary: 'Origin, Accept',
      });
      const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      const version = (pkg: string): string => (JSON.parse(readFileSync(join(packageDir(pkg), 'package.json'), 'utf8')) as { version: string }).version;
      expect(refs).toEqual([
        `graphiql/graphiql@${version('graphiql')}/graphiql.min.css`,
        'graphiql/page.css',
        `graphiql/react@${version('react')}/react.production.min.js`,
        `graphiql/react-dom@${version('react-dom')}/react-dom.production.min.js`,
        `graphiql/graphiql@${version('graphiql')}/graphiql.min.js`,
        'graphiql/init.js',
      ]);
      const files: Record<string, string> = {
        [refs[0]!]: join(packageDir('graphiql'), 'graphiql.min.css'),
        [refs[2]!]: join(packageDir('react'), 'umd/react.production.min.js'),
        [refs[3]!]: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
        [refs[4]!]: join(packageDir('graphiql'), 'graphiql.min.js'),
      };
      for (const ref of refs) {
        const url = new URL(ref, h.gateway.url).toString();
        const plain = await request(url);
        const body = Buffer.from(await plain.body.arrayBuffer());
        expect([ref, plain.statusCode, plain.headers['content-type']]).toEqual([ref, 200, ref.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8']);
        if (files[ref]) expect([ref, sha256(body)]).toEqual([ref, sha256(readFileSync(files[ref]))]);
        const zipped = await request(url, { headers: { 'accept-encoding': 'gzip' } });
        expect(zipped.headers['content-encoding']).toBe('gzip');
        expect(sha256(gunzipSync(Buffer.from(await zipped.body.arrayBuffer())))).toBe(sha256(body));
      }
      const missing = await fetch(new URL('graphiql/graphiql@0.0.0/graphiql.min.js', h.gateway.url));
      expect(missing.status).toBe(404);
      // A GraphQL GET (JSON preferred) is still GraphQL.
      const json = await fetch(`${h.gateway.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(await json.json()).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await h.stop();
    }
  });

  it('NODE_ENV=production: no landing page, introspection refused; INTROSPECTION=true turns it back on', async () => {
    const prod = await startHarness({ nodeEnv: 'production' });
    const open = await startHarness({ nodeEnv: 'production', introspection: true });
    try {
      const page = await fetch(prod.gateway.url, { headers: { accept: BROWSER_ACCEPT } });
      expect({ status: page.status, type: page.headers.get('content-type') }).toEqual({ status: 400, type: 'application/json; charset=utf-8' });
      const introspect = '{ __schema { queryType { name } } }';
      expect(await prod.post(introspect)).toEqual({
        status: 400,
        headers: expect.anything(),
        text: expect.any(String),
        body: {
          errors: [
            {
              message: expect.stringContaining('introspection is not allowed'),
              locations: [{ line: 1, column: 3 }],
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', validationErrorCode: 'INTROSPECTION_DISABLED' },
            },
          ],
        },
      });
      expect(await prod.query('{ _service { sdl } }')).toEqual({ data: { _service: { sdl: expect.stringContaining('@key(fields: "id")') } } });
      expect(await open.query(introspect)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    } finally {
      await Promise.all([prod.stop(), open.stop()]);
    }
  });
});
