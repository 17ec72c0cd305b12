import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { AtlasSimulator, DEMO } from '../src/simulator';
import { startGateway } from '../src/server';

/**
 * A first, bounded benchmark on loopback: direct REST calls against the simulator versus the gateway query that
 * selects the same fields, sequentially at one connection, for pages of 1, 100 and 500 jobs; and upstream calls per
 * GraphQL request. Everything runs in this one process, so the figures include the simulator's own work; the
 * process-separated autocannon benchmark is issue 7's.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 0);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(fn: () => Promise<void>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 20; i += 1) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function main(): Promise<void> {
  const sim = new AtlasSimulator({ latencyMs: LATENCY_MS });
  const base = await sim.start(0, '127.0.0.1');
  const gateway = await startGateway({
    port: 0,
    host: '127.0.0.1',
    atlasBaseUrl: base,
    apiVersion: 'v2',
    auth: { mode: 'demo' },
    timeouts: { connectMs: 5_000, attemptMs: 10_000, requestMs: 30_000 },
    nodeEnv: 'production',
    explorer: 'off',
    introspection: false,
    corsOrigins: [],
  });
  const client = new Agent({ connections: 1 });
  const rssIdle = process.memoryUsage().rss;
  const { name } = DEMO.bigCluster;
  const rows: Record<string, unknown>[] = [];

  for (const size of [1, 100, 500]) {
    const direct = await time(async () => {
      const res = await request(`${base}/api/atlas/v2/groups/${DEMO.projectId}/clusters/${name}/restoreJobs?pageNum=1&itemsPerPage=${size}`, {
        dispatcher: client,
        headers: { accept: 'application/vnd.atlas.2023-01-01+json' },
      });
      await res.body.json();
    });
    const query = JSON.stringify({
      query: `{ restoreJobs(kind: LEGACY_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${name}", first: ${size}) { nodes { jobId status atlasStatus createdAt deliveryType snapshotId } } }`,
    });
    sim.resetCalls();
    let graphqlRequests = 0;
    const viaGateway = await time(async () => {
      graphqlRequests += 1;
      const res = await request(gateway.url, { method: 'POST', dispatcher: client, headers: { 'content-type': 'application/json' }, body: query });
      const body = (await res.body.json()) as { errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    });
    rows.push({
      jobs: size,
      directP50ms: +direct.p50.toFixed(2),
      directP99ms: +direct.p99.toFixed(2),
      gatewayP50ms: +viaGateway.p50.toFixed(2),
      gatewayP99ms: +viaGateway.p99.toFixed(2),
      deltaP50ms: +(viaGateway.p50 - direct.p50).toFixed(2),
      deltaP99ms: +(viaGateway.p99 - direct.p99).toFixed(2),
      upstreamCallsPerRequest: +(sim.calls.length / graphqlRequests).toFixed(2),
    });
  }
  const rssPeak = process.memoryUsage().rss;
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, node ${process.version}`;
  const result = { machine, rounds: ROUNDS, upstreamLatencyMs: LATENCY_MS, rssIdleMB: +(rssIdle / 2 ** 20).toFixed(1), rssPeakMB: +(rssPeak / 2 ** 20).toFixed(1), rows };
  console.log(`machine: ${machine}; ${ROUNDS} sequential requests per row; upstream latency ${LATENCY_MS} ms`);
  console.table(rows);
  console.log(`RSS (whole process: gateway + simulator + client): idle ${result.rssIdleMB} MB, after the run ${result.rssPeakMB} MB`);
  writeFileSync(join(__dirname, '..', '..', 'bench', `results-${LATENCY_MS}ms.json`), JSON.stringify(result, null, 2) + '\n');
  await client.close();
  await gateway.stop();
  await sim.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
