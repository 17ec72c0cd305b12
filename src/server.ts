import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GraphQLFormattedError } from 'graphql';
import type { Dispatcher } from 'undici';
import { createAtlasDispatcher, type UpstreamCallEvent } from './atlas/AtlasClient';
import type { AuthStrategy } from './atlas/auth/AuthStrategy';
import { DigestAuth } from './atlas/auth/DigestAuth';
import { NoAuth } from './atlas/auth/NoAuth';
import { ServiceAccountAuth } from './atlas/auth/ServiceAccountAuth';
import type { Config } from './config';
import { createContextFactory, type Context } from './context';
import { ErrorCode } from './errors';
import { ClusterKindCache } from './restoreJobs/routing/ClusterKindCache';
import { buildSchema } from './schema';

/** Apollo's own log lines: warnings and errors to stderr; its start-up info lines (inline tracing on) dropped. */
const quietLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message: unknown) => process.stderr.write(`apollo warn: ${String(message)}\n`),
  error: (message: unknown) => process.stderr.write(`apollo error: ${String(message)}\n`),
};

/** Largest request body the gateway reads. */
const MAX_BODY_BYTES = 1024 * 1024;

/** A running gateway. */
export interface Gateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  url: string;
  apollo: ApolloServer<Context>;
  httpServer: Server;
  /** Stops accepting, drains in-flight requests, closes the upstream dispatcher (when the gateway made it). */
  stop(): Promise<void>;
}

/** What the process supplies besides configuration (tests inject a dispatcher or count upstream calls). */
export interface GatewayDeps {
  dispatcher?: Dispatcher;
  onUpstreamCall?: (event: UpstreamCallEvent) => void;
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
  const httpServer = createServer();
  const production = config.nodeEnv === 'production';
  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    nodeEnv: config.nodeEnv,
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    csrfPrevention: true,
    logger: quietLogger,
    introspection: !production,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 10_000 }),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();
  const contextFactory = createContextFactory({
    config,
    dispatcher,
    sharedAuth: createSharedAuth(config, config.atlasBaseUrl, dispatcher),
    clusterKinds: deps.clusterKinds ?? new ClusterKindCache(),
    onUpstreamCall: deps.onUpstreamCall,
  });
  let ready = true;

  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'stopping' });
    if (path !== '/graphql' && path !== '/') return sendJson(res, 404, { error: 'Not found. GraphQL is at /graphql.' });
    handleGraphQL(apollo, contextFactory, req, res).catch(() => {
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
    async stop() {
      ready = false;
      await apollo.stop();
      if (!deps.dispatcher) await dispatcher.close();
    },
  };
}

async function handleGraphQL(
  apollo: ApolloServer<Context>,
  contextFactory: ReturnType<typeof createContextFactory>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const raw = await readBody(req);
  if (raw === null) return sendJson(res, 413, { errors: [{ message: `Request body larger than ${MAX_BODY_BYTES} bytes.` }] });
  let body: unknown = raw;
  if (raw !== '' && (headers.get('content-type') ?? '').includes('application/json')) {
    try {
      body = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
    }
  }
  const url = new URL(req.url ?? '/', 'http://gateway');
  const httpGraphQLRequest: HTTPGraphQLRequest = { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body };
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: () => contextFactory({ authorization: headers.get('authorization'), requestId: headers.get('x-request-id') }),
  });
  res.statusCode = response.status ?? 200;
  for (const [key, value] of response.headers) res.setHeader(key, value);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
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
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const original = (error as { originalError?: unknown } | null)?.originalError;
  const known = typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR;
  if (known) return formatted;
  if (original === undefined && code !== undefined) return formatted;
  return {
    message: 'Internal server error.',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
