import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AuthStrategy } from '../atlas/auth/AuthStrategy';
import type { QueryLimits, WatchConfig } from '../config';
import type { Context, ContextRequest } from '../context';
import { ErrorCode, gatewayError } from '../errors';
import { estimateUpstreamCost, queryTooComplex, UPSTREAM_CALL_COST, type ApolloLimits } from '../limits';
import type { WatchHub } from '../watch';
import { originMatcher } from './cors';

/** What the subscription server needs from the gateway. */
export interface SubscriptionServerDeps {
  httpServer: Server;
  schema: GraphQLSchema;
  /** Where GraphQL is served (the upgrade must ask for one of them). */
  paths: readonly string[];
  watch: WatchConfig;
  limits: QueryLimits;
  /** The validation rules and parse options HTTP requests get (src/limits). */
  guard: Pick<ApolloLimits, 'validationRules' | 'parseOptions'>;
  corsOrigins: readonly string[];
  allowedProjectIds: readonly string[] | null;
  /** The HTTP layer's authenticator (src/context.ts, createAuthenticator): throws a 401 GraphQLError. */
  authenticate(authorization: string | undefined): AuthStrategy;
  contextFactory(req: ContextRequest): Promise<Context>;
  hub: WatchHub;
  /** A poll's deadline (`REQUEST_TIMEOUT_MS`). */
  requestMs: number;
  /** The gateway's formatError (src/errors.ts) with its logging. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** One message sent on a subscription: `data` or `error`. */
  onSent?(outcome: 'data' | 'error'): void;
  logger: Logger;
}

/** The WebSocket side of the gateway. */
export interface SubscriptionServer {
  /** Open WebSocket connections. */
  readonly connections: number;
  /** Refuses new connections and subscriptions from now on (the drain has begun). */
  refuseNew(): void;
  /**
   * Completes every stream with SHUTTING_DOWN (bounded by `answerMs`), then closes every socket with 1012 (service
   * restart), terminating any still open `answerMs` later.
   */
  stop(answerMs: number): Promise<void>;
}

/** Close codes the gateway sends (besides graphql-ws's own: 4400, 4403, 4408, 4409, 4429, 4500). */
export const CLOSE = { unauthorized: 4401, idle: 1000, restart: 1012 } as const;

interface Connection {
  auth: AuthStrategy;
  /** Fires when the socket closes: polls started for its subscriptions stop waiting. */
  closed: AbortController;
  idle: NodeJS.Timeout | null;
}

/**
 * GraphQL over WebSocket (graphql-ws's `useServer`, with `ws`) on the HTTP server's `upgrade`, at the GraphQL paths.
 * The upgrade is refused (HTTP 403) for a browser `Origin` that is neither in `CORS_ORIGINS` nor the gateway's own
 * (its explorers), and (503) while stopping;
 * `onConnect` authenticates as HTTP does (`connection_init`'s `authorization`, else the upgrade's header) and closes
 * with 4401 otherwise; `onSubscribe` runs HTTP's parse limit, validation rules and upstream cost, and bounds the
 * subscriptions per connection and per process. Only subscriptions are served here: queries and mutations go over HTTP.
 */
export function createSubscriptionServer(deps: SubscriptionServerDeps): SubscriptionServer {
  const { watch, limits } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxBodyBytes });
  const originAllowed = originMatcher(deps.corsOrigins);
  const allowedProjectIds = deps.allowedProjectIds ? new Set(deps.allowedProjectIds) : null;
  const rules = [...specifiedRules, ...deps.guard.validationRules];
  const connections = new WeakMap<WsContext, Connection>();
  let stopping = false;

  deps.httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!deps.paths.includes(path)) return refuseUpgrade(socket, 404, 'Not found. GraphQL (and its WebSocket) is at /graphql.');
    if (stopping) return refuseUpgrade(socket, 503, 'The gateway is shutting down: connect again (another replica will answer).');
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin) && !sameOrigin(origin, req.headers.host)) {
      return refuseUpgrade(socket, 403, 'This Origin may not open a WebSocket here (CORS_ORIGINS).');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const format = (error: GraphQLError): GraphQLFormattedError => {
    const out = deps.formatError(error.toJSON(), error);
    if (!out.extensions || !('http' in out.extensions)) return out;
    const { http: _http, ...extensions } = out.extensions;
    return { ...out, extensions };
  };

  const startIdle = (ctx: WsContext, connection: Connection): void => {
    if (connection.idle) clearTimeout(connection.idle);
    connection.idle = setTimeout(() => {
      if (Object.keys(ctx.subscriptions).length === 0) socketOf(ctx).close(CLOSE.idle, 'Idle: no subscription (WATCH_IDLE_TIMEOUT_MS).');
    }, watch.idleTimeoutMs);
    connection.idle.unref();
  };

  const server = useServer<Record<string, unknown>, { socket: WebSocket; request: IncomingMessage }>(
    {
      schema: deps.schema,
      connectionInitWaitTimeout: watch.initTimeoutMs,
      onConnect: (ctx) => {
        // Any case: GraphiQL sends its Headers tab (`Authorization`) as the payload.
        const key = Object.keys(ctx.connectionParams ?? {}).find((k) => k.toLowerCase() === 'authorization');
        const given = key === undefined ? undefined : ctx.connectionParams?.[key];
        const authorization = typeof given === 'string' ? given : ctx.extra.request.headers.authorization;
        let auth: AuthStrategy;
        try {
          auth = deps.authenticate(authorization);
        } catch (error) {
          const message = error instanceof GraphQLError ? error.message : 'Unauthenticated.';
          ctx.extra.socket.close(CLOSE.unauthorized, `Unauthorized: ${message}`.slice(0, 120));
          return false;
        }
        const connection: Connection = { auth, closed: new AbortController(), idle: null };
        connections.set(ctx, connection);
        startIdle(ctx, connection);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const connection = connections.get(ctx);
        if (!connection) return [gatewayError(ErrorCode.UNAUTHENTICATED, 'Unauthenticated.')];
        if (stopping) return [shuttingDown()];
        // graphql-ws has recorded this subscription already: the count includes it.
        const open = Object.keys(ctx.subscriptions).length;
        if (open > watch.maxPerConnection) {
          return [gatewayError(ErrorCode.TOO_MANY_SUBSCRIPTIONS, `A connection may hold ${watch.maxPerConnection} subscriptions at once (WATCH_MAX_PER_CONNECTION).`, { max: watch.maxPerConnection })];
        }
        if (deps.hub.activeSubscriptions >= watch.maxPerProcess) {
          return [gatewayError(ErrorCode.TOO_MANY_SUBSCRIPTIONS, `This gateway holds ${watch.maxPerProcess} subscriptions already (WATCH_MAX_PER_PROCESS): try again later, or another replica.`, { max: watch.maxPerProcess })];
        }
        const checked = checkDocument(deps.schema, rules, deps.guard.parseOptions.maxTokens, limits.maxCost, payload);
        if (!('document' in checked)) return checked;
        if (connection.idle) clearTimeout(connection.idle);
        const contextValue = await deps.contextFactory({ authorization: undefined, requestId: randomUUID(), signal: connection.closed.signal, auth: connection.auth });
        contextValue.watch = {
          hub: deps.hub,
          identity: connection.auth.identity,
          allowedProjectIds,
          pollContext: (signal) =>
            deps.contextFactory({
              authorization: undefined,
              requestId: randomUUID(),
              signal: AbortSignal.any([signal, connection.closed.signal, AbortSignal.timeout(deps.requestMs)]),
              auth: connection.auth,
            }),
        };
        return { schema: deps.schema, document: checked.document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        deps.onSent?.(result.errors ? 'error' : 'data');
        if (!result.errors) return undefined;
        return { ...result, errors: result.errors.map(format) } as never;
      },
      onError: (_ctx, _id, _payload, errors) => {
        deps.onSent?.('error');
        return errors.map(format) as never;
      },
      onComplete: (ctx) => {
        // Called before graphql-ws forgets the subscription: look once it has.
        setImmediate(() => {
          const connection = connections.get(ctx);
          if (connection && Object.keys(ctx.subscriptions).length === 0 && ctx.extra.socket.readyState === ctx.extra.socket.OPEN) startIdle(ctx, connection);
        });
      },
      onClose: (ctx) => {
        const connection = connections.get(ctx);
        if (!connection) return;
        connection.closed.abort();
        if (connection.idle) clearTimeout(connection.idle);
      },
    },
    wss,
    watch.pingMs,
  );

  return {
    get connections() {
      return wss.clients.size;
    },
    refuseNew() {
      stopping = true;
    },
    async stop(answerMs) {
      stopping = true;
      await deps.hub.shutdown(answerMs);
      // The streams answer SHUTTING_DOWN and complete; wait (bounded) until graphql-ws has sent that on every socket.
      const deadline = Date.now() + answerMs;
      while (deps.hub.activeSubscriptions > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const closing = [...wss.clients].map((client) => new Promise<void>((resolve) => {
        if (client.readyState === client.CLOSED) return resolve();
        client.once('close', () => resolve());
        client.close(CLOSE.restart, 'Service restart: connect again (another replica will answer).');
      }));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(closing), new Promise((resolve) => (timer = setTimeout(resolve, answerMs)))]);
      clearTimeout(timer);
      for (const client of wss.clients) client.terminate();
      await server.dispose();
    },
  };
}

/** The document, or the errors that refuse it: the token limit, validation (HTTP's rules), variables, the upstream cost. */
function checkDocument(
  schema: GraphQLSchema,
  rules: Parameters<typeof validate>[2],
  maxTokens: number,
  maxCost: number,
  payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
): { document: DocumentNode } | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    if (/more th(?:at|an) \d+ tokens/.test(error.message)) return [queryTooComplex('tokens', maxTokens, `Token limit of ${maxTokens} exceeded.`)];
    return [new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
  }
  const invalid = validate(schema, document, rules);
  if (invalid.length > 0) {
    return invalid.map((e) => (e.extensions.code ? e : new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, originalError: e.originalError, extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } })));
  }
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  if (!operation) return [gatewayError(ErrorCode.BAD_USER_INPUT, 'Name the operation to run (operationName): the document holds several, or none.')];
  if (operation.operation !== 'subscription') {
    return [gatewayError(ErrorCode.BAD_USER_INPUT, `Over WebSocket this gateway serves subscriptions only; send a ${operation.operation} over HTTP (POST /graphql).`)];
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
  if (coerced.errors) return coerced.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.BAD_USER_INPUT } }));
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const estimate = estimateUpstreamCost(operation, fragments, coerced.coerced);
  if (estimate.cost > maxCost) {
    return [
      queryTooComplex(
        'cost',
        maxCost,
        `Query cost limit of ${maxCost} exceeded, found ${estimate.cost} (${estimate.items} items, ${estimate.upstreamCalls} upstream calls at ${UPSTREAM_CALL_COST} each).`,
      ),
    ];
  }
  return { document };
}

/**
 * Whether a browser's `Origin` is the gateway's own (its GraphiQL or Sandbox page): same host and port as the request.
 * NOTE: the scheme is not compared: behind a TLS-terminating proxy the page is https and the upgrade arrives as http.
 */
function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

function shuttingDown(): GraphQLError {
  return gatewayError(ErrorCode.SHUTTING_DOWN, 'The gateway is shutting down: subscribe again (another replica will answer).');
}

function socketOf(ctx: WsContext): WebSocket {
  return (ctx.extra as { socket: WebSocket }).socket;
}

/** Answers an upgrade request with a plain HTTP refusal and closes the socket. */
function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
