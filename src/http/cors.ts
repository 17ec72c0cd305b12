import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The request headers a browser client may send cross-origin, answered in every allowed preflight: the JSON content
 * type, Apollo's CSRF-prevention headers, `Authorization` (passthrough mode), a request id, and Apollo's client-awareness
 * headers.
 */
export const CORS_ALLOWED_HEADERS: readonly string[] = [
  'content-type',
  'authorization',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
  'apollographql-client-name',
  'apollographql-client-version',
];

/** The methods GraphQL over HTTP uses. */
export const CORS_ALLOWED_METHODS: readonly string[] = ['GET', 'POST'];

/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * Handles CORS for the GraphQL endpoint: exact-match allow-list of origins (no wildcard, no credentials: the gateway
 * reads no cookies), preflights answered here, `Vary: Origin` on every response. Returns true when it has answered
 * the request (an OPTIONS request), false when the caller should go on to GraphQL.
 */
export function createCorsHandler(allowedOrigins: readonly string[]): (req: IncomingMessage, res: ServerResponse) => boolean {
  const isAllowed = originMatcher(allowedOrigins);
  return (req, res) => {
    const origin = req.headers.origin;
    const originAllowed = origin !== undefined && isAllowed(origin);
    appendVary(res, 'Origin');
    if (req.method !== 'OPTIONS') {
      if (originAllowed && origin !== undefined) res.setHeader('Access-Control-Allow-Origin', origin);
      return false;
    }
    const requestedMethod = req.headers['access-control-request-method'];
    if (requestedMethod === undefined) {
      // A plain OPTIONS, not a preflight.
      res.writeHead(204, { Allow: [...CORS_ALLOWED_METHODS, 'OPTIONS'].join(', ') });
      res.end();
      return true;
    }
    appendVary(res, 'Access-Control-Request-Method');
    appendVary(res, 'Access-Control-Request-Headers');
    if (!originAllowed || !CORS_ALLOWED_METHODS.includes(requestedMethod.toUpperCase())) {
      // NOTE: a refused preflight carries no Access-Control-* header; the browser then blocks the real request.
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('CORS preflight refused: this origin or method is not allowed (see CORS_ORIGINS).\n');
      return true;
    }
    res.writeHead(204, {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': CORS_ALLOWED_METHODS.join(', '),
      'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS.join(', '),
      'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_S),
    });
    res.end();
    return true;
  };
}

/** Whether an `Origin` is one of `CORS_ORIGINS` (exact match; no Origin is never allowed here). */
export function originMatcher(allowedOrigins: readonly string[]): (origin: string | undefined) => boolean {
  const allowed = new Set(allowedOrigins);
  return (origin) => origin !== undefined && allowed.has(origin);
}

/** Adds a header name to `Vary`, keeping what is there. */
export function appendVary(res: ServerResponse, name: string): void {
  const current = res.getHeader('Vary');
  const names = current === undefined ? [] : String(current).split(',').map((n) => n.trim()).filter((n) => n !== '');
  if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  res.setHeader('Vary', names.join(', '));
}
