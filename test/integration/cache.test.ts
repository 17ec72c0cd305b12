import { createServer, type Server, type Socket } from 'node:net';
import { DEFAULT_CACHE } from '../../src/config';
import { DEMO } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';
import { captureLogs } from '../support/logs';
import { metricValue, scrape } from '../support/metrics';
import { startTestRedis, type TestRedis } from '../support/redis';

const TOKENS = Array.from({ length: 12 }, (_, i) => `cache-caller-token-${String.fromCharCode(65 + i)}`);
const as = (token: string) => ({ authorization: `Bearer ${token}` });
const P = DEMO.projectId;
const C = DEMO.clusters.LEGACY_BACKUP;
const JOB = `query($j: ObjectID!) { restoreJob(kind: LEGACY_BACKUP, projectId: "${P}", clusterName: "${C}", jobId: $j) { id jobId status } }`;
const LIST = `{ restoreJobs(kind: LEGACY_BACKUP, projectId: "${P}", clusterName: "${C}", first: 20) { nodes { id jobId status } } }`;
const SHORT = 400;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The seed's first job of legacy-cluster-0 in a terminal status, and the first still running. */
function jobIds(h: Harness): { finished: string; running: string } {
  const jobs = h.sim.seed.projects.find((p) => p.id === P)!.clusters.find((c) => c.name === C)!.legacy!;
  const finished = jobs.find((j) => j.statusName === 'FINISHED')?.id;
  const running = jobs.find((j) => j.statusName === 'IN_PROGRESS')?.id;
  if (!finished || !running) throw new Error('the seed has no finished or no running legacy job');
  return { finished, running };
}

/** Three reads of a finished job through `h`, each answered from Atlas without an error; then the gateway's metrics. */
async function readThriceFromAtlas(h: Harness): Promise<string> {
  const { finished } = jobIds(h);
  for (let i = 0; i < 3; i += 1) {
    const res = await h.query(JOB, { j: finished });
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({ restoreJob: { jobId: finished } });
  }
  expect(h.sim.calls).toHaveLength(3);
  return scrape(h.gateway);
}

describe('the status-aware cache (in-process LRU), through the real server', () => {
  let h: Harness;
  let ids: { finished: string; running: string };
  const callsBy = (token: string) => h.sim.calls.filter((c) => c.authorization === `Bearer ${token}`);

  beforeAll(async () => {
    h = await startHarness({
      simulator: { auth: { mode: 'bearer', clientId: 'x', clientSecret: 'y', acceptedTokens: TOKENS } },
      auth: { mode: 'passthrough' },
      cache: { ...DEFAULT_CACHE, ttls: { terminalMs: 3_600_000, runningMs: SHORT, pageMs: SHORT } },
    });
    ids = jobIds(h);
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.sim.resetCalls();
    h.sim.clearFaults();
  });

  it('a finished job is served from the cache after the first read', async () => {
    const [t] = TOKENS;
    const first = await h.query(JOB, { j: ids.finished }, as(t!));
    expect(first.data).toEqual({ restoreJob: { id: expect.any(String), jobId: ids.finished, status: 'COMPLETED' } });
    for (let i = 0; i < 5; i += 1) expect(await h.query(JOB, { j: ids.finished }, as(t!))).toEqual(first);
    expect(callsBy(t!)).toHaveLength(1);
  });

  it('a running job is served from the cache for runningMs only', async () => {
    const t = TOKENS[1]!;
    const first = await h.query(JOB, { j: ids.running }, as(t));
    expect(first.data).toMatchObject({ restoreJob: { status: 'IN_PROGRESS' } });
    expect(await h.query(JOB, { j: ids.running }, as(t))).toEqual(first);
    expect(callsBy(t)).toHaveLength(1);
    await sleep(SHORT + 100);
    expect(await h.query(JOB, { j: ids.running }, as(t))).toEqual(first);
    expect(callsBy(t)).toHaveLength(2);
  });

  it('a list primes the cache: opening a job it returned costs Atlas no call, by id or by node', async () => {
    const t = TOKENS[2]!;
    const list = await h.query(LIST, undefined, as(t));
    const node = (list.data!.restoreJobs as { nodes: { id: string; jobId: string }[] }).nodes.find((n) => n.jobId === ids.finished)!;
    expect(node).toBeDefined();
    expect(callsBy(t)).toHaveLength(1);
    expect((await h.query(JOB, { j: ids.finished }, as(t))).data).toMatchObject({ restoreJob: { jobId: ids.finished } });
    const byNode = await h.query(`query($id: ID!) { node(id: $id) { id ... on RestoreJob { jobId status } } }`, { id: node.id }, as(t));
    expect(byNode.data).toEqual({ node: { id: node.id, jobId: ids.finished, status: 'COMPLETED' } });
    expect(callsBy(t)).toHaveLength(1);
  });

  it('a page is served from the cache for pageMs only', async () => {
    const t = TOKENS[3]!;
    const first = await h.query(LIST, undefined, as(t));
    expect(await h.query(LIST, undefined, as(t))).toEqual(first);
    expect(callsBy(t)).toHaveLength(1);
    await sleep(SHORT + 100);
    expect(await h.query(LIST, undefined, as(t))).toEqual(first);
    expect(callsBy(t)).toHaveLength(2);
  });

  it('nothing is shared across credentials: each caller pays its own call, with its own token', async () => {
    const [a, b] = [TOKENS[4]!, TOKENS[5]!];
    await h.query(JOB, { j: ids.finished }, as(a));
    await h.query(JOB, { j: ids.finished }, as(b));
    expect(h.sim.calls.map((c) => c.authorization)).toEqual([`Bearer ${a}`, `Bearer ${b}`]);
    // A credential Atlas refuses is refused, even for a job another credential has cached.
    const stranger = await h.query(JOB, { j: ids.finished }, as('not-an-accepted-token'));
    expect(stranger.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('errors are never cached: after a failure the next read asks Atlas again', async () => {
    const t = TOKENS[6]!;
    h.sim.inject({ match: (c) => c.path.endsWith(ids.finished), status: 404, body: JSON.stringify({ error: 404, errorCode: 'RESTORE_JOB_NOT_FOUND', detail: 'gone for a moment' }) });
    expect(await h.query(JOB, { j: ids.finished }, as(t))).toEqual({ data: { restoreJob: null } });
    expect((await h.query(JOB, { j: ids.finished }, as(t))).data).toMatchObject({ restoreJob: { jobId: ids.finished } });
    expect(callsBy(t)).toHaveLength(2);
  });

  it('identical GETs in flight at once share one call (coalescing), per credential', async () => {
    h.sim.setLatency(50);
    try {
      const [a, b] = [TOKENS[7]!, TOKENS[8]!];
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => h.query(JOB, { j: ids.running }, as(i % 2 === 0 ? a : b))),
      );
      expect(new Set(answers.map((r) => JSON.stringify(r.data))).size).toBe(1);
      expect(answers[0]!.errors).toBeUndefined();
      expect(h.sim.peakIdenticalInFlight).toBe(1);
      // Each credential made its own call; none was made twice at the same time.
      expect(new Set(h.sim.calls.map((c) => c.authorization))).toEqual(new Set([`Bearer ${a}`, `Bearer ${b}`]));
      const metrics = await scrape(h.gateway);
      expect(metricValue(metrics, 'atlas_upstream_coalesced_total', 'kind="LEGACY_BACKUP",operation="get"')).toBeGreaterThan(0);
      expect(metricValue(metrics, 'gateway_cache_operations_total', 'backend="memory",result="hit"')).toBeGreaterThan(0);
    } finally {
      h.sim.setLatency(0);
    }
  });
});

describe('with CACHE=off', () => {
  it('every request asks Atlas', async () => {
    const h = await startHarness({ cache: { ...DEFAULT_CACHE, enabled: false } });
    try {
      const { finished } = jobIds(h);
      for (let i = 0; i < 3; i += 1) expect((await h.query(JOB, { j: finished })).data).toMatchObject({ restoreJob: { jobId: finished } });
      expect(h.sim.calls).toHaveLength(3);
    } finally {
      await h.stop();
    }
  });
});

describe('Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  }, 20_000);
  afterAll(() => redis?.stop());

  it('serves the cache from Redis, keyed by credential', async () => {
    const h = await startHarness({
      simulator: { auth: { mode: 'bearer', clientId: 'x', clientSecret: 'y', acceptedTokens: TOKENS } },
      auth: { mode: 'passthrough' },
      cache: { ...DEFAULT_CACHE, redisUrl: redis.url },
    });
    try {
      const { finished } = jobIds(h);
      const [a, b] = [TOKENS[9]!, TOKENS[10]!];
      const first = await h.query(JOB, { j: finished }, as(a));
      expect(first.errors).toBeUndefined();
      expect(await h.query(JOB, { j: finished }, as(a))).toEqual(first);
      expect(await h.query(JOB, { j: finished }, as(b))).toEqual(first);
      expect(h.sim.calls.map((c) => c.authorization)).toEqual([`Bearer ${a}`, `Bearer ${b}`]);
      const metrics = await scrape(h.gateway);
      expect(metricValue(metrics, 'gateway_cache_operations_total', 'backend="redis",result="hit"')).toBe(1);
    } finally {
      await h.stop();
    }
  });

  it('an unreachable Redis is a miss, never an error: every request is answered from Atlas, and the log says so without the URL', async () => {
    const { logger, lines } = captureLogs('info');
    // A port nothing listens on, with a password in the URL that must never be printed.
    const dead = 'redis://:redis-password-never-logged@127.0.0.1:1';
    const h = await startHarness({ cache: { ...DEFAULT_CACHE, redisUrl: dead, timeoutMs: 100 }, logger });
    try {
      const metrics = await readThriceFromAtlas(h);
      expect(metricValue(metrics, 'gateway_cache_operations_total', 'backend="redis",result="error"')).toBeGreaterThan(0);
      const warnings = lines.filter((l) => l.includes('served as a miss'));
      expect(warnings.length).toBeGreaterThanOrEqual(1);
      expect(lines.join('\n')).not.toContain('redis-password-never-logged');
    } finally {
      await h.stop();
    }
  });

  it('a Redis that accepts connections and never answers costs at most CACHE_TIMEOUT_MS per operation, never a hang or an error', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('data', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const h = await startHarness({ cache: { ...DEFAULT_CACHE, redisUrl: `redis://127.0.0.1:${port}`, timeoutMs: 50 } });
    try {
      const metrics = await readThriceFromAtlas(h);
      expect(metricValue(metrics, 'gateway_cache_operations_total', 'backend="redis",result="error"')).toBeGreaterThanOrEqual(3);
    } finally {
      await h.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
