/**
 * The gateway's configuration: every setting's type and default, read from the environment in one place
 * (loadConfig). Imports only its environment readers (configReaders.ts): every other module takes its settings' types
 * from here.
 */
import { both, boolean, choice, ConfigError, fraction, integer, list, onOff, origins, read, redisUrl, toggle, type Env } from './configReaders';

export { ConfigError };

/** Which generation of the Admin API to call (`MONGODB_ATLAS_API_VERSION`). */
export type AtlasApiVersion = 'v2' | 'v1.0';

/** Time limits of upstream calls and requests. */
export interface TimeoutConfig {
  /** `ATLAS_CONNECT_TIMEOUT_MS`: TCP/TLS connect (the dispatcher's). */
  connectMs: number;
  /** `ATLAS_ATTEMPT_TIMEOUT_MS`: one upstream attempt; headers and body must both arrive within it. */
  attemptMs: number;
  /** `REQUEST_TIMEOUT_MS`: a whole GraphQL request; every upstream call aborts at it. */
  requestMs: number;
}

/**
 * The retry settings (ATLAS_MAX_RETRIES, ATLAS_RETRY_BASE_MS, ATLAS_RETRY_MAX_DELAY_MS, ATLAS_RATE_LIMIT_BACKOFF_MS,
 * ATLAS_MAX_RETRY_AFTER_MS).
 */
export interface RetryOptions {
  /** Retries after the first attempt (so at most `maxRetries + 1` calls). */
  maxRetries: number;
  /** Full-jitter base for 502/503/504 and connection resets. */
  baseDelayMs: number;
  /** Ceiling of one full-jitter wait. */
  maxDelayMs: number;
  /** First wait of a rate-limited call without `Retry-After` (Atlas documents 10 s, then 20 s, 40 s). */
  rateLimitBaseMs: number;
  /**
   * The longest wait Atlas's `Retry-After` (or a token-bucket body) may impose: a longer one is cut to this, for the
   * retry, for the other requests held to it, and in what the caller is told (which says so).
   */
  maxRetryAfterMs: number;
}

/** The breaker settings (ATLAS_BREAKER_FAILURES, ATLAS_BREAKER_COOLDOWN_MS). */
export interface BreakerOptions {
  /** Consecutive failures (5xx, timeouts, failed connections) that open the breaker. */
  failureThreshold: number;
  /** How long an open breaker fails fast before letting one probe through. */
  cooldownMs: number;
}

/** Retry and breaker settings. */
export interface ResilienceOptions {
  retry: RetryOptions;
  breaker: BreakerOptions;
}

/** The time-to-live of each kind of cache entry (`CACHE_TTL_*_MS`). */
export interface CacheTtls {
  /** A job in a terminal status (finished, failed, cancelled, expired): immutable, so cached long. */
  terminalMs: number;
  /** A job still running: its status moves, so a few seconds. */
  runningMs: number;
  /** A page or whole list: jobs appear on it, so briefly. */
  pageMs: number;
}

/** Every query limit (GRAPHQL_MAX_* variables). */
export interface QueryLimits {
  /** Selection depth (graphql-armor maxDepth; introspection exempt). */
  maxDepth: number;
  /** Aliases in a document (graphql-armor maxAliases; `__typename` exempt). */
  maxAliases: number;
  /** Fields at the root of an operation, fragments included. */
  maxRootFields: number;
  /** Lexical tokens of a document (graphql-js's own parser limit). */
  maxTokens: number;
  /** Directives in a document (graphql-armor maxDirectives). */
  maxDirectives: number;
  /** graphql-armor's static cost: objects 2, scalars 1, times 1.5 per level of depth. */
  maxFieldCost: number;
  /** Items asked for (`first`/`last`, ids) plus 10 per upstream call the query may cause (src/limits/upstreamCost.ts). */
  maxCost: number;
  /** Largest HTTP request body. */
  maxBodyBytes: number;
}

/** How the gateway authenticates to Atlas. */
export type AuthConfig =
  | { mode: 'demo' }
  | { mode: 'serviceAccount'; clientId: string; clientSecret: string }
  | { mode: 'digest'; publicKey: string; privateKey: string }
  | { mode: 'passthrough' };

/** The gateway's typed configuration; src/index.ts is the only reader of the environment. */
export interface Config {
  port: number;
  host: string;
  /** null in demo mode until the embedded simulator has started. */
  atlasBaseUrl: string | null;
  apiVersion: AtlasApiVersion;
  auth: AuthConfig;
  timeouts: TimeoutConfig;
  /** `NODE_ENV` ('' when unset). `production` turns off the landing page and introspection; only `development` shows stack traces. */
  nodeEnv: string;
  /** What a browser opening the GraphQL URL gets (`EXPLORER`); always 'off' in production. */
  explorer: ExplorerChoice;
  /** Whether `__schema`/`__type` queries are answered (`INTROSPECTION`; default: on outside production). */
  introspection: boolean;
  /** Whether mutations (starting and cancelling restores) are served (`MUTATIONS=on|off`; default: off in production, except in demo mode). */
  mutations: boolean;
  /** `DEMO_JOB_STEP_MS`: in demo mode, how long the simulator's new restore jobs stay in each state (default 5 s). */
  demoJobStepMs: number;
  /** Origins allowed to call the gateway from a browser (`CORS_ORIGINS`), each exactly as a browser sends `Origin`. */
  corsOrigins: string[];
  /** Retries and circuit breakers of upstream calls. */
  resilience: ResilienceOptions;
  /** Query limits. */
  limits: QueryLimits;
  /** Who may use the gateway, and for which projects. */
  access: AccessConfig;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: LogLevel;
  /**
   * `EXECUTOR`: `graphql-js` (Apollo's own, the default) or `jit` (graphql-jit's compiled documents; the suite passes
   * on both, but the bench shows no throughput gain and more memory, bench/README.md).
   */
  executor: 'jit' | 'graphql-js';
  /** Shutdown on SIGTERM/SIGINT. */
  shutdown: ShutdownConfig;
  /** The cross-request cache and coalescing of upstream GETs. */
  cache: CacheConfig;
  /** How long a client may take to send a request (the node:http server's own limits). */
  http: HttpServerConfig;
  /** Who may read `/metrics`, and where it is served. */
  metrics: MetricsConfig;
  /** The project view's fan-out, per-cluster time limit and clusters per page. */
  project: ProjectViewConfig;
  /** Subscriptions: the shared polls of watched jobs and the WebSocket connections (README, "Watching a restore job"). */
  watch: WatchConfig;
}

/** When a watched job is polled: quick at first, then slower (src/watch/schedule.ts). */
export interface PollSchedule {
  /** `WATCH_POLL_MIN_MS`: the interval while the watch is young. */
  minMs: number;
  /** `WATCH_POLL_MAX_MS`: the longest interval, reached at the end of the ramp. */
  maxMs: number;
  /** `WATCH_POLL_FAST_FOR_MS`: how long the interval stays at `minMs`. */
  fastForMs: number;
  /** `WATCH_POLL_RAMP_MS`: how long the interval then takes to grow from `minMs` to `maxMs` (linearly). */
  rampMs: number;
  /** `WATCH_POLL_JITTER`: each interval is moved by up to this fraction either way (0 to 0.5). */
  jitter: number;
}

/** Subscription settings (`WATCH_*`). */
export interface WatchConfig {
  schedule: PollSchedule;
  /** `WATCH_MAX_LIFETIME_MS`: a subscription ends (SUBSCRIPTION_EXPIRED) after this long. */
  maxLifetimeMs: number;
  /** `WATCH_MAX_PER_CONNECTION`: subscriptions one WebSocket connection may hold at once. */
  maxPerConnection: number;
  /** `WATCH_MAX_PER_PROCESS`: subscriptions this process holds at once, every connection together. */
  maxPerProcess: number;
  /** `WATCH_PING_MS`: the WebSocket ping interval; a connection that has not answered the last ping by the next is closed. */
  pingMs: number;
  /** `WATCH_INIT_TIMEOUT_MS`: how long a new connection has to send `connection_init`. */
  initTimeoutMs: number;
  /** `WATCH_IDLE_TIMEOUT_MS`: a connection with no subscription for this long is closed. */
  idleTimeoutMs: number;
  /** `WATCH_LEASE_MS`: with `REDIS_URL`, how long a replica's lease on a job's poll lasts unless renewed. */
  leaseMs: number;
  /** `WATCH_LEASE_RENEW_MS`: how often the poller renews its lease (and followers try to take a lapsed one). */
  leaseRenewMs: number;
}

/**
 * 5 s for the first minute, then up to 30 s over the next four minutes, ±10 %; 6 h lifetime; 20 subscriptions per
 * connection, 5,000 per process; ping 15 s; 10 s for `connection_init`; 5 min idle; a Redis lease of 15 s renewed every 5 s.
 */
export const DEFAULT_WATCH: WatchConfig = {
  schedule: { minMs: 5_000, maxMs: 30_000, fastForMs: 60_000, rampMs: 240_000, jitter: 0.1 },
  maxLifetimeMs: 6 * 3_600_000,
  maxPerConnection: 20,
  maxPerProcess: 5_000,
  pingMs: 15_000,
  initTimeoutMs: 10_000,
  idleTimeoutMs: 300_000,
  leaseMs: 15_000,
  leaseRenewMs: 5_000,
};

/**
 * `/metrics` protection (README, "Logs, metrics, health"). With `port` set, metrics are served on a listener of their
 * own (at `host`, loopback by default) and not on the GraphQL one; with `tokens` set, a scrape must send
 * `Authorization: Bearer <token>`. With `GATEWAY_TOKENS` set and neither, `/metrics` answers 401.
 */
export interface MetricsConfig {
  /** `METRICS_TOKEN`: the bearer tokens a scrape may send, comma-separated for rotation (null: none asked). */
  tokens: string[] | null;
  /** `METRICS_PORT`: the metrics listener's port (null: metrics are served on the GraphQL listener). */
  port: number | null;
  /** `METRICS_HOST`: the metrics listener's address. */
  host: string;
}

/** Metrics on the GraphQL listener, without a token; a metrics listener, when asked for, on loopback. */
export const DEFAULT_METRICS: MetricsConfig = { tokens: null, port: null, host: '127.0.0.1' };

/** The node:http server's limits on slow clients (`HTTP_HEADERS_TIMEOUT_MS`, `HTTP_REQUEST_TIMEOUT_MS`). */
export interface HttpServerConfig {
  /** The longest a client may take to send its request headers; then 408 and the connection closes. */
  headersTimeoutMs: number;
  /** The longest a client may take to send its whole request, headers and body; then 408. */
  requestTimeoutMs: number;
}

/** 10 s for the headers, 30 s for the whole request (Node's own defaults are 60 s and 300 s). */
export const DEFAULT_HTTP: HttpServerConfig = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 };

/** The cross-request cache and coalescing (README, "Caching"). */
export interface CacheConfig {
  /** `CACHE`: on (default) or off. Off: no cache is read or written (coalescing is separate). */
  enabled: boolean;
  /** `COALESCE`: on (default) or off. On: identical upstream GETs in flight at once share one call. */
  coalesce: boolean;
  /** `REDIS_URL`: when set, Redis holds the cache and Apollo's APQ cache (shared by replicas); else an in-process LRU. */
  redisUrl: string | null;
  /** `CACHE_TTL_TERMINAL_MS`, `CACHE_TTL_RUNNING_MS`, `CACHE_TTL_PAGE_MS`. */
  ttls: CacheTtls;
  /** `CACHE_MAX_ENTRIES`: the in-process LRU's bound on entries. */
  maxEntries: number;
  /** `CACHE_MAX_MB`: the in-process LRU's bound on the bytes of the bodies it holds. */
  maxBytes: number;
  /** `CACHE_TIMEOUT_MS`: the longest a Redis read or write may take before it counts as a miss. */
  timeoutMs: number;
}

/** The explorer served at the GraphQL URL: Apollo Sandbox, the bundled offline GraphiQL, or none. */
export type ExplorerChoice = 'sandbox' | 'graphiql' | 'off';

const EXPLORER_CHOICES: readonly ExplorerChoice[] = ['sandbox', 'graphiql', 'off'];

/** Access options. */
export interface AccessConfig {
  /** `ALLOWED_PROJECT_IDS`: the only projects served (null: any). */
  allowedProjectIds: string[] | null;
  /** `GATEWAY_TOKENS`: bearer tokens callers must present in server-credential modes (null: none required). */
  gatewayTokens: string[] | null;
}

/** Shutdown options. */
export interface ShutdownConfig {
  /** `SHUTDOWN_DELAY_MS`: how long /readyz reports 503 before the listener closes (for load balancers to notice). */
  delayMs: number;
  /** `SHUTDOWN_GRACE_MS`: how long in-flight requests may run once the listener has closed. */
  graceMs: number;
}

/** The project view's reads (`projectRestoreJobs`): README, "Every restore job of a project". */
export interface ProjectViewConfig {
  /** `PROJECT_FANOUT`: most restore-job list calls of one page in flight at once. */
  fanOut: number;
  /** `PROJECT_CLUSTER_TIMEOUT_MS`: the longest one cluster's list call may take; then that cluster is a failure of the page. */
  clusterTimeoutMs: number;
  /** `PROJECT_MAX_CLUSTERS`: most clusters one page reads (the query's cost counts a list call for each). */
  maxClusters: number;
}

/** 8 lists in flight, 5 s per cluster (unset: at most half REQUEST_TIMEOUT_MS), 40 clusters a page (a 200-job page costs 620). */
export const DEFAULT_PROJECT_VIEW: ProjectViewConfig = { fanOut: 8, clusterTimeoutMs: 5_000, maxClusters: 40 };

/** Most ids one `nodes` call takes. */
export const MAX_NODES = 100;

/** pino's levels. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Retries: 3 (so 4 attempts), full jitter from 250 ms up to 5 s; rate limits 10, 20, 40 s; breaker 5 failures, 30 s. */
export const DEFAULT_RESILIENCE: ResilienceOptions = {
  // NOTE: 60 s caps Retry-After in line with Atlas's documented rate-limit waits (10, 20, 40 s).
  retry: { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 5_000, rateLimitBaseMs: 10_000, maxRetryAfterMs: 60_000 },
  breaker: { failureThreshold: 5, cooldownMs: 30_000 },
};

/** The query limits' defaults (README, "Operating"). */
export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 20,
  maxRootFields: 20,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxFieldCost: 20_000,
  maxCost: 2_000,
  maxBodyBytes: 1024 * 1024,
};

/** No project restriction, no gateway tokens. */
export const DEFAULT_ACCESS: AccessConfig = { allowedProjectIds: null, gatewayTokens: null };

/** No readiness delay; 10 s for in-flight requests. */
export const DEFAULT_SHUTDOWN: ShutdownConfig = { delayMs: 0, graceMs: 10_000 };

/**
 * Cache on, coalescing on, in-process LRU of 10,000 entries and 64 MB; terminal jobs 1 h (never past their
 * `expiresAt`), running jobs 5 s, pages 2 s; Redis operations bounded by 100 ms.
 */
export const DEFAULT_CACHE: CacheConfig = {
  enabled: true,
  coalesce: true,
  redisUrl: null,
  ttls: { terminalMs: 3_600_000, runningMs: 5_000, pageMs: 2_000 },
  maxEntries: 10_000,
  maxBytes: 64 * 1024 * 1024,
  timeoutMs: 100,
};

/** The `WATCH_*` settings, each checked against the others it depends on. */
function watchConfig(env: Env): WatchConfig {
  const d = DEFAULT_WATCH;
  const schedule: PollSchedule = {
    minMs: integer(env, 'WATCH_POLL_MIN_MS', d.schedule.minMs, 10, 3_600_000),
    maxMs: integer(env, 'WATCH_POLL_MAX_MS', d.schedule.maxMs, 10, 3_600_000),
    fastForMs: integer(env, 'WATCH_POLL_FAST_FOR_MS', d.schedule.fastForMs, 0, 86_400_000),
    rampMs: integer(env, 'WATCH_POLL_RAMP_MS', d.schedule.rampMs, 0, 86_400_000),
    jitter: fraction(env, 'WATCH_POLL_JITTER', d.schedule.jitter, 0, 0.5),
  };
  if (schedule.maxMs < schedule.minMs) throw new ConfigError('WATCH_POLL_MAX_MS', `must not be less than WATCH_POLL_MIN_MS (${schedule.minMs}).`);
  const leaseMs = integer(env, 'WATCH_LEASE_MS', d.leaseMs, 100, 600_000);
  const leaseRenewMs = integer(env, 'WATCH_LEASE_RENEW_MS', d.leaseRenewMs, 50, 600_000);
  if (leaseRenewMs >= leaseMs) throw new ConfigError('WATCH_LEASE_RENEW_MS', `must be less than WATCH_LEASE_MS (${leaseMs}), or the lease lapses between renewals.`);
  return {
    schedule,
    maxLifetimeMs: integer(env, 'WATCH_MAX_LIFETIME_MS', d.maxLifetimeMs, 1_000, 7 * 86_400_000),
    maxPerConnection: integer(env, 'WATCH_MAX_PER_CONNECTION', d.maxPerConnection, 1, 10_000),
    maxPerProcess: integer(env, 'WATCH_MAX_PER_PROCESS', d.maxPerProcess, 1, 1_000_000),
    pingMs: integer(env, 'WATCH_PING_MS', d.pingMs, 100, 600_000),
    initTimeoutMs: integer(env, 'WATCH_INIT_TIMEOUT_MS', d.initTimeoutMs, 100, 600_000),
    idleTimeoutMs: integer(env, 'WATCH_IDLE_TIMEOUT_MS', d.idleTimeoutMs, 100, 86_400_000),
    leaseMs,
    leaseRenewMs,
  };
}

/** Reads and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env): Config {
  const port = integer(env, 'PORT', 4000, 0, 65535);
  const host = read(env, 'HOST') ?? '127.0.0.1';
  const version = read(env, 'MONGODB_ATLAS_API_VERSION') ?? 'v2';
  if (version !== 'v2' && version !== 'v1.0') throw new ConfigError('MONGODB_ATLAS_API_VERSION', `must be "v2" or "v1.0", got "${version}".`);
  const baseUrl = read(env, 'MONGODB_ATLAS_BASE_URL');
  if (baseUrl !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch {
      throw new ConfigError('MONGODB_ATLAS_BASE_URL', `is not a URL: "${baseUrl}".`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new ConfigError('MONGODB_ATLAS_BASE_URL', 'must be an http(s) URL.');
    }
  }
  const serviceAccount = both(env, 'MONGODB_ATLAS_CLIENT_ID', 'MONGODB_ATLAS_CLIENT_SECRET');
  const apiKeys = both(env, 'MONGODB_ATLAS_PUBLIC_API_KEY', 'MONGODB_ATLAS_PRIVATE_API_KEY');
  const modeName = read(env, 'ATLAS_AUTH_MODE');
  if (modeName !== undefined && modeName !== 'passthrough') {
    throw new ConfigError('ATLAS_AUTH_MODE', `must be "passthrough" or unset, got "${modeName}".`);
  }
  const chosen = [serviceAccount && 'service account', apiKeys && 'API keys', modeName && 'passthrough'].filter(Boolean);
  if (chosen.length > 1) {
    throw new ConfigError('ATLAS_AUTH_MODE', `choose one way to authenticate, not ${chosen.join(' and ')}.`);
  }
  let auth: AuthConfig;
  if (serviceAccount) auth = { mode: 'serviceAccount', clientId: serviceAccount[0], clientSecret: serviceAccount[1] };
  else if (apiKeys) auth = { mode: 'digest', publicKey: apiKeys[0], privateKey: apiKeys[1] };
  else if (modeName === 'passthrough') auth = { mode: 'passthrough' };
  // Only a credential or a base URL leaves demo mode (DESIGN.md); the API version, time limits and the rest apply to
  // the embedded simulator too.
  else if (baseUrl === undefined) auth = { mode: 'demo' };
  else {
    throw new ConfigError(
      'MONGODB_ATLAS_BASE_URL',
      'is set, so the gateway calls that server and needs credentials: set MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET, MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY, or ATLAS_AUTH_MODE=passthrough (or unset MONGODB_ATLAS_BASE_URL for demo mode).',
    );
  }
  const nodeEnv = read(env, 'NODE_ENV') ?? '';
  const production = nodeEnv === 'production';
  const explorerName = read(env, 'EXPLORER');
  if (explorerName !== undefined && !EXPLORER_CHOICES.includes(explorerName as ExplorerChoice)) {
    throw new ConfigError('EXPLORER', `must be one of ${EXPLORER_CHOICES.map((c) => `"${c}"`).join(', ')}, got "${explorerName}".`);
  }
  if (production && explorerName !== undefined && explorerName !== 'off') {
    throw new ConfigError('EXPLORER', `no explorer is served when NODE_ENV=production; unset EXPLORER or set it to "off".`);
  }
  const gatewayTokens = list(env, 'GATEWAY_TOKENS', /^[A-Za-z0-9\-._~+/]{16,256}$/, 'a token of 16 to 256 characters from A-Z a-z 0-9 - . _ ~ + /');
  if (gatewayTokens && auth.mode === 'passthrough') {
    throw new ConfigError('GATEWAY_TOKENS', 'cannot be used with ATLAS_AUTH_MODE=passthrough: there the Authorization header carries the caller\'s Atlas token.');
  }
  const http: HttpServerConfig = {
    headersTimeoutMs: integer(env, 'HTTP_HEADERS_TIMEOUT_MS', DEFAULT_HTTP.headersTimeoutMs, 1, 600_000),
    requestTimeoutMs: integer(env, 'HTTP_REQUEST_TIMEOUT_MS', DEFAULT_HTTP.requestTimeoutMs, 1, 3_600_000),
  };
  if (http.headersTimeoutMs > http.requestTimeoutMs) {
    throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS', `must not exceed HTTP_REQUEST_TIMEOUT_MS (${http.requestTimeoutMs}): the headers are part of the request.`);
  }
  const metricsPort = read(env, 'METRICS_PORT') === undefined ? null : integer(env, 'METRICS_PORT', 0, 1, 65_535);
  const metrics: MetricsConfig = {
    tokens: list(env, 'METRICS_TOKEN', /^[A-Za-z0-9\-._~+/]{16,256}$/, 'a token of 16 to 256 characters from A-Z a-z 0-9 - . _ ~ + /'),
    port: metricsPort,
    host: read(env, 'METRICS_HOST') ?? DEFAULT_METRICS.host,
  };
  if (metricsPort !== null && metricsPort === port) {
    throw new ConfigError('METRICS_PORT', `must differ from PORT (${metricsPort}).`);
  }
  const requestMs = integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 1, 600_000);
  const project: ProjectViewConfig = {
    fanOut: integer(env, 'PROJECT_FANOUT', DEFAULT_PROJECT_VIEW.fanOut, 1, 100),
    clusterTimeoutMs: integer(env, 'PROJECT_CLUSTER_TIMEOUT_MS', Math.min(DEFAULT_PROJECT_VIEW.clusterTimeoutMs, Math.max(1, Math.floor(requestMs / 2))), 1, 600_000),
    maxClusters: integer(env, 'PROJECT_MAX_CLUSTERS', DEFAULT_PROJECT_VIEW.maxClusters, 1, 10_000),
  };
  if (read(env, 'PROJECT_CLUSTER_TIMEOUT_MS') !== undefined && project.clusterTimeoutMs >= requestMs) throw new ConfigError('PROJECT_CLUSTER_TIMEOUT_MS', `must be less than REQUEST_TIMEOUT_MS (${requestMs}): a page with a slow cluster must still arrive within the request's time limit.`);
  const logLevel = (read(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}".`);
  return {
    port,
    host,
    atlasBaseUrl: auth.mode === 'demo' ? null : (baseUrl ?? 'https://cloud.mongodb.com'),
    apiVersion: version,
    auth,
    timeouts: {
      connectMs: integer(env, 'ATLAS_CONNECT_TIMEOUT_MS', 5_000, 1, 600_000),
      attemptMs: integer(env, 'ATLAS_ATTEMPT_TIMEOUT_MS', 10_000, 1, 600_000),
      requestMs,
    },
    nodeEnv,
    explorer: production ? 'off' : ((explorerName as ExplorerChoice | undefined) ?? 'sandbox'),
    introspection: boolean(env, 'INTROSPECTION', !production),
    mutations: onOff(env, 'MUTATIONS', !production || auth.mode === 'demo'),
    demoJobStepMs: integer(env, 'DEMO_JOB_STEP_MS', 5_000, 1, 3_600_000),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    resilience: {
      retry: {
        maxRetries: integer(env, 'ATLAS_MAX_RETRIES', DEFAULT_RESILIENCE.retry.maxRetries, 0, 10),
        baseDelayMs: integer(env, 'ATLAS_RETRY_BASE_MS', DEFAULT_RESILIENCE.retry.baseDelayMs, 1, 60_000),
        maxDelayMs: integer(env, 'ATLAS_RETRY_MAX_DELAY_MS', DEFAULT_RESILIENCE.retry.maxDelayMs, 1, 600_000),
        rateLimitBaseMs: integer(env, 'ATLAS_RATE_LIMIT_BACKOFF_MS', DEFAULT_RESILIENCE.retry.rateLimitBaseMs, 1, 600_000),
        maxRetryAfterMs: integer(env, 'ATLAS_MAX_RETRY_AFTER_MS', DEFAULT_RESILIENCE.retry.maxRetryAfterMs, 1_000, 86_400_000),
      },
      breaker: {
        failureThreshold: integer(env, 'ATLAS_BREAKER_FAILURES', DEFAULT_RESILIENCE.breaker.failureThreshold, 1, 1_000),
        cooldownMs: integer(env, 'ATLAS_BREAKER_COOLDOWN_MS', DEFAULT_RESILIENCE.breaker.cooldownMs, 1, 3_600_000),
      },
    },
    limits: {
      maxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', DEFAULT_LIMITS.maxDepth, 1, 100),
      maxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', DEFAULT_LIMITS.maxAliases, 0, 1_000),
      maxRootFields: integer(env, 'GRAPHQL_MAX_ROOT_FIELDS', DEFAULT_LIMITS.maxRootFields, 1, 1_000),
      maxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', DEFAULT_LIMITS.maxTokens, 10, 1_000_000),
      maxDirectives: integer(env, 'GRAPHQL_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives, 0, 1_000),
      maxFieldCost: integer(env, 'GRAPHQL_MAX_FIELD_COST', DEFAULT_LIMITS.maxFieldCost, 1, 10_000_000),
      maxCost: integer(env, 'GRAPHQL_MAX_COST', DEFAULT_LIMITS.maxCost, 1, 10_000_000),
      maxBodyBytes: integer(env, 'GRAPHQL_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes, 1_024, 100 * 1024 * 1024),
    },
    access: {
      allowedProjectIds: list(env, 'ALLOWED_PROJECT_IDS', /^[a-f0-9]{24}$/, 'a 24-hex-digit project id'),
      gatewayTokens,
    },
    logLevel,
    executor: choice(env, 'EXECUTOR', 'graphql-js', ['graphql-js', 'jit']),
    shutdown: {
      delayMs: integer(env, 'SHUTDOWN_DELAY_MS', DEFAULT_SHUTDOWN.delayMs, 0, 600_000),
      graceMs: integer(env, 'SHUTDOWN_GRACE_MS', DEFAULT_SHUTDOWN.graceMs, 0, 600_000),
    },
    cache: {
      enabled: toggle(env, 'CACHE', DEFAULT_CACHE.enabled),
      coalesce: toggle(env, 'COALESCE', DEFAULT_CACHE.coalesce),
      redisUrl: redisUrl(env, 'REDIS_URL'),
      ttls: {
        terminalMs: integer(env, 'CACHE_TTL_TERMINAL_MS', DEFAULT_CACHE.ttls.terminalMs, 0, 7 * 86_400_000),
        runningMs: integer(env, 'CACHE_TTL_RUNNING_MS', DEFAULT_CACHE.ttls.runningMs, 0, 3_600_000),
        pageMs: integer(env, 'CACHE_TTL_PAGE_MS', DEFAULT_CACHE.ttls.pageMs, 0, 3_600_000),
      },
      maxEntries: integer(env, 'CACHE_MAX_ENTRIES', DEFAULT_CACHE.maxEntries, 1, 10_000_000),
      maxBytes: integer(env, 'CACHE_MAX_MB', DEFAULT_CACHE.maxBytes / (1024 * 1024), 1, 65_536) * 1024 * 1024,
      timeoutMs: integer(env, 'CACHE_TIMEOUT_MS', DEFAULT_CACHE.timeoutMs, 1, 60_000),
    },
    http,
    metrics,
    project,
    watch: watchConfig(env),
  };
}
