import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { printSchema, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import { createAtlasDispatcher, type UpstreamCallEvent } from './atlas/AtlasClient';
import type { AuthStrategy } from './atlas/auth/AuthStrategy';
import { DigestAuth } from './atlas/auth/DigestAuth';
import { NoAuth } from './atlas/auth/NoAuth';
import { ServiceAccountAuth } from './atlas/auth/ServiceAccountAuth';
import { Resilience, type ResilienceClock } from './atlas/resilience';
import { DEFAULT_CACHE, DEFAULT_LIMITS, DEFAULT_RESILIENCE, DEFAULT_SHUTDOWN, type Config } from './config';
import { createUpstreamSharing, type UpstreamSharing } from './atlas/upstreamCache';
import { Freshness } from './http/Freshness';
import { deploymentId, ResponseCache, responseCachePlugin } from './http/ResponseCache';
import { createAuthenticator, createContextFactory, type Context } from './context';
import { ErrorCode } from './errors';
import { createBrowserRoutes, landingPagePlugin, noStorePlugin } from './http';
import { apolloLimits, formatLimitError } from './limits';
import { apolloLogger, createLogger, createRequestLog, requestIdFrom } from './observability/logger';
import { GatewayMetrics } from './observability/metrics';
import { ClusterKindCache } from './clusters/ClusterKindCache';
import { RequestSignals } from './http/requestSignals';
import { buildSchema } from './schema';

/** Where GraphQL is served. */
const GRAPHQL_PATHS = ['/graphql', '/'];

/** A running gateway. */
export interface Gateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  url: string;
  apollo: ApolloServer<Context>;
  httpServer: Server;
  /** This instance's metrics (its own prom-client registry). */
  metrics: GatewayMetrics;
  /** This instance's retries and circuit breakers. */
  resilience: Resilience;
  /** This instance's cache and in-flight table. */
  sharing: UpstreamSharing;
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
 * Builds and starts the gateway: the Apollo subgraph server behind a small node:http router (`/graphql`, `/healthz`,
 * `/readyz`). NOTE: Apollo Server 5 ships no HTTP framework integration besides its standalone server, whose routes
 * cannot be extended; this router is the documented `executeHTTPGraphQLRequest` integration, without Express.
 */
export async function startGateway(config: Config & { atlasBaseUrl: string }, deps: GatewayDeps = {}): Promise<Gateway> {
  const dispatcher = deps.dispatcher ?? createAtlasDispatcher(config.timeouts);
  const limits = config.limits ?? DEFAULT_LIMITS;
  const shutdown = config.shutdown ?? DEFAULT_SHUTDOWN;
  const logger = deps.logger ?? createLogger({ level: config.logLevel ?? 'info' });
  const metrics = new GatewayMetrics();
  const resilience = createResilience(config, deps, metrics, logger);
  const cacheConfig = config.cache ?? DEFAULT_CACHE;
  const sharing = createUpstreamSharing(cacheConfig, {
    onEvent: (backend, event) => metrics.cache(backend, event),
    onError: throttled(10_000, (message, suppressed) => logger.warn({ suppressed }, `${message}; served as a miss`)),
  });
  const httpServer = createServer();
  // CORS and the explorer (src/http/): answered before GraphQL.
  const browserRoutes = createBrowserRoutes(config, GRAPHQL_PATHS);
  const production = config.nodeEnv === 'production';
  const guard = apolloLimits(limits, { production });
  const schema = buildSchema();
  // Whole answers, kept while their data is fresh (cache/ResponseCache.ts); keyed by everything that shapes them.
  const responseCache = sharing.cache
    ? new ResponseCache(
        sharing.cache,
        deploymentId(printSchema(schema), config.atlasBaseUrl, config.apiVersion, JSON.stringify(config.access?.allowedProjectIds ?? null), JSON.stringify(limits)),
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
      const out = formatLimitError(formatted, error) ?? formatError(formatted, error, logger);
      metrics.error(String(out.extensions?.code ?? 'NONE'));
      return out;
    },
    validationRules: guard.validationRules,
    parseOptions: guard.parseOptions,
    // With REDIS_URL, persisted queries registered at one replica are known to all (a failed read is a miss).
    ...(sharing.redis ? { persistedQueries: { cache: sharing.redis.apqCache() } } : {}),
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
  const requestSignals = new RequestSignals();
  const sharedAuth = createSharedAuth(config, config.atlasBaseUrl, dispatcher);
  const contextFactory = createContextFactory({
    config,
    dispatcher,
    sharedAuth,
    resilience,
    onUpstreamCall: (event, requestId) => {
      metrics.upstreamCall(event);
      // The line's object is built only when it is written (this runs for every upstream call).
      if (logger.isLevelEnabled('debug')) {
        logger.debug({ reqId: requestId, upstream: { ...event.route, path: event.path, status: event.status, failure: event.failure, ms: Math.round(event.durationMs) } }, 'upstream call');
      }
      deps.onUpstreamCall?.(event);
    },
    clusterKinds: deps.clusterKinds ?? new ClusterKindCache(),
    cache: sharing.cache ? { store: sharing.cache, ttls: cacheConfig.ttls } : null,
    inFlight: sharing.inFlight,
    onCoalesced: (route) => metrics.coalescedCall(route),
  });
  const logRequest = createRequestLog(logger);
  const graphql: GraphQLDeps = { contextFactory, authenticate: createAuthenticator({ config, sharedAuth }), responseCache };
  let ready = true;
  let stopped: Promise<void> | null = null;

  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'stopping' });
    if (path === '/metrics') return metrics.serve(res);
    if (browserRoutes(req, res, path)) return;
    if (!GRAPHQL_PATHS.includes(path)) return sendJson(res, 404, { error: 'Not found. GraphQL is at /graphql.' });
    const started = performance.now();
    const requestId = requestIdFrom(headerOf(req, 'x-request-id'), randomUUID);
    res.setHeader('x-request-id', requestId);
    const lifetime = requestSignals.open(config.timeouts.requestMs);
    res.on('close', () => {
      lifetime.end();
      const ms = Math.round(performance.now() - started);
      if (res.writableFinished) logRequest({ reqId: requestId, method: req.method, path, status: res.statusCode, ms });
      else logRequest({ reqId: requestId, method: req.method, path, ms });
    });
    handleGraphQL(apollo, graphql, req, res, requestId, lifetime.signal, limits.maxBodyBytes).catch((error: unknown) => {
      logger.error({ reqId: requestId, errName: (error as { name?: unknown } | null)?.name }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.' }] });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}/graphql`,
    apollo,
    httpServer,
    metrics,
    resilience,
    sharing,
    stop() {
      stopped ??= (async () => {
        ready = false;
        logger.info({ delayMs: shutdown.delayMs, graceMs: shutdown.graceMs }, 'draining');
        if (shutdown.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, shutdown.delayMs));
        await apollo.stop();
        requestSignals.abortAll();
        if (!deps.dispatcher) await dispatcher.close();
        await sharing.close();
        logger.info('stopped');
      })();
      return stopped;
    },
  };
}

/** The gateway's retry and breaker runner, reporting to its metrics and log. */
function createResilience(config: Config, deps: GatewayDeps, metrics: GatewayMetrics, logger: Logger): Resilience {
  return new Resilience(config.resilience ?? DEFAULT_RESILIENCE, deps.clock, {
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

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** What {@link handleGraphQL} needs from the gateway. */
interface GraphQLDeps {
  contextFactory: ReturnType<typeof createContextFactory>;
  authenticate: ReturnType<typeof createAuthenticator>;
  /** null when `CACHE=off`. */
  responseCache: ResponseCache | null;
}

async function handleGraphQL(
  apollo: ApolloServer<Context>,
  deps: GraphQLDeps,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  signal: AbortSignal,
  maxBodyBytes: number,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const raw = await readBody(req, maxBodyBytes);
  if (raw === null) {
    return sendJson(res, 413, {
      errors: [
        {
          message: `Request body larger than ${maxBodyBytes} bytes.`,
          extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'bodyBytes', max: maxBodyBytes },
        },
      ],
    });
  }
  const contentType = headers.get('content-type') ?? '';
  let body: unknown = raw;
  if (raw !== '' && contentType.includes('application/json')) {
    try {
      body = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
    }
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const authorization = headers.get('authorization');
  // The response cache: JSON POSTs only (no CSRF-simple request is ever answered from it), after the caller is
  // authenticated exactly as the context factory would (a refused caller goes on to Apollo, which refuses them).
  let stored: { key: string; auth: ReturnType<GraphQLDeps['authenticate']>; freshness: Freshness } | null = null;
  if (deps.responseCache && method === 'POST' && contentType.includes('application/json') && raw !== '') {
    let auth: ReturnType<GraphQLDeps['authenticate']> | null = null;
    try {
      auth = deps.authenticate(authorization);
    } catch {
      // Apollo answers the refusal below.
    }
    if (auth) {
      const key = deps.responseCache.key({ identity: auth.identity, accept: headers.get('accept') ?? '', contentType, body: raw });
      const hit = await deps.responseCache.get(key);
      if (hit) {
        res.statusCode = hit.status;
        for (const [name, value] of hit.headers) res.setHeader(name, value);
        res.end(hit.body);
        return;
      }
      stored = { key, auth, freshness: new Freshness() };
    }
  }
  const url = new URL(req.url ?? '/', 'http://gateway');
  const httpGraphQLRequest: HTTPGraphQLRequest = { method, headers, search: url.search, body };
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: () => deps.contextFactory({ authorization, requestId, signal, auth: stored?.auth, freshness: stored?.freshness }),
  });
  res.statusCode = response.status ?? 200;
  for (const [key, value] of response.headers) res.setHeader(key, value);
  if (response.body.kind === 'complete') {
    const ttlMs = stored?.freshness.ttlMs ?? 0;
    if (stored && ttlMs > 0 && res.statusCode === 200) {
      await deps.responseCache!.store(stored.key, { status: 200, headers: [...response.headers], body: response.body.string }, ttlMs);
    }
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * Errors leave the gateway with a code from ErrorCode or Apollo's own request codes. Anything unexpected is reported
 * as INTERNAL_SERVER_ERROR with a fixed message, so no internal detail (or secret) leaves in one.
 */
function formatError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const original = (error as { originalError?: unknown } | null)?.originalError;
  const known = typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR;
  if (known) return formatted;
  if (original === undefined && code !== undefined) return formatted;
  // The type and stack frames only: an unexpected error's message could hold anything.
  const unexpected = original instanceof Error ? original : error instanceof Error ? error : null;
  logger.error({ errName: unexpected?.name ?? typeof original, stack: unexpected?.stack?.split('\n').slice(1, 6).join('\n'), path: formatted.path }, 'unexpected error');
  return {
    message: 'Internal server error.',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
