import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerMatcher } from '../context';
import type { GatewayMetrics } from '../observability/metrics';
import { headerOf, sendJson } from './respond';

/** Who may read `GET /metrics` on one listener. */
export interface MetricsAccess {
  /** `METRICS_TOKEN`: a scrape must send `Authorization: Bearer <one of them>` (null: none asked). */
  tokens: readonly string[] | null;
  /**
   * Every scrape is refused: `GATEWAY_TOKENS` guards GraphQL but neither `METRICS_TOKEN` nor `METRICS_PORT` is set,
   * so nothing says who may read the metrics.
   */
  closed: boolean;
}

/**
 * Answers `GET /metrics`: the Prometheus text, or 401 (with `WWW-Authenticate: Bearer`) for a scrape without the
 * token, or for every scrape when the access is closed. The answer never says which tokens exist.
 */
export function createMetricsRoute(metrics: GatewayMetrics, access: MetricsAccess): (req: IncomingMessage, res: ServerResponse) => void {
  const presentsToken = access.tokens ? bearerMatcher(access.tokens) : null;
  return (req, res) => {
    if (access.closed) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      return sendJson(res, 401, { error: 'Metrics are closed while GATEWAY_TOKENS is set: set METRICS_TOKEN or METRICS_PORT to scrape them.' });
    }
    if (presentsToken && !presentsToken(headerOf(req, 'authorization'))) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      return sendJson(res, 401, { error: 'Metrics need `Authorization: Bearer <METRICS_TOKEN>`.' });
    }
    metrics.serve(res);
  };
}

/** The handler of the metrics listener (`METRICS_PORT`): `/metrics` and nothing else. */
export function createMetricsListener(serveMetrics: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') return serveMetrics(req, res);
    sendJson(res, 404, { error: 'Not found. This listener serves /metrics only.' });
  };
}
