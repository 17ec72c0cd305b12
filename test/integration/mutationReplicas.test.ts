import type { Gateway } from '../../src/server';
import { AtlasSimulator, DEMO } from '../../src/simulator';
import { startTestGateway, TEST_CACHE } from '../support/harness';
import { startTestRedis, type TestRedis } from '../support/redis';
import { createTestSeed } from '../support/seeds';
import { START_DOWNLOAD } from '../support/mutations';

const P = DEMO.projectId;

async function post(gateway: Gateway, query: string, variables: Record<string, unknown>): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: Record<string, unknown> };
}

/** Two gateways sharing one real redis-server (REDIS_URL) in front of one simulator: idempotency keys are shared. */
describe('idempotency keys shared by replicas through Redis', () => {
  let redis: TestRedis;
  const sim = new AtlasSimulator({ seed: createTestSeed() });
  let a: Gateway;
  let b: Gateway;

  beforeAll(async () => {
    redis = await startTestRedis();
    const baseUrl = await sim.start(0, '127.0.0.1');
    const cache = { ...TEST_CACHE, redisUrl: redis.url };
    a = await startTestGateway(baseUrl, { cache });
    b = await startTestGateway(baseUrl, { cache });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await sim.stop();
    await redis?.stop();
  });
  beforeEach(() => sim.resetCalls());

  it('the same key sent to both replicas at once: one upstream POST, both answer the same job, one of them as a replay', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const input = { idempotencyKey: `replicas-${Date.now()}`, projectId: P, clusterName: cluster, kind: 'CLOUD_BACKUP', snapshotId: sim.snapshots.completedId(P, cluster) };
    // A slow Atlas: the second replica's call arrives while the first one's POST is in flight.
    sim.inject({ match: (c) => c.method === 'POST', delayMs: 300 });
    const [ra, rb] = await Promise.all([post(a, START_DOWNLOAD, { input }), post(b, START_DOWNLOAD, { input })]);
    const pa = ra.data?.startDownloadRestore as { restoreJob: { jobId: string }; replayed: boolean; userErrors: unknown[] };
    const pb = rb.data?.startDownloadRestore as { restoreJob: { jobId: string }; replayed: boolean; userErrors: unknown[] };
    expect({
      errors: [ra.errors, rb.errors],
      userErrors: [pa.userErrors, pb.userErrors],
      sameJob: pa.restoreJob.jobId === pb.restoreJob.jobId,
      replayed: [pa.replayed, pb.replayed].sort(),
      posts: sim.calls.filter((c) => c.method === 'POST').length,
    }).toEqual({ errors: [undefined, undefined], userErrors: [[], []], sameJob: true, replayed: [false, true], posts: 1 });
  });

  it('a key used on one replica is reused on the other: same input replays, other input is IDEMPOTENCY_KEY_REUSED', async () => {
    const cluster = DEMO.clusters.FLEX;
    const input = { idempotencyKey: `replicas-reuse-${Date.now()}`, projectId: P, clusterName: cluster, kind: 'FLEX', snapshotId: sim.snapshots.completedId(P, cluster) };
    const first = await post(a, START_DOWNLOAD, { input });
    const replay = await post(b, START_DOWNLOAD, { input });
    const other = await post(b, START_DOWNLOAD, { input: { ...input, clusterName: DEMO.clusters.CLOUD_BACKUP, kind: 'CLOUD_BACKUP' } });
    expect([
      (replay.data?.startDownloadRestore as { replayed: boolean }).replayed,
      (replay.data?.startDownloadRestore as { restoreJob: unknown }).restoreJob,
      (other.data?.startDownloadRestore as { userErrors: { code: string }[] }).userErrors.map((e) => e.code),
      sim.calls.filter((c) => c.method === 'POST').length,
    ]).toEqual([true, (first.data?.startDownloadRestore as { restoreJob: unknown }).restoreJob, ['IDEMPOTENCY_KEY_REUSED'], 1]);
  });
});
