import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config';
import { appendVary, createCorsHandler } from './cors';
import { createGraphiqlHandler } from './explorer';

export { landingPagePlugin } from './explorer';
export { noStorePlugin } from './noStore';

/**
 * The HTTP the gateway answers for browsers before GraphQL: CORS on the GraphQL paths (preflights answered here), the
 * offline GraphiQL page and its assets when `explorer` is 'graphiql'. Returns a router that reports whether it
 * answered; Apollo Sandbox, when chosen, is Apollo's own landing page (see {@link landingPagePlugin}).
 */
export function createBrowserRoutes(
  config: Pick<Config, 'explorer' | 'corsOrigins'>,
  graphqlPaths: readonly string[],
): (req: IncomingMessage, res: ServerResponse, path: string) => boolean {
  const cors = createCorsHandler(config.corsOrigins);
  const graphiql = config.explorer === 'graphiql' ? createGraphiqlHandler() : null;
  return (req, res, path) => {
    if (!graphqlPaths.includes(path)) return graphiql?.asset(req, res, path) ?? false;
    if (cors(req, res)) return true;
    // A GET is answered by Accept: an explorer page, or JSON in one of two media types.
    if (req.method === 'GET' || req.method === 'HEAD') appendVary(res, 'Accept');
    return graphiql?.page(req, res) ?? false;
  };
}
