import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { GraphQLError } from 'graphql';
import { AtlasClient, type UpstreamCallEvent } from './atlas/AtlasClient';
import type { AuthStrategy } from './atlas/auth/AuthStrategy';
import { PassthroughAuth } from './atlas/auth/PassthroughAuth';
import { AtlasAuthError } from './atlas/errors';
import type { Config } from './config';
import { ErrorCode } from './errors';
import { createLoaders, type Loaders } from './restoreJobs/loaders';
import { ClusterDirectory } from './restoreJobs/routing/ClusterDirectory';
import type { ClusterKindCache } from './restoreJobs/routing/ClusterKindCache';
import { RestoreJobRouter } from './restoreJobs/routing/RestoreJobRouter';
import { createSources, type RestoreJobSources } from './restoreJobs/sources';

/** What every resolver gets: this request's sources, loaders and router, never shared with another request. */
export interface Context {
  requestId: string;
  sources: RestoreJobSources;
  loaders: Loaders;
  /** Job lookups and lists with kind discovery and routing past the sunset APIs, over `loaders`. */
  router: RestoreJobRouter;
  /** Fires at the request's deadline; every upstream call listens to it. */
  signal: AbortSignal;
}

/** What the context factory needs from the process. */
export interface ContextDeps {
  config: Pick<Config, 'apiVersion' | 'timeouts'> & { atlasBaseUrl: string };
  /** The process-wide keep-alive dispatcher. */
  dispatcher: Dispatcher;
  /** The server credential's strategy; null in passthrough mode, where each caller brings one. */
  sharedAuth: AuthStrategy | null;
  /** The process's memory of which API serves which cluster (keyed by credential identity inside). */
  clusterKinds: ClusterKindCache;
  onUpstreamCall?: (event: UpstreamCallEvent) => void;
}

/** The request headers the factory reads. */
export interface ContextRequest {
  authorization: string | undefined;
  requestId: string | undefined;
}

/** Builds the per-request context factory. In passthrough mode a caller without a bearer token is refused here. */
export function createContextFactory(deps: ContextDeps): (req: ContextRequest) => Promise<Context> {
  return async (req) => {
    let auth = deps.sharedAuth;
    if (!auth) {
      try {
        auth = new PassthroughAuth(req.authorization);
      } catch (error) {
        const message = error instanceof AtlasAuthError ? error.message : 'Unauthenticated.';
        throw new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
      }
    }
    const client = new AtlasClient({
      baseUrl: deps.config.atlasBaseUrl,
      dispatcher: deps.dispatcher,
      auth,
      timeouts: deps.config.timeouts,
      onCall: deps.onUpstreamCall,
    });
    const signal = AbortSignal.timeout(deps.config.timeouts.requestMs);
    const sources = createSources(client, deps.config.apiVersion);
    const loaders = createLoaders(sources, signal);
    const router = new RestoreJobRouter(sources, loaders, new ClusterDirectory(client, deps.clusterKinds, signal));
    const requestId = req.requestId && /^[\w.-]{1,128}$/.test(req.requestId) ? req.requestId : randomUUID();
    return { requestId, sources, loaders, router, signal };
  };
}
