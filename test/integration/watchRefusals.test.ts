import type { FormattedExecutionResult } from 'graphql';
import WebSocket from 'ws';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import { DEMO } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';
import { startDownload, WATCH } from '../support/watch';
import { follow, until, wsClient, wsUrl } from '../support/ws';

const SLOW = { schedule: { minMs: 60_000, maxMs: 60_000, fastForMs: 0, rampMs: 0, jitter: 0 } };
const GATEWAY_TOKEN = 'watch-gateway-token-0001';
const OTHER_PROJECT = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const SMALL = `subscription ($id: ID!) { restoreJobUpdates(id: $id) { change } }`;

/** How a raw WebSocket upgrade went: opened, or the HTTP status it was refused with. */
function upgrade(url: string, headers: Record<string, string>): Promise<{ opened: true } | { status: number; body: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrl(url), 'graphql-transport-ws', { headers });
    socket.once('open', () => {
      socket.close();
      resolve({ opened: true });
    });
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    socket.once('error', () => undefined);
  });
}

/** graphql-ws's `error` message as the client's sink gets it: the GraphQL errors. */
const refused = (message: string, extensions: Record<string, unknown>) => ({ results: [], end: { type: 'error', errors: [{ message, extensions }] } });

describe('subscriptions are refused as HTTP requests are', () => {
  let h: Harness;
  let jobId: string;
  beforeAll(async () => {
    h = await startHarness({
      simulator: { jobStepMs: 60_000 },
      watch: { ...SLOW, maxPerConnection: 2 },
      access: { gatewayTokens: [GATEWAY_TOKEN] },
      corsOrigins: ['https://app.example'],
      limits: { maxDepth: 3, maxAliases: 1 },
    });
    jobId = (await startDownload(h, 'CLOUD_BACKUP', { authorization: `Bearer ${GATEWAY_TOKEN}` })).id;
  });
  afterAll(async () => {
    await h?.stop();
  });
  const authorized = () => wsClient(h.gateway.url, { connectionParams: { authorization: `Bearer ${GATEWAY_TOKEN}` } });

  it('without a gateway token the connection closes with 4401; the token in connection_init or in the upgrade header is accepted', async () => {
    const none = wsClient(h.gateway.url);
    const wrong = wsClient(h.gateway.url, { connectionParams: { authorization: 'Bearer not-the-gateway-token' } });
    class WithHeader extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { authorization: `Bearer ${GATEWAY_TOKEN}` } });
      }
    }
    const byHeader = wsClient(h.gateway.url, { webSocketImpl: WithHeader });
    const byInit = authorized();
    try {
      const reason = 'Unauthorized: This gateway requires `Authorization: Bearer <gateway token>`.';
      const [a, b] = await Promise.all([follow(none, SMALL, { id: jobId }), follow(wrong, SMALL, { id: jobId })]);
      const first = (c: typeof byInit) => new Promise<FormattedExecutionResult>((resolve) => {
        const stop = c.subscribe({ query: SMALL, variables: { id: jobId } }, { next: (r) => { resolve(r as FormattedExecutionResult); stop(); }, error: () => undefined, complete: () => undefined });
      });
      expect({ none: a, wrong: b, byHeader: await first(byHeader), byInit: await first(byInit) }).toEqual({
        none: { results: [], end: { type: 'closed', code: 4401, reason } },
        wrong: { results: [], end: { type: 'closed', code: 4401, reason } },
        byHeader: { data: { restoreJobUpdates: { change: 'INITIAL' } } },
        byInit: { data: { restoreJobUpdates: { change: 'INITIAL' } } },
      });
    } finally {
      await Promise.all([none, wrong, byHeader, byInit].map((c) => c.dispose()));
    }
  });

  it('a browser Origin outside CORS_ORIGINS is refused at the upgrade (403); an allowed one, the gateway\'s own and none are accepted', async () => {
    const own = new URL(h.gateway.url);
    expect({
      evil: await upgrade(h.gateway.url, { origin: 'https://evil.example' }),
      otherPort: await upgrade(h.gateway.url, { origin: `http://${own.hostname}:1` }),
      allowed: await upgrade(h.gateway.url, { origin: 'https://app.example' }),
      own: await upgrade(h.gateway.url, { origin: own.origin }),
      none: await upgrade(h.gateway.url, {}),
    }).toEqual({
      evil: { status: 403, body: 'This Origin may not open a WebSocket here (CORS_ORIGINS).\n' },
      otherPort: { status: 403, body: 'This Origin may not open a WebSocket here (CORS_ORIGINS).\n' },
      allowed: { opened: true },
      own: { opened: true },
      none: { opened: true },
    });
  });

  it('documents over the depth, alias or cost limits are refused with QUERY_TOO_COMPLEX; a query over WebSocket with BAD_USER_INPUT', async () => {
    const clients = [authorized(), authorized(), authorized()];
    try {
      const deep = `subscription ($id: ID!) { restoreJobUpdates(id: $id) { job { links { href } } } }`;
      const aliases = `subscription ($id: ID!) { a: restoreJobUpdates(id: $id) { b: change } }`;
      const query = `query { __typename }`;
      const [d, a, q] = await Promise.all([follow(clients[0]!, deep, { id: jobId }), follow(clients[1]!, aliases, { id: jobId }), follow(clients[2]!, query)]);
      expect({ d, a, q }).toEqual({
        d: refused('Query depth limit of 3 exceeded, found 4.', { code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 3 }),
        a: refused('Aliases limit of 1 exceeded, found 2.', { code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 1 }),
        q: refused('Over WebSocket this gateway serves subscriptions only; send a query over HTTP (POST /graphql).', { code: 'BAD_USER_INPUT' }),
      });
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });

  it('a job of a project outside ALLOWED_PROJECT_IDS is FORBIDDEN (no poll); a malformed id is BAD_USER_INPUT', async () => {
    {
      const restricted = await startHarness({ access: { allowedProjectIds: [OTHER_PROJECT] }, watch: SLOW });
      const c = wsClient(restricted.gateway.url);
      try {
        const demoJob = encodeGlobalId({ kind: 'CLOUD_BACKUP', projectId: DEMO.projectId, clusterName: DEMO.clusters.CLOUD_BACKUP, jobId: 'bbbbbbbbbbbbbbbbbbbbbbbb' });
        const [forbidden, malformed] = await Promise.all([follow(c, SMALL, { id: demoJob }), follow(c, SMALL, { id: 'not-an-id' })]);
        expect({ forbidden, malformed, upstream: restricted.sim.calls.length }).toEqual({
          forbidden: {
            results: [{ errors: [{ message: `This gateway does not serve project ${DEMO.projectId}.`, locations: [{ line: 1, column: 27 }], path: ['restoreJobUpdates'], extensions: { code: 'FORBIDDEN' } }] }],
            end: { type: 'complete' },
          },
          malformed: {
            results: [{ errors: [{ message: '"not-an-id" is not an id of this graph.', locations: [{ line: 1, column: 27 }], path: ['restoreJobUpdates'], extensions: { code: 'BAD_USER_INPUT', argument: 'id' } }] }],
            end: { type: 'complete' },
          },
          upstream: 0,
        });
      } finally {
        await c.dispose();
        await restricted.stop();
      }
    }
  });

  it('a third subscription on a connection holding WATCH_MAX_PER_CONNECTION=2 is TOO_MANY_SUBSCRIPTIONS; the two go on', async () => {
    const client = authorized();
    try {
      const one = follow(client, SMALL, { id: jobId });
      const two = follow(client, SMALL, { id: jobId });
      await until(() => one.results.length === 1 && two.results.length === 1, 10_000, 'two INITIAL events');
      const three = await follow(client, SMALL, { id: jobId });
      expect({ three, active: h.gateway.watch.activeSubscriptions }).toEqual({
        three: refused('A connection may hold 2 subscriptions at once (WATCH_MAX_PER_CONNECTION).', { code: 'TOO_MANY_SUBSCRIPTIONS', max: 2 }),
        active: 2,
      });
    } finally {
      await client.dispose();
    }
  });
});

describe('the cost limit and the per-process bound', () => {
  it('a subscription over GRAPHQL_MAX_COST is QUERY_TOO_COMPLEX; one over WATCH_MAX_PER_PROCESS is TOO_MANY_SUBSCRIPTIONS', async () => {
    const h = await startHarness({ simulator: { jobStepMs: 60_000 }, watch: { ...SLOW, maxPerProcess: 1 }, limits: { maxCost: 5 } });
    const cheap = await startHarness({ simulator: { jobStepMs: 60_000 }, watch: { ...SLOW, maxPerProcess: 1 } });
    const [a, b] = [wsClient(h.gateway.url), wsClient(cheap.gateway.url)];
    try {
      const job = await startDownload(cheap, 'CLOUD_BACKUP');
      const costly = await follow(a, SMALL, { id: job.id });
      const first = follow(b, SMALL, { id: job.id });
      await until(() => first.results.length === 1, 10_000, 'the INITIAL event');
      const second = await follow(b, SMALL, { id: job.id });
      expect({ costly, second }).toEqual({
        costly: refused('Query cost limit of 5 exceeded, found 11 (1 items, 1 upstream calls at 10 each).', { code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 5 }),
        second: refused('This gateway holds 1 subscriptions already (WATCH_MAX_PER_PROCESS): try again later, or another replica.', { code: 'TOO_MANY_SUBSCRIPTIONS', max: 1 }),
      });
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
      await h.stop();
      await cheap.stop();
    }
  });
});

describe('stopping the gateway (SIGTERM)', () => {
  it('completes every stream with SHUTTING_DOWN, then closes the sockets with 1012; while it stops, new subscriptions and connections are refused', async () => {
    const h = await startHarness({ simulator: { jobStepMs: 60_000 }, watch: SLOW, shutdown: { delayMs: 1_500 } });
    const job = await startDownload(h, 'CLOUD_BACKUP');
    const closes: number[] = [];
    const clients = [wsClient(h.gateway.url), wsClient(h.gateway.url)];
    clients.forEach((c) => c.on('closed', (event) => closes.push((event as { code: number }).code)));
    try {
      const streams = clients.map((c) => follow(c, SMALL, { id: job.id }));
      await until(() => streams.every((s) => s.results.length === 1), 10_000, 'two INITIAL events');
      const stopped = h.gateway.stop();
      // During SHUTDOWN_DELAY_MS: a new subscription on an open connection, and a new connection.
      const late = await follow(clients[0]!, SMALL, { id: job.id });
      const newConnection = await upgrade(h.gateway.url, {});
      const ended = await Promise.all(streams);
      await stopped;
      await until(() => closes.length === 2, 5_000, 'both sockets to close');
      const shuttingDown = {
        data: null,
        errors: [{ message: 'The gateway is shutting down: subscribe again (another replica will answer).', locations: [{ line: 1, column: 27 }], path: ['restoreJobUpdates'], extensions: { code: 'SHUTTING_DOWN' } }],
      };
      expect({ late, newConnection, ended, closes }).toEqual({
        late: refused('The gateway is shutting down: subscribe again (another replica will answer).', { code: 'SHUTTING_DOWN' }),
        newConnection: { status: 503, body: 'The gateway is shutting down: connect again (another replica will answer).\n' },
        ended: [0, 1].map(() => ({ results: [{ data: { restoreJobUpdates: { change: 'INITIAL' } } }, shuttingDown], end: { type: 'complete' } })),
        closes: [1012, 1012],
      });
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
      await h.sim.stop();
    }
  }, 20_000);
});

describe('lifetimes and idle connections', () => {
  it('a subscription past WATCH_MAX_LIFETIME_MS ends with SUBSCRIPTION_EXPIRED and completes; an idle connection closes with 1000', async () => {
    const h = await startHarness({ simulator: { jobStepMs: 60_000 }, watch: { ...SLOW, maxLifetimeMs: 1_000, idleTimeoutMs: 300 } });
    const job = await startDownload(h, 'CLOUD_BACKUP');
    const watching = wsClient(h.gateway.url);
    const idle = wsClient(h.gateway.url);
    const closes: { code: number; reason: string }[] = [];
    idle.on('closed', (event) => closes.push({ code: (event as { code: number }).code, reason: (event as { reason: string }).reason }));
    try {
      const expired = await follow(watching, SMALL, { id: job.id });
      // (A non-lazy graphql-ws client connects again after a normal close, and is closed again: the first close counts.)
      await until(() => closes.length >= 1, 5_000, 'the idle connection to close');
      expect({ expired, closes: closes.slice(0, 1) }).toEqual({
        expired: {
          results: [
            { data: { restoreJobUpdates: { change: 'INITIAL' } } },
            {
              data: null,
              errors: [{ message: 'This subscription reached its maximum lifetime (1000 ms, WATCH_MAX_LIFETIME_MS): subscribe again.', locations: [{ line: 1, column: 27 }], path: ['restoreJobUpdates'], extensions: { code: 'SUBSCRIPTION_EXPIRED', max: 1000 } }],
            },
          ],
          end: { type: 'complete' },
        },
        closes: [{ code: 1000, reason: 'Idle: no subscription (WATCH_IDLE_TIMEOUT_MS).' }],
      });
    } finally {
      await Promise.all([watching.dispose(), idle.dispose()]);
      await h.stop();
    }
  }, 20_000);
});
