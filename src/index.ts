import { ConfigError, loadConfig, type CacheConfig, type Config } from './config';
import { createGateway, type Gateway } from './server';
import { redactUrl } from './observability/redactUrl';
import { createShutdownHandler } from './shutdown';
import { AtlasSimulator, DEMO } from './simulator';

/** The only file that reads the environment and listens: env -> config -> (demo: simulator) -> createGateway -> listen. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  let simulator: AtlasSimulator | null = null;
  let atlasBaseUrl = config.atlasBaseUrl;
  if (config.auth.mode === 'demo') {
    simulator = new AtlasSimulator();
    atlasBaseUrl = await simulator.start(0, '127.0.0.1');
  }
  const gateway: Gateway = await createGateway({ ...config, atlasBaseUrl: atlasBaseUrl! });
  await gateway.listen(config.port, config.host);

  const lines = [`atlas-restore-gateway: GraphQL at ${gateway.url}`];
  if (config.explorer !== 'off') {
    lines.push(`Open it in a browser for ${config.explorer === 'graphiql' ? 'GraphiQL (offline: every asset served by the gateway)' : 'Apollo Sandbox'}.`);
  }
  if (simulator) {
    lines.push(
      `Demo mode: no Atlas credentials set, so the gateway reads the embedded Atlas simulator at ${atlasBaseUrl}.`,
      `  projectId: ${DEMO.projectId}`,
      ...Object.entries(DEMO.clusters).map(([kind, name]) => `  kind: ${kind.padEnd(14)} clusterName: ${name}`),
      `  (${DEMO.bigCluster.kind} cluster "${DEMO.bigCluster.name}" holds ${DEMO.bigCluster.jobCount} jobs to page through)`,
      `  Today's Atlas: leave \`kind\` out, or name a retired kind, to see discovery and routing:`,
      ...[
        [DEMO.today.formerM2, 'a former M2 cluster, now flex (its tenant API answers 410 VERSION_GONE)'],
        [DEMO.today.formerServerless, 'a former serverless instance, now a dedicated cluster (Cloud Backup)'],
        [DEMO.today.sharded, 'a sharded dedicated cluster (Cloud Backup jobs with components)'],
        [DEMO.today.free, 'a free M0 cluster (no restore jobs)'],
      ].map(([name, what]) => `    ${name!.padEnd(28)} ${what}`),
      `Try: { restoreJobs(kind: FLEX, projectId: "${DEMO.projectId}", clusterName: "${DEMO.clusters.FLEX}", first: 5) { totalCount nodes { id status deliveryType createdAt } } }`,
      `Try: { cluster(projectId: "${DEMO.projectId}", name: "${DEMO.today.formerM2}") { kind tier restoreJobs(first: 3) { nodes { jobId status servedBy } } } }`,
    );
  } else {
    lines.push(`Atlas: ${redactUrl(atlasBaseUrl!)} (API ${config.apiVersion}, auth: ${config.auth.mode})`);
  }
  if (gateway.metricsUrl) lines.push(`Metrics: ${gateway.metricsUrl}`);
  lines.push(cacheLine(config.cache));
  process.stdout.write(lines.join('\n') + '\n');

  const { delayMs, graceMs } = config.shutdown;
  const shutdown = createShutdownHandler({
    stop: async () => {
      await gateway.stop();
      await simulator?.stop();
    },
    forceAfterMs: delayMs + graceMs + 5_000,
    exit: (code) => process.exit(code),
    write: (line) => process.stdout.write(line),
  });
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** What the cache is, in one line (the Redis host only: REDIS_URL may hold a password). */
function cacheLine(cache: CacheConfig): string {
  const seconds = (ms: number) => `${ms / 1000} s`;
  const coalescing = cache.coalesce ? 'identical upstream GETs in flight are coalesced' : 'no coalescing (COALESCE=off)';
  if (!cache.enabled) return `Cache: off (CACHE=off); ${coalescing}.`;
  const where = cache.redisUrl
    ? `Redis at ${new URL(cache.redisUrl).host} (shared by replicas, with the APQ cache)`
    : `in-process LRU (${cache.maxEntries} entries, ${cache.maxBytes / 1024 / 1024} MB)`;
  const { terminalMs, runningMs, pageMs } = cache.ttls;
  return `Cache: ${where}; finished jobs ${seconds(terminalMs)}, running jobs ${seconds(runningMs)}, pages ${seconds(pageMs)}; ${coalescing}.`;
}

main().catch((error: unknown) => {
  process.stderr.write(`atlas-restore-gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
