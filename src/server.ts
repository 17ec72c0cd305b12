import { createServer, type Server } from 'node:http';
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
import { createGraphQLHandler } from './http/graphqlHandler';
import { RequestSignals } from './http/requestSignals';
import { deploymentId, ResponseCache, responseCachePlugin } from './http/ResponseCache';
import { createRouter, GRAPHQL_PATHS } from './http/router';
import { apolloLimits } from './limits';
import { apolloLogger, createLogger } from './observability/logger';
import { GatewayMetrics } from './observability/metrics';
import { buildSchema } from './schema';
import type { IdempotencyStore } from './restoreJobs/writes/idempotency';
import { MemoryIdempotencyStore } from './restoreJobs/writes/idempotency';

/** A gateway, built and started (Apollo is ready), not yet listening: src/index.ts calls {@link Gateway.listen}. */
export interface Gateway {
  /** The GraphQL endpoint once listening, e.g. http://127.0.0.1:4000/graphql (throws before {@link listen}). */
  readonly url: string;
  apollo: ApolloServer<Context>;
  httpServer: Server;
  /** This instance's metrics (its own prom-client registry). */
  metrics: GatewayMetrics;
  /** This instance's retries and circuit breakers. */
  resilience: Resilience;
  /** This instance's cache and in-flight table. */
  sharing: UpstreamSharing;
  /** Listens on `port` (0: any free one) and `host`; resolves the GraphQL URL. */
  listen(port: number, host: string): Promise<string>;
  /**
   * Drains and stops: /readyz turns 503 at once; after `shutdown.delayMs` the listener closes and in-flight requests
   * get `shutdown.graceMs` to finish; then their connections close, their upstream calls are aborted, and the
   * upstream dispatcher (when the gateway made it) is closed. Bounded by delay + grace (+ closing sockets).
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
}

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
  const httpServer = createServer();
  const production = config.nodeEnv === 'production';
  const guard = apolloLimits(limits, { production });
  const schema = buildSchema();
  const sharedAuth = createSharedAuth(config, config.atlasBaseUrl, dispatcher);
  const responseCache = sharing.cache
    ? new ResponseCache(
        sharing.cache,
        deploymentId(printSchema(schema), config.atlasBaseUrl, config.apiVersion, JSON.stringify(config.access.allowedProjectIds), JSON.stringify(limits)),
        createAuthenticator({ config, sharedAuth }),
        (event) => metrics.responseCacheEvent(event),
      )
    : null;
  const apollo = new ApolloServer<Context>({
    schema,
    nodeEnv: config.nodeEnv,
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    csrfPrevention: true,
    // src/index.ts handles SIGTERM/SIGINT (drain, then exit); Apollo's own handlers would race it and re-raise the
    // signal mid-drain, leaving the stop to the force-exit backstop.
    stopOnTerminationSignals: false,
    logger: apolloLogger(logger),
    introspection: config.introspection,
    formatError: (formatted, error) => {
      const out = formatError(formatted, error, (details) => logger.error(details, 'unexpected error'));
      metrics.error(String(out.extensions?.code ?? 'NONE'));
      return out;
    },
    validationRules: guard.validationRules,
    parseOptions: guard.parseOptions,
    // With REDIS_URL, persisted queries registered at one replica are known to all (a failed read is a miss).
    ...(sharing.redis ? { persistedQueries: { cache: apqCache(sharing.redis) } } : {}),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: shutdown.graceMs }),
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
  const signals = new RequestSignals();
  let ready = true;
  let url: string | null = null;
  let stopped: Promise<void> | null = null;
  httpServer.on(
    'request',
    createRouter({
      ready: () => ready,
      metrics,
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
    resilience,
    sharing,
    async listen(port, host) {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const address = httpServer.address() as AddressInfo;
      url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/graphql`;
      return url;
    },
    stop() {
      stopped ??= (async () => {
        ready = false;
        logger.info({ delayMs: shutdown.delayMs, graceMs: shutdown.graceMs }, 'draining');
        if (shutdown.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, shutdown.delayMs));
        await apollo.stop();
        signals.abortAll();
        if (!deps.dispatcher) await dispatcher.close();
        await sharing.close();
        if (idempotency && !deps.idempotency) await idempotency.close();
        logger.info('stopped');
      })();
      return stopped;
    },
  };
}

/** Where mutations keep idempotency keys: Redis shared by replicas when `REDIS_URL` is set, else in process. */
function createIdempotencyStore(config: Config): IdempotencyStore {
  if (!config.cache.redisUrl) return new MemoryIdempotencyStore();
  // Loaded only when configured, as the cache's Redis client (atlas/upstreamCache/index.ts).
  const { RedisIdempotencyStore } = require('./restoreJobs/writes/RedisIdempotencyStore') as typeof import('./restoreJobs/writes/RedisIdempotencyStore');
  return new RedisIdempotencyStore(config.cache.redisUrl, config.cache.timeoutMs);
}

/** The gateway's retry and breaker runner, reporting to its metrics and log. */
function createResilience(config: Config, deps: GatewayDeps, metrics: GatewayMetrics, logger: Logger): Resilience {
  return new Resilience(config.resilience, deps.clock, {
    onRetry: ({ route, retry, reason, delayMs }) => {
      metrics.retry(route, reason);
      logger.info({ upstream: route, retry, reason, delayMs: Math.round(delayMs) }, 'upstream retry');
    },
    onShortCircuit: ({ route, reason }) => metrics.shortCircuit(route, reason),
    onBreakerStateChange: ({ route, from, to }) => {
      metrics.breaker(route, to);
      logger.warn({ upstream: route, from, to }, 'circuit breaker');
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
