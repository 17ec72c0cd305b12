import { loadConfig } from '../src/config';
import { startGateway, type Gateway } from '../src/server';
import { DEMO } from '../src/simulator';
import { BENCH_TOKENS, benchSimulator, pageQuery, WALK_CLUSTER, WALK_JOBS } from './workload';

/** One call-count scenario's result: what it cost Atlas, and the target for it. */
export interface CallCount {
  scenario: string;
  graphqlRequests: number;
  upstreamCalls: number;
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
  const gateway = await startGateway({
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    atlasBaseUrl,
    apiVersion: 'v2',
    auth: { mode: 'passthrough' },
    timeouts: { connectMs: 5_000, attemptMs: 10_000, requestMs: 30_000 },
    nodeEnv: 'production',
  });
  const token = BENCH_TOKENS[0]!;
  const results: CallCount[] = [];
  const count = async (scenario: string, target: string, limit: (requests: number) => number, run: () => Promise<number>) => {
    sim.resetCalls();
    const graphqlRequests = await run();
    const upstreamCalls = sim.calls.length;
    results.push({ scenario, graphqlRequests, upstreamCalls, target, met: upstreamCalls <= limit(graphqlRequests) });
  };
  try {
    await count('flat page of 500', 'exactly 1', () => 1, async () => {
      await post(gateway, pageQuery(DEMO.bigCluster.name, 500).graphql, token);
      return 1;
    });

    const listed = (await post(gateway, pageQuery(DEMO.bigCluster.name, 30).graphql, token)).restoreJobs as { nodes: { jobId: string }[] };
    const distinct = listed.nodes.slice(20, 25).map((n) => n.jobId);
    await count('list of 10 + 15 aliased lookups of 5 distinct jobs', '1 + 5 distinct', () => 6, async () => {
      const lookups = Array.from(
        { length: 15 },
        (_, i) =>
          `j${i}: restoreJob(kind: LEGACY_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${DEMO.bigCluster.name}", jobId: "${distinct[i % 5]}") { jobId status }`,
      );
      const list = `restoreJobs(kind: LEGACY_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${DEMO.bigCluster.name}", first: 10) { nodes { jobId } }`;
      await post(gateway, JSON.stringify({ query: `{ ${list} ${lookups.join(' ')} }` }), token);
      return 1;
    });

    await count(`walk of ${WALK_JOBS} jobs, first: 500`, '20', () => 20, async () => {
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
    await count('50 concurrent identical queries, one credential', 'at most 1 per distinct URL in flight', () => 1, async () => {
      await Promise.all(Array.from({ length: 50 }, () => post(gateway, flat, token)));
      return 50;
    });

    await count('50 concurrent identical queries, 50 credentials', '50: nothing shared across credentials', (n) => n, async () => {
      await Promise.all(BENCH_TOKENS.map((t) => post(gateway, flat, t)));
      const perCredential = new Set(sim.calls.map((c) => c.authorization));
      if (perCredential.size !== BENCH_TOKENS.length) throw new Error('a credential was not forwarded');
      return 50;
    });
  } finally {
    await gateway.stop();
    await sim.stop();
  }
  return results;
}
