import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { createRequestLog, requestIdFrom } from '../observability/logger';
import type { GraphQLExchange } from './graphqlHandler';
import { headerOf, sendJson } from './respond';
import type { RequestSignals } from './requestSignals';

/** Where GraphQL is served. */
export const GRAPHQL_PATHS: readonly string[] = ['/graphql', '/'];

/** What the router dispatches to. */
export interface RouterDeps {
  /** Whether /readyz says ready (false once draining began). */
  ready(): boolean;
  /** Answers `/metrics` (http/metricsRoute.ts); null when metrics have a listener of their own (`METRICS_PORT`). */
  serveMetrics: ((req: IncomingMessage, res: ServerResponse) => void) | null;
  /** CORS and the explorer (http/index.ts): true when it answered. */
  browserRoutes(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  graphql(exchange: GraphQLExchange): Promise<void>;
  signals: RequestSignals;
  /** A whole GraphQL request's deadline. */
  requestMs: number;
  logger: Logger;
}

/**
 * The gateway's node:http request handler: `/healthz`, `/readyz`, `/metrics`, the browser routes, then GraphQL (with
 * a request id, its deadline signal, and one access-log line). NOTE: Apollo Server 5 ships no HTTP framework
 * integration besides its standalone server, whose routes cannot be extended; this is the small router in front of
 * the documented `executeHTTPGraphQLRequest` integration.
 */
export function createRouter(deps: RouterDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const logRequest = createRequestLog(deps.logger);
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const ready = deps.ready();
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'stopping' });
    }
    if (path === '/metrics' && deps.serveMetrics) return deps.serveMetrics(req, res);
    if (deps.browserRoutes(req, res, path)) return;
    if (!GRAPHQL_PATHS.includes(path)) return sendJson(res, 404, { error: 'Not found. GraphQL is at /graphql.' });
    const started = performance.now();
    const requestId = requestIdFrom(headerOf(req, 'x-request-id'), randomUUID);
    res.setHeader('x-request-id', requestId);
    const lifetime = deps.signals.open(deps.requestMs);
    res.on('close', () => {
      lifetime.end();
      const ms = Math.round(performance.now() - started);
      if (res.writableFinished) logRequest({ reqId: requestId, method: req.method, path, status: res.statusCode, ms });
      else logRequest({ reqId: requestId, method: req.method, path, ms });
    });
    const exchange: GraphQLExchange = {
      req,
      res,
      requestId,
      get signal() {
        return lifetime.signal;
      },
    };
    deps.graphql(exchange).catch((error: unknown) => {
      deps.logger.error({ reqId: requestId, errName: (error as { name?: unknown } | null)?.name }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.' }] });
      else res.destroy();
    });
  };
}
