import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { AuthStrategy } from '../atlas/auth/AuthStrategy';
import type { Context, ContextRequest } from '../context';
import { ErrorCode } from '../errors';
import { headerOf, readBody, refuseBody, sendJson } from './respond';
import type { ResponseCache } from './ResponseCache';

/** What the GraphQL handler needs from the gateway. */
export interface GraphQLHandlerDeps {
  apollo: ApolloServer<Context>;
  contextFactory: (req: ContextRequest) => Promise<Context>;
  /** null when `CACHE=off`. */
  responseCache: ResponseCache<AuthStrategy> | null;
  maxBodyBytes: number;
}

/** One GraphQL request's circumstances, from the router. */
export interface GraphQLExchange {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  /** The request's deadline, end and shutdown (http/requestSignals.ts): made when first read, so read it only to use it. */
  readonly signal: AbortSignal;
}

/** The 413 answer to a body over the limit. */
function tooLargeBody(maxBodyBytes: number): unknown {
  return {
    errors: [{ message: `Request body larger than ${maxBodyBytes} bytes.`, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'bodyBytes', max: maxBodyBytes } }],
  };
}

/**
 * node:http's `checkContinue` listener: a request sent with `Expect: 100-continue` whose `Content-Length` is over the
 * limit gets the 413 instead of `100 Continue`, so the client never sends its body; any other goes on to `request`
 * (after `100 Continue`). NOTE: without this listener node:http answers `100 Continue` to every such request, inviting
 * the body the 413 then refuses.
 */
export function createContinueCheck(maxBodyBytes: number, onRequest: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (Number(req.headers['content-length']) > maxBodyBytes) return refuseBody(req, res, 413, tooLargeBody(maxBodyBytes));
    res.writeContinue();
    onRequest(req, res);
  };
}

/**
 * Answers one GraphQL request over HTTP: reads the body (413 past the limit, on its Content-Length alone when that is
 * over it; 400 for JSON that does not parse), asks the whole-answer cache, runs Apollo's `executeHTTPGraphQLRequest`
 * (the documented integration, without Express), and stores the answer when it proved cacheable.
 */
export function createGraphQLHandler(deps: GraphQLHandlerDeps): (exchange: GraphQLExchange) => Promise<void> {
  const { apollo, contextFactory, responseCache, maxBodyBytes } = deps;
  return async (exchange) => {
    const { req, res, requestId } = exchange;
    const read = await readBody(req, maxBodyBytes);
    if (read.type === 'aborted') return;
    if (read.type === 'tooLarge') return refuseBody(req, res, 413, tooLargeBody(maxBodyBytes));
    const raw = read.text;
    const contentType = headerOf(req, 'content-type') ?? '';
    const method = (req.method ?? 'GET').toUpperCase();
    const authorization = headerOf(req, 'authorization');
    // An answer is only stored for a body that parsed, and its key covers the whole body: a hit needs neither the
    // parse nor the header map, so both come after the lookup.
    const lookup = responseCache ? await responseCache.lookup({ method, contentType, accept: headerOf(req, 'accept') ?? '', body: raw, authorization }) : null;
    if (lookup?.type === 'hit') {
      res.statusCode = lookup.response.status;
      for (const [name, value] of lookup.response.headers) res.setHeader(name, value);
      res.end(lookup.response.body);
      return;
    }
    let body: unknown = raw;
    if (raw !== '' && contentType.includes('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const slot = lookup?.slot;
    const url = new URL(req.url ?? '/', 'http://gateway');
    const httpGraphQLRequest: HTTPGraphQLRequest = { method, headers, search: url.search, body };
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => contextFactory({ authorization, requestId, signal: exchange.signal, auth: slot?.auth, freshness: slot?.freshness }),
    });
    res.statusCode = response.status ?? 200;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (response.body.kind === 'complete') {
      if (slot) await slot.store({ status: res.statusCode, headers: [...response.headers], body: response.body.string });
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
