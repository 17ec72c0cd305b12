import type { Client } from 'graphql-ws';
import type { Gateway } from '../../src/server';

import { startHarness, startTestGateway, TEST_CACHE, type Harness } from '../support/harness';
import { metricValue, scrape } from '../support/metrics';
import { startTestRedis, type TestRedis } from '../support/redis';
import { createTestSeed } from '../support/seeds';
import { startDownload, WATCH } from '../support/watch';
import { follow, until, wsClient, type Followed } from '../support/ws';
import { DEFAULT_WATCH } from '../../src/config';
import { AtlasSimulator, DEMO } from '../../src/simulator';

/** One poll a minute: within a test, only the first tick happens. */
const SLOW = { schedule: { minMs: 60_000, maxMs: 60_000, fastForMs: 0, rampMs: 0, jitter: 0 } };
/** Every 100 ms, no jitter. */
const FAST = { schedule: { minMs: 100, maxMs: 100, fastForMs: 0, rampMs: 0, jitter: 0 } };

const getsOf = (sim: AtlasSimulator, path: string) => sim.calls.filter((c) => c.method === 'GET' && c.path === path);

async function closeAll(clients: Client[]): Promise<void> {
  await Promise.all(clients.map((c) => c.dispose()));
}

describe('one poll per (credential, job) on one replica', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  it('10 subscribers of one job with one credential: 1 GET answers every INITIAL; an 11th joining later costs none', async () => {
    h = await startHarness({ simulator: { jobStepMs: 60_000 }, watch: SLOW });
    const job = await startDownload(h, 'CLOUD_BACKUP');
    const clients = Array.from({ length: 11 }, () => wsClient(h.gateway.url));
    try {
      const streams = clients.slice(0, 10).map((c) => follow(c, WATCH, { id: job.id }));
      await until(() => streams.every((s) => s.results.length === 1), 10_000, 'ten INITIAL events');
      const afterTen = getsOf(h.sim, job.path).length;
      const late = follow(clients[10]!, WATCH, { id: job.id });
      await until(() => late.results.length === 1, 10_000, 'the late INITIAL');
      const initial = streams[0]!.results[0];
      expect({
        afterTen,
        afterEleven: getsOf(h.sim, job.path).length,
        sameInitial: streams.every((s) => JSON.stringify(s.results[0]) === JSON.stringify(initial)),
        lateInitial: late.results[0],
        pollers: h.gateway.watch.pollerCount,
        active: h.gateway.watch.activeSubscriptions,
      }).toEqual({ afterTen: 1, afterEleven: 1, sameInitial: true, lateInitial: initial, pollers: 1, active: 11 });
    } finally {
      await closeAll(clients);
    }
    // Every subscriber gone: the poll stops.
    await until(() => h.gateway.watch.activeSubscriptions === 0 && h.gateway.watch.pollerCount === 0, 5_000, 'the poll to stop');
  }, 30_000);

  it('5 subscribers followed to TERMINAL see the same events (the same observedAt), and every GET is one shared poll', async () => {
    h = await startHarness({ simulator: { jobStepMs: 500 }, watch: FAST });
    const job = await startDownload(h, 'FLEX');
    const clients = Array.from({ length: 5 }, () => wsClient(h.gateway.url));
    try {
      const followed: Followed[] = await Promise.all(clients.map((c) => follow(c, WATCH, { id: job.id })));
      const polls = metricValue(await scrape(h.gateway), 'watch_polls_total');
      expect({
        ends: followed.map((f) => f.end.type),
        changes: followed[0]!.results.map((r) => (r.data?.restoreJobUpdates as { change: string }).change),
        identical: followed.every((f) => JSON.stringify(f.results) === JSON.stringify(followed[0]!.results)),
        getsArePolls: getsOf(h.sim, job.path).length === polls,
      }).toEqual({ ends: Array(5).fill('complete'), changes: ['INITIAL', 'CHANGED', 'CHANGED', 'TERMINAL'], identical: true, getsArePolls: true });
    } finally {
      await closeAll(clients);
    }
  }, 30_000);

  it('passthrough: 2 credentials × 3 subscribers of one job → 2 GETs, one with each credential', async () => {
    const tokens = ['watch-caller-token-A', 'watch-caller-token-B'];
    h = await startHarness({
      auth: { mode: 'passthrough' },
      simulator: { jobStepMs: 60_000, auth: { mode: 'bearer', clientId: 'x', clientSecret: 'y', acceptedTokens: tokens } },
      watch: SLOW,
    });
    const job = await startDownload(h, 'CLOUD_BACKUP', { authorization: `Bearer ${tokens[0]}` });
    const clients = tokens.flatMap((token) => Array.from({ length: 3 }, () => wsClient(h.gateway.url, { connectionParams: { authorization: `Bearer ${token}` } })));
    try {
      const streams = clients.map((c) => follow(c, WATCH, { id: job.id }));
      await until(() => streams.every((s) => s.results.length === 1), 10_000, 'six INITIAL events');
      expect({
        gets: getsOf(h.sim, job.path).map((c) => c.authorization).sort(),
        initials: streams.map((s) => (s.results[0]?.data?.restoreJobUpdates as { change: string }).change),
        pollers: h.gateway.watch.pollerCount,
      }).toEqual({ gets: tokens.map((t) => `Bearer ${t}`), initials: Array(6).fill('INITIAL'), pollers: 2 });
    } finally {
      await closeAll(clients);
    }
  }, 30_000);
});

/** Two gateways in this process sharing one real redis-server (REDIS_URL) in front of one simulator. */
describe('one poll per job across two replicas sharing Redis (the lease, pub/sub)', () => {
  let redis: TestRedis;
  let sim: AtlasSimulator;
  let a: Gateway | undefined;
  let b: Gateway | undefined;
  const startPair = async (watch: typeof FAST, jobStepMs: number) => {
    sim = new AtlasSimulator({ seed: createTestSeed(), jobStepMs });
    const baseUrl = await sim.start(0, '127.0.0.1');
    const config = { cache: { ...TEST_CACHE, redisUrl: redis.url }, watch: { ...DEFAULT_WATCH, ...watch } };
    a = await startTestGateway(baseUrl, config);
    b = await startTestGateway(baseUrl, config);
    const query = async (q: string, variables?: Record<string, unknown>) =>
      (await (await fetch(a!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q, variables }) })).json()) as { data?: Record<string, unknown> };
    return { query, sim };
  };
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterEach(async () => {
    await a?.stop();
    await b?.stop();
    await sim?.stop();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('3 subscribers on each replica: 1 GET answers all six INITIAL events', async () => {
    const pair = await startPair(SLOW, 60_000);
    const job = await startDownload(pair, 'CLOUD_BACKUP');
    const clients = [a!, a!, a!, b!, b!, b!].map((g) => wsClient(g.url));
    try {
      const first = follow(clients[0]!, WATCH, { id: job.id });
      await until(() => first.results.length === 1, 10_000, 'the first INITIAL');
      const rest = clients.slice(1).map((c) => follow(c, WATCH, { id: job.id }));
      await until(() => rest.every((s) => s.results.length === 1), 10_000, 'five more INITIAL events');
      expect({
        gets: getsOf(sim, job.path).length,
        identical: rest.every((s) => JSON.stringify(s.results[0]) === JSON.stringify(first.results[0])),
        pollers: [a!.watch.pollerCount, b!.watch.pollerCount],
      }).toEqual({ gets: 1, identical: true, pollers: [1, 1] });
    } finally {
      await closeAll(clients);
    }
  }, 30_000);

  it('followed to TERMINAL on both: the same events on each replica, one replica polls, every GET is its poll', async () => {
    const pair = await startPair(FAST, 500);
    const job = await startDownload(pair, 'FLEX');
    const clients = [a!, b!, a!, b!].map((g) => wsClient(g.url));
    try {
      const followed = await Promise.all(clients.map((c) => follow(c, WATCH, { id: job.id })));
      const polls = [metricValue(await scrape(a!), 'watch_polls_total'), metricValue(await scrape(b!), 'watch_polls_total')];
      expect({
        ends: followed.map((f) => f.end.type),
        changes: followed[0]!.results.map((r) => (r.data?.restoreJobUpdates as { change: string }).change),
        identical: followed.every((f) => JSON.stringify(f.results) === JSON.stringify(followed[0]!.results)),
        onePoller: Math.min(...polls) === 0 && Math.max(...polls) > 0,
        getsArePolls: getsOf(sim, job.path).length === polls[0]! + polls[1]!,
      }).toEqual({ ends: Array(4).fill('complete'), changes: ['INITIAL', 'CHANGED', 'CHANGED', 'TERMINAL'], identical: true, onePoller: true, getsArePolls: true });
    } finally {
      await closeAll(clients);
    }
  }, 30_000);
});

describe('a replica that stops hands its polls over (the lease)', () => {
  it('the polling replica stops (releasing its lease): the other takes the lease and follows the job to TERMINAL', async () => {
    const redis = await startTestRedis();
    const sim = new AtlasSimulator({ seed: createTestSeed(), jobStepMs: 2_000 });
    const baseUrl = await sim.start(0, '127.0.0.1');
    const config = { cache: { ...TEST_CACHE, redisUrl: redis.url }, watch: { ...DEFAULT_WATCH, ...FAST, leaseMs: 400, leaseRenewMs: 100 }, shutdown: { delayMs: 0, graceMs: 200 } };
    const a = await startTestGateway(baseUrl, config);
    const b = await startTestGateway(baseUrl, config);
    const query = async (q: string, variables?: Record<string, unknown>) =>
      (await (await fetch(a.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q, variables }) })).json()) as { data?: Record<string, unknown> };
    const [onA, onB] = [wsClient(a.url), wsClient(b.url)];
    try {
      const job = await startDownload({ query, sim }, 'FLEX');
      const first = follow(onA, WATCH, { id: job.id });
      await until(() => first.results.length === 1, 10_000, 'INITIAL on the first replica');
      const second = follow(onB, WATCH, { id: job.id });
      await until(() => second.results.length === 1, 10_000, 'INITIAL on the second replica');
      const pollsOfB = async () => metricValue(await b.metrics.text(), 'watch_polls_total');
      const bBefore = await pollsOfB();
      await a.stop();
      const followed = await second;
      expect({
        aEnded: (await first).results.at(-1)?.errors?.[0]?.extensions?.code,
        bPolledBefore: bBefore,
        bPolledAfter: (await pollsOfB()) > 0,
        changes: followed.results.map((r) => (r.data?.restoreJobUpdates as { change: string }).change),
        end: followed.end,
      }).toEqual({ aEnded: 'SHUTTING_DOWN', bPolledBefore: 0, bPolledAfter: true, changes: ['INITIAL', 'CHANGED', 'CHANGED', 'TERMINAL'], end: { type: 'complete' } });
    } finally {
      await Promise.all([onA.dispose(), onB.dispose()]);
      await a.stop();
      await b.stop();
      await sim.stop();
      await redis.stop();
    }
  }, 30_000);
});

describe('the watch without Redis (REDIS_URL unreachable)', () => {
  it('polls from this replica instead: a seeded finished job answers INITIAL and completes; stop and close are bounded', async () => {
    const h = await startHarness({ cache: { redisUrl: 'redis://127.0.0.1:1', timeoutMs: 100 }, watch: FAST });
    const client = wsClient(h.gateway.url);
    try {
      const listed = await h.query(`{ restoreJobs(kind: FLEX, projectId: "${DEMO.projectId}", clusterName: "${DEMO.clusters.FLEX}", first: 20) { nodes { id isTerminal } } }`);
      const finished = (listed.data?.restoreJobs as { nodes: { id: string; isTerminal: boolean }[] }).nodes.find((n) => n.isTerminal)!;
      const followed = await follow(client, `subscription ($id: ID!) { restoreJobUpdates(id: $id) { change job { id isTerminal } } }`, { id: finished.id });
      expect(followed).toEqual({ results: [{ data: { restoreJobUpdates: { change: 'INITIAL', job: { id: finished.id, isTerminal: true } } } }], end: { type: 'complete' } });
    } finally {
      await client.dispose();
      await h.stop();
    }
  }, 30_000);
});
