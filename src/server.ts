import { createServer, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { printSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import { createAtlasDispatcher, type UpstreamCallEvent } from './atlas/AtlasClient';
import type { AuthStrategy } from './atlas/auth/AuthStrategy';
import { DigestAuth } from './atlas/auth/DigestAuth';
import { NoAuth } from './atlas/auth/NoAuth';
import { ServiceAccountAuth } from './atlas/auth/ServiceAccountAuth';
import { Resilience, type ResilienceClock } from './atlas/resilience';
import { createUpstreamSharing, type UpstreamSharing } from './atlas/upstreamCache';
import { ClusterKindCache } from './clusters/ClusterKindCache';
import type { Config } from './config';
import { createAuthenticator, createContextFactory, type Context } from './context';
import { formatError } from './errors';
import { createBrowserRoutes, landingPagePlugin, noStorePlugin } from './http';
import { apqCache } from './http/apqCache';
import { createContinueCheck, createGraphQLHandler } from './http/graphqlHandler';
import { createMetricsListener, createMetricsRoute } from './http/metricsRoute';
import { RequestSignals } from './http/requestSignals';
import { deploymentId, ResponseCache, responseCachePlugin } from './http/ResponseCache';
import { createRouter, GRAPHQL_PATHS } from './http/router';
import { apolloLimits } from './limits';
import { apolloLogger, createLogger } from './observability/logger';
import { GatewayMetrics } from './observability/metrics';
import { buildSchema } from './schema';
import type { IdempotencyStore } from './restoreJobs/writes/idempotency';
import { MemoryIdempotencyStore } from './restoreJobs/writes/idempotency';
import { createSubscriptionServer, type SubscriptionServer } from './http/ws';
import { REAL_WATCH_CLOCK, WatchHub, type WatchClock, type WatchCoordinator } from './watch';

/** A gateway, built and started (Apollo is ready), not yet listening: src/index.ts calls {@link Gateway.listen}. */
export interface Gateway {
  /** The GraphQL endpoint once listening, e.g. http://127.0.0.1:4000/graphql (throws before {@link listen}). */
  readonly url: string;
  apollo: ApolloServer<Context>;
  httpServer: Server;
  /** This instance's metrics (its own prom-client registry). */
  metrics: GatewayMetrics;
  /** `METRICS_PORT`'s listener, serving `/metrics` only (null without it). */
  metricsServer: Server | null;
  /** Its `/metrics` URL once listening (null without `METRICS_PORT`). */
  readonly metricsUrl: string | null;
  /** This instance's retries and circuit breakers. */
  resilience: Resilience;
  /** This instance's cache and in-flight table. */
  sharing: UpstreamSharing;
  /** The shared polls of watched jobs (subscriptions). */
  watch: WatchHub;
  /** GraphQL over WebSocket on the same listener. */
  subscriptions: SubscriptionServer;
  /** Listens on `port` (0: any free one) and `host`, and the metrics listener on its own; resolves the GraphQL URL. */
  listen(port: number, host: string): Promise<string>;
  /**
   * Drains and stops: /readyz turns 503 at once; after `shutdown.delayMs` the listener closes and in-flight requests
   * get `shutdown.graceMs` to finish; then what still runs is aborted (its upstream calls too), so each answers with
   * a `SHUTTING_DOWN` error; connections still open {@link SHUTDOWN_ANSWER_MS} later are closed, and the upstream
   * dispatcher (when the gateway made it) is closed. Bounded by delay + grace + SHUTDOWN_ANSWER_MS.
   */
  stop(): Promise<void>;
}

/** What the process supplies besides configuration (tests inject a dispatcher, a log stream, a clock). */
export interface GatewayDeps {
  dispatcher?: Dispatcher;
  onUpstreamCall?: (event: UpstreamCallEvent) => void;
  /** Default: a JSON logger to stdout at `config.logLevel`. */
  logger?: Logger;
  /** Time and chance for retries and breakers (tests make waits instant). */
  clock?: Partial<ResilienceClock>;
  /** Which API serves which cluster, remembered for the process (default: a new cache with default bounds). */
  clusterKinds?: ClusterKindCache;
  /** Idempotency keys of mutations (default: Redis when `REDIS_URL` is set, else in process). */
  idempotency?: IdempotencyStore;
  /** The watch's time (the bench scales it); default real time. */
  watchClock?: WatchClock;
}

/**
 * How long requests aborted at the end of the shutdown grace have to send their error before their connections are
 * closed (an aborted upstream call fails at once; this bounds a request that does not heed its signal).
 */
export const SHUTDOWN_ANSWER_MS = 1_000;

/** The server credential's auth strategy, or null in passthrough mode. */
export function createSharedAuth(config: Config, baseUrl: string, dispatcher: Dispatcher): AuthStrategy | null {
  switch (config.auth.mode) {
    case 'serviceAccount':
      return new ServiceAccountAuth({ baseUrl, clientId: config.auth.clientId, clientSecret: config.auth.clientSecret, dispatcher });
    case 'digest':
      return new DigestAuth(config.auth.publicKey, config.auth.privateKey);
    case 'passthrough':
      return null;
    case 'demo':
      // The embedded simulator checks no credentials.
      return new NoAuth('demo');
  }
}

/**
 * Builds the gateway: wiring only (the parts live in http/, atlas/, restoreJobs/, resolvers/). Starts Apollo, opens
 * nothing: the caller listens.
 */
export async function createGateway(config: Config & { atlasBaseUrl: string }, deps: GatewayDeps = {}): Promise<Gateway> {
  const { limits, shutdown } = config;
  const dispatcher = deps.dispatcher ?? createAtlasDispatcher(config.timeouts);
  const logger = deps.logger ?? createLogger({ level: config.logLevel });
  const metrics = new GatewayMetrics();
  const resilience = createResilience(config, deps, metrics, logger);
  const sharing = createUpstreamSharing(config.cache, {
    onEvent: (backend, event) => metrics.cache(backend, event),
    onError: throttled(10_000, (message, suppressed) => logger.warn({ suppressed }, `${message}; served as a miss`)),
  });
  const httpServer = createServer(httpServerOptions(config.http));
  const production = config.nodeEnv === 'production';
  const guard = apolloLimits(limits, { projectMaxClusters: config.project.maxClusters });
  const schema = buildSchema();
  const sharedAuth = createSharedAuth(config, config.atlasBaseUrl, dispatcher);
  const signals = new RequestSignals();
  const responseCache = sharing.cache
    ? new ResponseCache(
        sharing.cache,
        deploymentId(printSchema(schema), config.atlasBaseUrl, config.apiVersion, JSON.stringify(config.access.allowedProjectIds), JSON.stringify(limits)),
        createAuthenticator({ config, sharedAuth }),
        (event) => metrics.responseCacheEvent(event),
      )
    : null;
  // graphql-jit behind Apollo's gateway interface (src/http/jitExecutor.ts), or Apollo's own graphql-js execution.
  // Loaded only when chosen: graphql-jit and what it brings (fast-json-stringify, ajv: about 90 modules) are idle
  // memory a graphql-js gateway would carry for nothing.
  const execution = config.executor === 'jit' ? { gateway: (require('./http/jitExecutor') as typeof import('./http/jitExecutor')).jitGateway(schema) } : { schema };
  const apollo = new ApolloServer<Context>({
    ...execution,
    nodeEnv: config.nodeEnv,
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    csrfPrevention: true,
    // src/index.ts handles SIGTERM/SIGINT (drain, then exit); Apollo's own handlers would race it and re-raise the
    // signal mid-drain, leaving the stop to the force-exit backstop.
    stopOnTerminationSignals: false,
    logger: apolloLogger(logger),
    introspection: config.introspection,
    formatError: (formatted, error) => {
      const out = formatError(formatted, error, (details) => logger.error(details, 'unexpected error'), { hideSuggestions: production, stopping: signals.stopped });
      metrics.error(String(out.extensions?.code ?? 'NONE'));
      return out;
    },
    validationRules: guard.validationRules,
    parseOptions: guard.parseOptions,
    // With REDIS_URL, persisted queries registered at one replica are known to all (a failed read is a miss).
    ...(sharing.redis ? { persistedQueries: { cache: apqCache(sharing.redis) } } : {}),
    plugins: [
      // The connections still open SHUTDOWN_ANSWER_MS after the grace are closed unanswered (see stop()).
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: shutdown.graceMs + SHUTDOWN_ANSWER_MS }),
      landingPagePlugin(config.explorer),
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      ...guard.plugins,
      metrics.plugin(),
      ...(responseCache ? [responseCachePlugin<Context>()] : []),
    ],
  });
  await apollo.start();
  const idempotency = config.mutations ? (deps.idempotency ?? createIdempotencyStore(config)) : null;
  const contextFactory = createContextFactory({
    config,
    idempotency,
    dispatcher,
    sharedAuth,
    resilience,
    onUpstreamCall: (event, requestId) => {
      metrics.upstreamCall(event);
      // The line's object is built only when it is written (this runs for every upstream call).
      if (logger.isLevelEnabled('debug')) {
        logger.debug({ reqId: requestId, upstream: { ...event.route, method: event.method, path: event.path, status: event.status, failure: event.failure, ms: Math.round(event.durationMs) } }, 'upstream call');
      }
      deps.onUpstreamCall?.(event);
    },
    clusterKinds: deps.clusterKinds ?? new ClusterKindCache(),
    cache: sharing.cache ? { store: sharing.cache, ttls: config.cache.ttls } : null,
    inFlight: sharing.inFlight,
    onCoalesced: (route) => metrics.coalescedCall(route),
  });
  const watch = new WatchHub({
    schedule: config.watch.schedule,
    maxLifetimeMs: config.watch.maxLifetimeMs,
    maxPerProcess: config.watch.maxPerProcess,
    coordinator: createWatchCoordinator(config),
    leaseRenewMs: config.watch.leaseRenewMs,
    clock: deps.watchClock ?? REAL_WATCH_CLOCK,
    onPoll: (outcome) => metrics.watchPoll(outcome),
    onActive: (active) => metrics.subscriptions(active),
    onCoordinatorError: throttled(10_000, (what, suppressed) => logger.warn({ suppressed }, `watch: Redis ${what} failed; polling from this replica`)),
  });
  const subscriptions = createSubscriptionServer({
    httpServer,
    schema,
    paths: GRAPHQL_PATHS,
    watch: config.watch,
    limits,
    guard,
    corsOrigins: config.corsOrigins,
    allowedProjectIds: config.access.allowedProjectIds,
    authenticate: createAuthenticator({ config, sharedAuth }),
    contextFactory,
    hub: watch,
    requestMs: config.timeouts.requestMs,
    formatError: (formatted, error) => {
      const out = formatError(formatted, error, (details) => logger.error(details, 'unexpected error'), { hideSuggestions: production, stopping: signals.stopped });
      metrics.error(String(out.extensions?.code ?? 'NONE'));
      return out;
    },
    onSent: (result) => metrics.subscriptionMessage(result),
    logger,
  });
  const metricsConfig = config.metrics;
  const serveMetrics = createMetricsRoute(metrics, {
    tokens: metricsConfig.tokens,
    closed: metricsConfig.tokens === null && metricsConfig.port === null && config.access.gatewayTokens !== null,
  });
  const metricsServer = metricsConfig.port === null ? null : createServer(httpServerOptions(config.http), createMetricsListener(serveMetrics));
  let metricsUrl: string | null = null;
  let ready = true;
  let url: string | null = null;
  let stopped: Promise<void> | null = null;
  httpServer.on('checkContinue', createContinueCheck(limits.maxBodyBytes, (req, res) => httpServer.emit('request', req, res)));
  httpServer.on(
    'request',
    createRouter({
      ready: () => ready,
      serveMetrics: metricsServer ? null : serveMetrics,
      browserRoutes: createBrowserRoutes(config, GRAPHQL_PATHS),
      graphql: createGraphQLHandler({ apollo, contextFactory, responseCache, maxBodyBytes: limits.maxBodyBytes }),
      signals,
      requestMs: config.timeouts.requestMs,
      logger,
    }),
  );

  return {
    get url() {
      if (url === null) throw new Error('The gateway is not listening yet.');
      return url;
    },
    apollo,
    httpServer,
    metrics,
    metricsServer,
    get metricsUrl() {
      return metricsUrl;
    },
    resilience,
    sharing,
    watch,
    subscriptions,
    async listen(port, host) {
      url = `${await listenOn(httpServer, port, host)}/graphql`;
      if (metricsServer) metricsUrl = `${await listenOn(metricsServer, metricsConfig.port ?? 0, metricsConfig.host)}/metrics`;
      return url;
    },
    stop() {
      stopped ??= (async () => {
        ready = false;
        subscriptions.refuseNew();
        logger.info({ delayMs: shutdown.delayMs, graceMs: shutdown.graceMs }, 'draining');
        if (shutdown.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, shutdown.delayMs));
        // Streams complete with SHUTTING_DOWN and their sockets close with 1012 first: the drain below waits for
        // every connection, and a WebSocket would otherwise hold it for the whole grace.
        await subscriptions.stop(SHUTDOWN_ANSWER_MS);
        // At the end of the grace, what still runs is aborted, so each request answers with an error (SHUTTING_DOWN)
        // before the drain closes the connections left (SHUTDOWN_ANSWER_MS later).
        const cut = setTimeout(() => signals.abortAll(), shutdown.graceMs);
        await apollo.stop();
        clearTimeout(cut);
        signals.abortAll();
        if (metricsServer?.listening) {
          metricsServer.closeAllConnections();
          await new Promise((resolve) => metricsServer.close(resolve));
        }
        if (!deps.dispatcher) await dispatcher.close();
        await sharing.close();
        if (idempotency && !deps.idempotency) await idempotency.close();
        logger.info('stopped');
      })();
      return stopped;
    },
  };
}

/** Listens on `port` (0: any free one) and `host`; resolves `http://host:port`. */
async function listenOn(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/**
 * node:http's limits on slow clients. NOTE: Node checks them on a timer (`connectionsCheckingInterval`, default 30 s),
 * so a client could hold its connection that much longer than the limit; the check runs every second here (more
 * often when a limit is shorter).
 */
export function httpServerOptions(http: Config['http']): ServerOptions {
  return {
    headersTimeout: http.headersTimeoutMs,
    requestTimeout: http.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, http.headersTimeoutMs),
  };
}

/** Where mutations keep idempotency keys: Redis shared by replicas when `REDIS_URL` is set, else in process. */
function createIdempotencyStore(config: Config): IdempotencyStore {
  if (!config.cache.redisUrl) return new MemoryIdempotencyStore();
  // Loaded only when configured, as the cache's Redis client (atlas/upstreamCache/index.ts).
  const { RedisIdempotencyStore } = require('./restoreJobs/writes/RedisIdempotencyStore') as typeof import('./restoreJobs/writes/RedisIdempotencyStore');
  return new RedisIdempotencyStore(config.cache.redisUrl, config.cache.timeoutMs);
}

/** With `REDIS_URL`, the Redis lease and pub/sub that make one replica poll each watched job; else none. */
function createWatchCoordinator(config: Config): WatchCoordinator | null {
  if (!config.cache.redisUrl) return null;
  // Loaded only when configured, as the cache's Redis client.
  const { RedisWatchCoordinator } = require('./watch/RedisWatchCoordinator') as typeof import('./watch/RedisWatchCoordinator');
  const { leaseMs, schedule } = config.watch;
  return new RedisWatchCoordinator({ url: config.cache.redisUrl, timeoutMs: Math.max(config.cache.timeoutMs, 1_000), leaseMs, lastTtlMs: Math.max(2 * schedule.maxMs, leaseMs) });
}

/** The gateway's retry and breaker runner, reporting to its metrics and log. */
function createResilience(config: Config, deps: GatewayDeps, metrics: GatewayMetrics, logger: Logger): Resilience {
  return new Resilience(config.resilience, deps.clock, {
    onRetry: ({ route, retry, reason, delayMs }) => {
      metrics.retry(route, reason);
      logger.info({ upstream: route, retry, reason, delayMs: Math.round(delayMs) }, 'upstream retry');
    },
    onShortCircuit: ({ route, reason }) => metrics.shortCircuit(route, reason),
    onBreakerStateChange: ({ route, identity, from, to, routeState }) => {
      metrics.breaker(route, routeState);
      logger.warn({ upstream: route, identity, from, to }, 'circuit breaker');
    },
  });
}

/** Calls `write` at most once per `everyMs`, with how many calls it skipped since (a failing cache fails often). */
function throttled(everyMs: number, write: (message: string, suppressed: number) => void): (message: string) => void {
  let last = -Infinity;
  let suppressed = 0;
  return (message) => {
    const now = performance.now();
    if (now - last < everyMs) {
      suppressed += 1;
      return;
    }
    last = now;
    write(message, suppressed);
    suppressed = 0;
  };
}
