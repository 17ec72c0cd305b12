import type { Logger } from 'pino';
import { AtlasSimulator, type SimulatorOptions } from '../../src/simulator';
import { createTestSeed } from './seeds';
import type { BreakerOptions, ResilienceClock, RetryOptions } from '../../src/atlas/resilience';
import { loadConfig, DEFAULT_WATCH, type WatchConfig, DEFAULT_CACHE, DEFAULT_PROJECT_VIEW, DEFAULT_HTTP, DEFAULT_LIMITS, DEFAULT_METRICS, DEFAULT_RESILIENCE, DEFAULT_SHUTDOWN, type AccessConfig, type AuthConfig, type CacheConfig, type Config, type HttpServerConfig, type MetricsConfig, type ProjectViewConfig, type ShutdownConfig } from '../../src/config';
import type { QueryLimits } from '../../src/limits';
import { createLogger } from '../../src/observability/logger';
import { createGateway, type Gateway, type GatewayDeps } from '../../src/server';
import { FakeClock } from './clock';

/** A GraphQL response as the wire carries it. */
export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The real gateway in front of the real simulator, both on loopback ephemeral ports. */
export interface Harness {
  sim: AtlasSimulator;
  /** The simulator's base URL. */
  atlasBaseUrl: string;
  gateway: Gateway;
  /** The gateway's retry/breaker clock (a FakeClock unless the test passed its own). */
  clock: FakeClock;
  /** POSTs a GraphQL request; returns the HTTP status and the parsed body. */
  post(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: GraphQLResponse; text: string; headers: Headers }>;
  /** Like post, returning only the body. */
  query(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse>;
  stop(): Promise<void>;
}

/** Options: the simulator's (its seed defaults to the test seed, `createTestSeed()`), and the gateway's auth, API version, time limits and operating settings. */
export interface HarnessOptions {
  simulator?: SimulatorOptions;
  auth?: AuthConfig;
  apiVersion?: Config['apiVersion'];
  timeouts?: Partial<Config['timeouts']>;
  nodeEnv?: string;
  /** Default 'sandbox', or 'off' when nodeEnv is production. */
  explorer?: Config['explorer'];
  /** Default: on unless nodeEnv is production. */
  introspection?: boolean;
  /** `MUTATIONS`; default: on unless nodeEnv is production. */
  mutations?: boolean;
  corsOrigins?: string[];
  retry?: Partial<RetryOptions>;
  breaker?: Partial<BreakerOptions>;
  limits?: Partial<QueryLimits>;
  access?: Partial<AccessConfig>;
  shutdown?: Partial<ShutdownConfig>;
  /** The node:http server's limits on slow clients (default: production's). */
  http?: Partial<HttpServerConfig>;
  /** `/metrics` protection (default: none; `port: 0` gives the metrics listener any free port). */
  metrics?: Partial<MetricsConfig>;
  /** Default: {@link TEST_CACHE} (no cross-request cache; coalescing on). */
  cache?: Partial<CacheConfig>;
  /** The project view's fan-out, per-cluster time limit and clusters per page (default: production's). */
  project?: Partial<ProjectViewConfig>;
  /** Subscriptions (default: production's, 5 s polls); `schedule` is merged too. */
  watch?: Partial<Omit<WatchConfig, 'schedule'>> & { schedule?: Partial<WatchConfig['schedule']> };
  /** Default: silent. */
  logger?: Logger;
  /** Default: a new FakeClock (waits are instant and recorded). */
  clock?: FakeClock | Partial<ResilienceClock>;
  /** What the gateway gets besides configuration (e.g. a cluster-kind cache the test can clear). */
  deps?: GatewayDeps;
}

/**
 * The tests' cache setting: the cross-request cache off, so that each test counts its own requests' upstream calls
 * (routing, retries, faults); coalescing stays on. test/integration/cache.test.ts and replicas.test.ts turn it on.
 */
export const TEST_CACHE: CacheConfig = { ...DEFAULT_CACHE, enabled: false };

/**
 * Starts the simulator and a gateway pointed at it. Retries run on the production defaults but on a FakeClock, so
 * backoffs cost no time. NOTE: the breaker threshold defaults to 1,000 here, so that files which inject many faults
 * in a row do not trip it; breaker tests set their own.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = new AtlasSimulator({ seed: createTestSeed(), ...options.simulator });
  const atlasBaseUrl = await sim.start(0, '127.0.0.1');
  const clock = options.clock instanceof FakeClock || options.clock === undefined ? (options.clock ?? new FakeClock()) : null;
  const gateway = await startGateway(
    {
      ...loadConfig({ EXECUTOR: process.env.EXECUTOR }),
      port: 0,
      host: '127.0.0.1',
      atlasBaseUrl,
      apiVersion: options.apiVersion ?? 'v2',
      auth: options.auth ?? { mode: 'demo' },
      timeouts: { connectMs: 2_000, attemptMs: 5_000, requestMs: 10_000, ...options.timeouts },
      nodeEnv: options.nodeEnv ?? 'test',
      explorer: options.explorer ?? (options.nodeEnv === 'production' ? 'off' : 'sandbox'),
      introspection: options.introspection ?? options.nodeEnv !== 'production',
      mutations: options.mutations ?? options.nodeEnv !== 'production',
      corsOrigins: options.corsOrigins ?? [],
      resilience: {
        retry: { ...DEFAULT_RESILIENCE.retry, ...options.retry },
        breaker: { ...DEFAULT_RESILIENCE.breaker, failureThreshold: 1_000, ...options.breaker },
      },
      limits: { ...DEFAULT_LIMITS, ...options.limits },
      access: { allowedProjectIds: null, gatewayTokens: null, ...options.access },
      shutdown: { ...DEFAULT_SHUTDOWN, ...options.shutdown },
      cache: { ...TEST_CACHE, ...options.cache },
      http: { ...DEFAULT_HTTP, ...options.http },
      metrics: { ...DEFAULT_METRICS, ...options.metrics },
      project: { ...DEFAULT_PROJECT_VIEW, ...options.project },
      watch: { ...DEFAULT_WATCH, ...options.watch, schedule: { ...DEFAULT_WATCH.schedule, ...options.watch?.schedule } },
    },
    { logger: options.logger ?? createLogger({ level: 'silent' }), clock: clock ?? options.clock, ...options.deps },
  );
  const post: Harness['post'] = async (query, variables, headers) => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as GraphQLResponse, text, headers: res.headers };
  };
  return {
    sim,
    atlasBaseUrl,
    gateway,
    clock: clock ?? new FakeClock(),
    post,
    query: async (query, variables, headers) => (await post(query, variables, headers)).body,
    async stop() {
      await gateway.stop();
      await sim.stop();
    },
  };
}

/** Builds a gateway and listens on its configured port and host (what src/index.ts does, for tests). */
export async function startGateway(config: Parameters<typeof createGateway>[0], deps?: GatewayDeps): Promise<Gateway> {
  const gateway = await createGateway(config, deps);
  await gateway.listen(config.port, config.host);
  return gateway;
}

/** Test defaults for a gateway in front of any loopback upstream (short time limits, demo auth, NODE_ENV=test). */
export function startTestGateway(atlasBaseUrl: string, overrides: Partial<Omit<Config, 'atlasBaseUrl'>> = {}, deps?: GatewayDeps): Promise<Gateway> {
  return startGateway(
    {
      ...loadConfig({ EXECUTOR: process.env.EXECUTOR }),
      port: 0,
      host: '127.0.0.1',
      atlasBaseUrl,
      auth: { mode: 'demo' },
      timeouts: { connectMs: 2_000, attemptMs: 5_000, requestMs: 10_000 },
      nodeEnv: 'test',
      cache: TEST_CACHE,
      ...overrides,
    },
    deps,
  );
}

/** POSTs a GraphQL request to a gateway and returns the parsed body. */
export async function postGraphQL(gateway: Gateway, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as GraphQLResponse;
}
