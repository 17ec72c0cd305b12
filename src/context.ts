import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { GraphQLError } from 'graphql';
import { AtlasClient, type AnswerObserver, type UpstreamCallEvent } from './atlas/AtlasClient';
import type { AuthStrategy } from './atlas/auth/AuthStrategy';
import { PassthroughAuth } from './atlas/auth/PassthroughAuth';
import { AtlasAuthError } from './atlas/errors';
import type { Resilience, UpstreamRoute } from './atlas/resilience';
import type { InFlight, UpstreamCache } from './atlas/upstreamCache';
import { DEFAULT_PROJECT_VIEW, type CacheTtls, type Config, type ProjectViewConfig } from './config';
import { ErrorCode } from './errors';
import { createLoaders, type Loaders } from './restoreJobs/loaders';
import { ClusterDirectory } from './clusters/ClusterDirectory';
import type { ClusterKindCache } from './clusters/ClusterKindCache';
import { SnapshotReader } from './clusters/snapshots/SnapshotReader';
import { ProjectRestoreJobs } from './restoreJobs/project/ProjectRestoreJobs';
import { RestoreJobRouter } from './restoreJobs/routing/RestoreJobRouter';
import { createSources, type RestoreJobSources } from './restoreJobs/sources';
import type { IdempotencyStore } from './restoreJobs/writes/idempotency';
import { RestoreService } from './restoreJobs/writes/RestoreService';

/** What every resolver gets: this request's sources, loaders and router, never shared with another request. */
export interface Context {
  requestId: string;
  sources: RestoreJobSources;
  loaders: Loaders;
  /** Job lookups and lists with kind discovery and routing past the sunset APIs, over `loaders`. */
  router: RestoreJobRouter;
  /** A cluster's backup snapshots and one snapshot by id, sharing the router's cluster directory. */
  snapshots: SnapshotReader;
  /** The project view's reads (`projectRestoreJobs`), over `sources` and `loaders`. */
  projectJobs: ProjectRestoreJobs;
  /** Starting and cancelling restores (the mutations); null when `MUTATIONS` turned them off. */
  restores: RestoreService | null;
  /** Fires at the request's deadline, at its end, or when the gateway shuts down; every upstream call listens to it. */
  signal: AbortSignal;
  /** Told of every upstream answer the request uses (the whole-answer cache's record); absent when nothing will store it. */
  freshness?: AnswerObserver;
}

/** What the context factory needs from the process. */
export interface ContextDeps {
  config: Pick<Config, 'apiVersion' | 'timeouts' | 'access'> & { atlasBaseUrl: string; mutations?: boolean; project?: ProjectViewConfig };
  /** The process-wide keep-alive dispatcher. */
  dispatcher: Dispatcher;
  /** The server credential's strategy; null in passthrough mode, where each caller brings one. */
  sharedAuth: AuthStrategy | null;
  /** The gateway's retries and breakers, shared by every request's client. */
  resilience?: Resilience;
  onUpstreamCall?: (event: UpstreamCallEvent, requestId: string) => void;
  /** The process's memory of which API serves which cluster (keyed by credential identity inside). */
  clusterKinds: ClusterKindCache;
  /** The cross-request cache of upstream bodies (keyed by credential identity) and its TTLs; none when absent. */
  cache?: { store: UpstreamCache; ttls: CacheTtls } | null;
  /** The process's table of GETs in flight (keyed by credential identity); none when absent. */
  inFlight?: InFlight | null;
  /** A request joined a GET another request had in flight. */
  onCoalesced?: (route: UpstreamRoute) => void;
  /** The process's idempotency keys (in process, or Redis); mutations are off without one. */
  idempotency?: IdempotencyStore | null;
}

/** The request headers the factory reads. */
export interface ContextRequest {
  authorization: string | undefined;
  /** Already validated by the HTTP layer (src/observability/logger.ts, requestIdFrom); a fresh id when absent. */
  requestId: string | undefined;
  /**
   * The request's signal from the HTTP layer (src/requestSignals.ts: deadline, end of request, shutdown); when absent,
   * one that fires at the configured request deadline.
   */
  signal?: AbortSignal;
  /** The caller's credential, when the HTTP layer has already authenticated them (see createAuthenticator). */
  auth?: AuthStrategy;
  /** Told of every upstream answer the request uses, when its answer may be stored (http/ResponseCache.ts). */
  freshness?: AnswerObserver;
}

/**
 * Who the caller is, for Atlas: the server credential's strategy (after the caller showed one of `GATEWAY_TOKENS`,
 * when set), or in passthrough mode the caller's own bearer token. Throws a 401 GraphQLError otherwise.
 */
export function createAuthenticator(deps: Pick<ContextDeps, 'config' | 'sharedAuth'>): (authorization: string | undefined) => AuthStrategy {
  const tokens = deps.config.access.gatewayTokens;
  const presentsGatewayToken = tokens ? bearerMatcher(tokens) : null;
  return (authorization) => {
    const shared = deps.sharedAuth;
    if (!shared) {
      try {
        return new PassthroughAuth(authorization);
      } catch (error) {
        const message = error instanceof AtlasAuthError ? error.message : 'Unauthenticated.';
        throw unauthenticated(message);
      }
    }
    if (presentsGatewayToken && !presentsGatewayToken(authorization)) {
      throw unauthenticated('This gateway requires `Authorization: Bearer <gateway token>`.');
    }
    return shared;
  };
}

/**
 * Builds the per-request context factory. Callers are refused here, before anything else (unless the HTTP layer
 * already authenticated them with the same {@link createAuthenticator}): in passthrough mode without a bearer token,
 * in server-credential modes without one of `GATEWAY_TOKENS` (when set), both 401.
 */
export function createContextFactory(deps: ContextDeps): (req: ContextRequest) => Promise<Context> {
  const authenticate = createAuthenticator(deps);
  const allowedProjectIds = deps.config.access.allowedProjectIds ? new Set(deps.config.access.allowedProjectIds) : null;
  return async (req) => {
    const auth = req.auth ?? authenticate(req.authorization);
    const requestId = req.requestId ?? randomUUID();
    const resilience = deps.resilience;
    const signal = req.signal ?? AbortSignal.timeout(deps.config.timeouts.requestMs);
    const onUpstreamCall = deps.onUpstreamCall;
    const client = new AtlasClient({
      baseUrl: deps.config.atlasBaseUrl,
      dispatcher: deps.dispatcher,
      auth,
      timeouts: deps.config.timeouts,
      onCall: onUpstreamCall ? (event) => onUpstreamCall(event, requestId) : undefined,
      resilience,
      deadlineAt: resilience ? resilience.clock.now() + deps.config.timeouts.requestMs : undefined,
      allowedProjectIds,
      cache: deps.cache?.store ?? null,
      inFlight: deps.inFlight,
      onCoalesced: deps.onCoalesced,
      observer: req.freshness,
    });
    const sources = createSources(client, deps.config.apiVersion, deps.cache?.ttls ?? null);
    const loaders = createLoaders(sources, signal);
    const directory = new ClusterDirectory(client, deps.clusterKinds, signal);
    const router = new RestoreJobRouter(sources, loaders, directory);
    const snapshots = new SnapshotReader(client, directory, deps.cache?.ttls ?? null, signal);
    const store = deps.idempotency;
    const restores =
      store && deps.config.mutations !== false
        ? new RestoreService({ sources, router, store, identity: auth.identity, allowedProjectIds, signal, leaseMs: deps.config.timeouts.requestMs })
        : null;
    const projectJobs = new ProjectRestoreJobs({
      sources,
      loaders,
      clusters: (projectId) => directory.listProject(projectId),
      settings: deps.config.project ?? DEFAULT_PROJECT_VIEW,
      signal,
    });
    return { requestId, sources, loaders, router, snapshots, projectJobs, restores, signal, freshness: req.freshness };
  };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Whether an `Authorization` header carries `Bearer <one of the tokens>` (`GATEWAY_TOKENS`, `METRICS_TOKEN`). Hashing
 * first gives equal-length buffers for timingSafeEqual, and every token is compared (no early exit), so the time
 * taken says nothing about which bytes matched.
 */
export function bearerMatcher(tokens: readonly string[]): (authorization: string | undefined) => boolean {
  const digests = tokens.map(digest);
  return (authorization) => {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    const candidate = digest(presented ?? '');
    let match = false;
    for (const d of digests) match = timingSafeEqual(candidate, d) || match;
    return presented !== undefined && match;
  };
}
