import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config';
import { appendVary, createCorsHandler } from './cors';
import { createGraphiqlHandler, GRAPHIQL_PATH, optionalGraphiqlHandler } from './explorer';

export { GRAPHIQL_PATH, graphiqlInstalled, landingPagePlugin } from './explorer';
export { noStorePlugin } from './noStore';

/**
 * The HTTP the gateway answers for browsers before GraphQL: CORS on the GraphQL paths (preflights answered here), the
 * offline GraphiQL at {@link GRAPHIQL_PATH} (outside production, unless `explorer` is 'off') with its assets, and its
 * page at the GraphQL URL too when `explorer` is 'graphiql'; `/favicon.ico` (204, none). Returns a router that reports whether it answered;
 * Apollo Sandbox, when chosen, is Apollo's own landing page (see {@link landingPagePlugin}).
 */
export function createBrowserRoutes(
  config: Pick<Config, 'explorer' | 'corsOrigins'>,
  graphqlPaths: readonly string[],
): (req: IncomingMessage, res: ServerResponse, path: string) => boolean {
  const cors = createCorsHandler(config.corsOrigins);
  // Chosen, GraphiQL must load (a missing package fails the start); beside Sandbox it is served when installed.
  const graphiql = config.explorer === 'graphiql' ? createGraphiqlHandler() : config.explorer === 'sandbox' ? optionalGraphiqlHandler() : null;
  return (req, res, path) => {
    // Browsers ask for an icon on every page (GraphiQL's console would show the 404): there is none, and that is the answer.
    if (path === '/favicon.ico' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(204, { 'cache-control': 'public, max-age=86400' });
      res.end();
      return true;
    }
    if (path === GRAPHIQL_PATH) return graphiql?.standalone(req, res) ?? false;
    if (!graphqlPaths.includes(path)) return graphiql?.asset(req, res, path) ?? false;
    if (cors(req, res)) return true;
    // A GET is answered by Accept: an explorer page, or JSON in one of two media types.
    if (req.method === 'GET' || req.method === 'HEAD') appendVary(res, 'Accept');
    return config.explorer === 'graphiql' ? (graphiql?.page(req, res) ?? false) : false;
  };
}
