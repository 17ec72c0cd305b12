import { DEFAULT_CACHE, loadConfig, type CacheConfig } from '../src/config';
import { createGateway, type Gateway } from '../src/server';
import { DEMO } from '../src/simulator';
import { BENCH_TOKENS, benchSimulator, pageQuery, WALK_CLUSTER, WALK_JOBS } from './workload';

/** One call-count scenario's result: what it cost Atlas, and the target for it. */
export interface CallCount {
  scenario: string;
  graphqlRequests: number;
  upstreamCalls: number;
  /** The most identical upstream GETs in flight at one moment (1: every one was alone). */
  peakIdenticalInFlight: number;
  target: string;
  met: boolean;
}

async function post(gateway: Gateway, body: string, token: string): Promise<Record<string, unknown>> {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const json = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (json.errors) throw new Error(`GraphQL errors: ${JSON.stringify(json.errors).slice(0, 300)}`);
  return json.data!;
}

/**
 * Counts upstream calls per GraphQL request for the workload shapes of the performance issue, against a simulator
 * in this process and a passthrough gateway (so 50 callers can be 50 credentials). Counts, never times.
 */
export async function measureCallCounts(): Promise<CallCount[]> {
  const sim = benchSimulator();
  const atlasBaseUrl = await sim.start(0, '127.0.0.1');
  const start = async (cache: CacheConfig): Promise<Gateway> => {
    const gateway = await createGateway({
      ...loadConfig({}),
      port: 0,
      host: '127.0.0.1',
      atlasBaseUrl,
      apiVersion: 'v2',
      auth: { mode: 'passthrough' },
      timeouts: { connectMs: 5_000, attemptMs: 10_000, requestMs: 30_000 },
      nodeEnv: 'production',
      cache,
      logLevel: 'silent',
    });
    await gateway.listen(0, '127.0.0.1');
    return gateway;
  };
  // Per-request costs are counted with the cross-request cache off (coalescing on), so that one scenario's calls do
  // not pay for the next's; the cache's own scenarios run on a second gateway with the default caches.
  const gateway = await start({ ...DEFAULT_CACHE, enabled: false });
  const cached = await start(DEFAULT_CACHE);
  const token = BENCH_TOKENS[0]!;
  const results: CallCount[] = [];
  /** Runs a scenario; `meets` says whether its calls meet the target. */
  const count = async (scenario: string, target: string, meets: (calls: number, requests: number, peak: number) => boolean, run: () => Promise<number>) => {
    sim.resetCalls();
    const graphqlRequests = await run();
    const upstreamCalls = sim.calls.length;
    const peak = sim.peakIdenticalInFlight;
    results.push({ scenario, graphqlRequests, upstreamCalls, peakIdenticalInFlight: peak, target, met: meets(upstreamCalls, graphqlRequests, peak) });
  };
  try {
    await count('flat page of 500', 'exactly 1', (calls) => calls === 1, async () => {
      await post(gateway, pageQuery(DEMO.bigCluster.name, 500).graphql, token);
      return 1;
    });

    const listed = (await post(gateway, pageQuery(DEMO.bigCluster.name, 30).graphql, token)).restoreJobs as { nodes: { jobId: string }[] };
    const distinct = listed.nodes.slice(20, 25).map((n) => n.jobId);
    await count('list of 10 + 15 aliased lookups of 5 distinct jobs', '1 + 5 distinct', (calls) => calls === 6, async () => {
      const lookups = Array.from(
        { length: 15 },
        (_, i) =>
          `j${i}: restoreJob(kind: LEGACY_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${DEMO.bigCluster.name}", jobId: "${distinct[i % 5]}") { jobId status }`,
      );
      const list = `restoreJobs(kind: LEGACY_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${DEMO.bigCluster.name}", first: 10) { nodes { jobId } }`;
      await post(gateway, JSON.stringify({ query: `{ ${list} ${lookups.join(' ')} }` }), token);
      return 1;
    });

    await count(`walk of ${WALK_JOBS} jobs, first: 500`, '20', (calls) => calls === 20, async () => {
      let after: string | null = null;
      let requests = 0;
      for (;;) {
        const query = `query($after: String) { restoreJobs(kind: LEGACY_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${WALK_CLUSTER}", first: 500, after: $after) { pageInfo { hasNextPage endCursor } nodes { jobId } } }`;
        const data = await post(gateway, JSON.stringify({ query, variables: { after } }), token);
        requests += 1;
        const page = data.restoreJobs as { pageInfo: { hasNextPage: boolean; endCursor: string } };
        if (!page.pageInfo.hasNextPage || requests > 100) break;
        after = page.pageInfo.endCursor;
      }
      return requests;
    });

    const flat = pageQuery(DEMO.bigCluster.name, 100).graphql;
    // The target is about calls in flight together: the simulator records the most identical GETs it was answering
    // at once. Atlas answers in 20 ms here (as in the latency rows), so the 50 queries overlap; a query that arrives
    // after the shared call ended makes a new one, which is not a duplicate in flight.
    sim.setLatency(20);
    await count('50 concurrent identical queries, one credential (upstream 20 ms)', 'at most 1 per distinct URL in flight', (_calls, _n, peak) => peak <= 1, async () => {
      await Promise.all(Array.from({ length: 50 }, () => post(gateway, flat, token)));
      return 50;
    });
    sim.setLatency(0);

    await count('50 concurrent identical queries, 50 credentials', '50: nothing shared across credentials', (calls, n) => calls === n, async () => {
      await Promise.all(BENCH_TOKENS.map((t) => post(gateway, flat, t)));
      const perCredential = new Set(sim.calls.map((c) => c.authorization));
      if (perCredential.size !== BENCH_TOKENS.length) throw new Error('a credential was not forwarded');
      return 50;
    });

    // With the default caches.
    const lookup = (jobId: string) =>
      JSON.stringify({ query: `{ restoreJob(kind: LEGACY_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${DEMO.bigCluster.name}", jobId: "${jobId}") { jobId status finishedAt } }` });
    const finished = async (t: string) => {
      const page = (await post(cached, JSON.stringify({ query: `{ restoreJobs(kind: LEGACY_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${DEMO.bigCluster.name}", first: 50) { nodes { jobId status } } }` }), t)).restoreJobs as { nodes: { jobId: string; status: string }[] };
      return page.nodes.filter((n) => n.status === 'COMPLETED' || n.status === 'FAILED').map((n) => n.jobId);
    };
    await count('cached: list 50, then open 10 finished jobs of it', '1 (the list primes the jobs)', (calls) => calls === 1, async () => {
      const done = (await finished(token)).slice(0, 10);
      if (done.length === 0) throw new Error('no finished job on the page');
      for (const jobId of done) await post(cached, lookup(jobId), token);
      return 1 + done.length;
    });
    const other = BENCH_TOKENS[1]!;
    await count('cached: 100 repeated reads of 1 finished job', '0 after the first read', (calls) => calls === 0, async () => {
      const [jobId] = await finished(other);
      sim.resetCalls();
      for (let i = 0; i < 100; i += 1) await post(cached, lookup(jobId!), other);
      return 100;
    });
    await count('cached: a finished job read by 50 credentials', '50: nothing shared across credentials', (calls, n) => calls === n, async () => {
      // A finished job no credential has read or listed through the cached gateway: the last one of big-cluster
      // (the lists above fetched its first upstream page only).
      const legacy = sim.seed.projects.find((p) => p.id === DEMO.projectId)!.clusters.find((c) => c.name === DEMO.bigCluster.name)!.legacy!;
      const jobId = [...legacy].reverse().find((j) => j.statusName === 'FINISHED')?.id;
      if (!jobId) throw new Error('no finished job in big-cluster');
      sim.resetCalls();
      await Promise.all(BENCH_TOKENS.map((t) => post(cached, lookup(jobId), t)));
      const perCredential = new Set(sim.calls.map((c) => c.authorization));
      if (perCredential.size !== BENCH_TOKENS.length) throw new Error('a credential was served what another fetched');
      return 50;
    });
  } finally {
    await gateway.stop();
    await cached.stop();
    await sim.stop();
  }
  return results;
}
