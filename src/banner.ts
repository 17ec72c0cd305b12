import type { AtlasApiVersion, AuthConfig, CacheConfig, ExplorerChoice } from './config';
import { redactUrl } from './observability/redactUrl';

/**
 * What `npm start` prints: the banner once listening, and the one line for an address it cannot listen on. Pure
 * functions of what src/index.ts knows, so README's sample can be held to them (test/e2e/start.test.ts).
 */

/** The demo project a new user pastes into queries (the embedded simulator's seed; src/index.ts passes it in). */
export interface DemoBannerInfo {
  projectId: string;
  clusters: Readonly<Record<string, string>>;
  bigCluster: { kind: string; name: string; jobCount: number };
  today: { formerM2: string; formerServerless: string; sharded: string; free: string };
  /** The project view's demo project (many clusters, failing ones included), when the seed has one. */
  bigProject?: { projectId: string };
}

/** Everything the banner shows. */
export interface BannerInfo {
  /** The GraphQL URL, e.g. http://127.0.0.1:4000/graphql. */
  graphqlUrl: string;
  /** The offline GraphiQL's URL, or null where it is not served (production, EXPLORER=off, packages not installed). */
  graphiqlUrl: string | null;
  explorer: ExplorerChoice;
  apiVersion: AtlasApiVersion;
  auth: AuthConfig;
  /** The Atlas the gateway calls: the real one, or the embedded simulator's URL in demo mode. */
  atlasBaseUrl: string;
  /** The simulator's seed in demo mode; null otherwise. */
  demo: DemoBannerInfo | null;
  cache: CacheConfig;
  /** The metrics listener's URL when METRICS_PORT gives it one of its own. */
  metricsUrl?: string | null;
}

/** The banner's lines, in order. */
export function bannerLines(info: BannerInfo): string[] {
  const lines = [`atlas-restore-gateway: GraphQL at ${info.graphqlUrl}`];
  if (info.explorer === 'sandbox') lines.push(`Open it in a browser for Apollo Sandbox (loaded from Apollo's CDN: it needs internet).`);
  if (info.explorer === 'graphiql') lines.push('Open it in a browser for GraphiQL (offline: every asset served by the gateway).');
  if (info.graphiqlUrl) lines.push(`Offline GraphiQL (every asset served by the gateway): ${info.graphiqlUrl}`);
  const { demo } = info;
  if (demo) {
    lines.push(
      `Demo mode: no Atlas credentials set, so the gateway reads the embedded Atlas simulator at ${info.atlasBaseUrl} (API ${info.apiVersion}).`,
      `  projectId: ${demo.projectId}`,
      ...Object.entries(demo.clusters).map(([kind, name]) => `  kind: ${kind.padEnd(14)} clusterName: ${name}`),
      `  (${demo.bigCluster.kind} cluster "${demo.bigCluster.name}" holds ${demo.bigCluster.jobCount} jobs to page through)`,
      `  Today's Atlas: leave \`kind\` out, or name a retired kind, to see discovery and routing:`,
      ...[
        [demo.today.formerM2, 'a former M2 cluster, now flex (its tenant API answers 410 VERSION_GONE)'],
        [demo.today.formerServerless, 'a former serverless instance, now a dedicated cluster (Cloud Backup)'],
        [demo.today.sharded, 'a sharded dedicated cluster (Cloud Backup jobs with components)'],
        [demo.today.free, 'a free M0 cluster (no restore jobs)'],
      ].map(([name, what]) => `    ${name!.padEnd(28)} ${what}`),
      `Try: { restoreJobs(kind: FLEX, projectId: "${demo.projectId}", clusterName: "${demo.clusters.FLEX}", first: 5) { totalCount nodes { id status deliveryType createdAt } } }`,
      `Try: { cluster(projectId: "${demo.projectId}", name: "${demo.today.formerM2}") { kind tier restoreJobs(first: 3) { nodes { jobId status servedBy } } } }`,
    );
    if (demo.bigProject) {
      lines.push(
        `Try: { projectRestoreJobs(projectId: "${demo.bigProject.projectId}", first: 5) { clustersSearched failures { clusterName code } nodes { clusterName kind status requestedAt } } }`,
      );
    }
  } else {
    // Printed without any user:password@ or query the URL may carry.
    lines.push(`Atlas: ${redactUrl(info.atlasBaseUrl)} (API ${info.apiVersion}, auth: ${info.auth.mode})`);
  }
  if (info.metricsUrl) lines.push(`Metrics: ${info.metricsUrl}`);
  lines.push(cacheLine(info.cache));
  return lines;
}

/** What the cache is, in one line (the Redis host only: REDIS_URL may hold a password). */
export function cacheLine(cache: CacheConfig): string {
  const seconds = (ms: number) => `${ms / 1000} s`;
  const coalescing = cache.coalesce ? 'identical upstream GETs in flight are coalesced' : 'no coalescing (COALESCE=off)';
  if (!cache.enabled) return `Cache: off (CACHE=off); ${coalescing}.`;
  const where = cache.redisUrl
    ? `Redis at ${new URL(cache.redisUrl).host} (shared by replicas, with the APQ cache)`
    : `in-process LRU (${cache.maxEntries} entries, ${cache.maxBytes / 1024 / 1024} MB)`;
  const { terminalMs, runningMs, pageMs } = cache.ttls;
  return `Cache: ${where}; finished jobs ${seconds(terminalMs)}, running jobs ${seconds(runningMs)}, pages ${seconds(pageMs)}; ${coalescing}.`;
}

/**
 * The one line for a listen failure the user can fix (the address taken, or not allowed), naming the address and
 * the variables that choose another; null for any other error.
 */
export function listenErrorLine(error: unknown, host: string, port: number): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (code === 'EADDRINUSE') {
    return `atlas-restore-gateway cannot listen on ${address}: the address is already in use. Set PORT (and HOST) to choose another, e.g. PORT=${port === 65535 ? 4001 : port + 1} npm start.`;
  }
  if (code === 'EACCES') {
    return `atlas-restore-gateway cannot listen on ${address}: permission denied. Set PORT (and HOST) to choose another, e.g. PORT=4000 npm start.`;
  }
  if (code === 'EADDRNOTAVAIL') {
    return `atlas-restore-gateway cannot listen on ${address}: the host is not an address of this machine. Set HOST (and PORT) to choose another, e.g. HOST=127.0.0.1 npm start.`;
  }
  return null;
}
