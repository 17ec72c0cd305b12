import { createHash, randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ApiErrorWire, LinkWire, PaginatedWire } from '../atlas/wire';
import { DigestVerifier } from './digest';
import { createSeed, type SeedCluster, type SeedClusterKind, type SeedData } from './seed';

/** How the simulator authenticates callers. */
export type SimulatorAuth =
  | {
      mode: 'digest';
      publicKey: string;
      privateKey: string;
      /** After this many uses a nonce is stale (default 100). */
      nonceMaxUses?: number;
      /** A nonce older than this is stale (default 5 minutes). */
      nonceTtlMs?: number;
      /**
       * How far below the highest `nc` seen on a nonce an unseen `nc` is still accepted (default Infinity: any `nc` not
       * used before on that nonce; 0: strictly increasing). A repeated `nc` is always refused. Concurrent requests
       * sharing a nonce travel on separate sockets and arrive out of order, so only tests of the strict rule set 0.
       */
      ncWindow?: number;
    }
  | {
      mode: 'bearer';
      clientId: string;
      clientSecret: string;
      /** Lifetime of issued tokens (default 3600). */
      tokenTtlSeconds?: number;
      /** Extra static bearer tokens accepted (for passthrough tests). */
      acceptedTokens?: string[];
    };

/** Options of {@link AtlasSimulator}. */
export interface SimulatorOptions {
  /** Default: {@link createSeed}(). */
  seed?: SeedData;
  /** A fixed delay before every response (default 0). */
  latencyMs?: number;
  /** Default: none (no credentials checked). */
  auth?: SimulatorAuth;
}

/** One request the simulator served (token requests excluded). `status` is 0 while pending or when the socket was destroyed. */
export interface SimulatorCall {
  method: string;
  path: string;
  query: Record<string, string>;
  accept: string | undefined;
  authorization: string | undefined;
  status: number;
}

/** One injected misbehaviour, consulted before authentication and routing. */
export interface Fault {
  /** Which requests it applies to (default: every request, token requests included). */
  match?: (call: { method: string; path: string }) => boolean;
  /** How many matching requests it applies to (default 1; Infinity allowed). */
  times?: number;
  /** Reply with this status (default 500 when `body` or `headers` is set); the body defaults to an Atlas error body. */
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Wait this long first (a hang when large). With nothing else set, the request is then served normally. */
  delayMs?: number;
  /** Destroy the socket without a response (a connection reset). */
  destroy?: boolean;
  /** A slow body: send it `trickle.bytes` at a time, `trickle.intervalMs` apart (headers go at once). */
  trickle?: { bytes: number; intervalMs: number };
  /** A truncated body: announce the whole body's Content-Length, send this many bytes, then destroy the socket. */
  truncateAt?: number;
}

/** The versioned media types, one per resource (what v2 callers must send in `Accept`). */
export const SIMULATOR_MEDIA_TYPES: Record<SeedClusterKind, string> = {
  LEGACY_BACKUP: 'application/vnd.atlas.2023-01-01+json',
  SHARED_TIER: 'application/vnd.atlas.2023-01-01+json',
  FLEX: 'application/vnd.atlas.2024-11-13+json',
  SERVERLESS: 'application/vnd.atlas.2023-01-01+json',
  CLOUD_BACKUP: 'application/vnd.atlas.2023-01-01+json',
};

/** The versioned media types of the cluster lookups (atlas/successors.openapi.yaml). */
export const SIMULATOR_LOOKUP_MEDIA_TYPES = {
  cluster: 'application/vnd.atlas.2024-08-05+json',
  flexCluster: 'application/vnd.atlas.2024-11-13+json',
} as const;

/** The Atlas error codes the simulator answers with. */
export const SimulatorErrorCode = {
  InvalidGroupId: 'INVALID_GROUP_ID',
  InvalidQueryParameter: 'INVALID_QUERY_PARAMETER',
  NotServerlessTenantCluster: 'NOT_SERVERLESS_TENANT_CLUSTER',
  Unauthorized: 'UNAUTHORIZED',
  GroupNotFound: 'GROUP_NOT_FOUND',
  ClusterNotFound: 'CLUSTER_NOT_FOUND',
  FlexClusterNotFound: 'FLEX_CLUSTER_NOT_FOUND',
  ServerlessInstanceNotFound: 'SERVERLESS_INSTANCE_NOT_FOUND',
  RestoreJobNotFound: 'RESTORE_JOB_NOT_FOUND',
  BackupRestoreNotFound: 'BACKUP_RESTORE_NOT_FOUND',
  ResourceNotFound: 'RESOURCE_NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  InvalidVersionDate: 'INVALID_VERSION_DATE',
  UnexpectedError: 'UNEXPECTED_ERROR',
  VersionGone: 'VERSION_GONE',
  CannotUseFlexClusterInClusterApi: 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API',
  CannotUseNonFlexClusterInFlexApi: 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API',
  CannotUseServerlessInstanceInClusterApi: 'CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API',
  CannotUseClusterInServerlessInstanceApi: 'CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API',
  FeatureUnsupported: 'FEATURE_UNSUPPORTED',
} as const;

type ApiVersion = 'v2' | 'v1.0';

interface Route {
  kind: SeedClusterKind;
  pattern: RegExp;
  /** Whether the list takes pageNum/itemsPerPage/includeCount (the shared-tier list does not). */
  paged: boolean;
  jobNotFound: string;
}

const ROUTES: Route[] = [
  {
    kind: 'SHARED_TIER',
    pattern: /^\/api\/atlas\/(v2|v1\.0)\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/tenant\/restores(?:\/([^/]+))?$/,
    paged: false,
    jobNotFound: SimulatorErrorCode.BackupRestoreNotFound,
  },
  {
    kind: 'LEGACY_BACKUP',
    pattern: /^\/api\/atlas\/(v2|v1\.0)\/groups\/([^/]+)\/clusters\/([^/]+)\/restoreJobs(?:\/([^/]+))?$/,
    paged: true,
    jobNotFound: SimulatorErrorCode.RestoreJobNotFound,
  },
  {
    kind: 'FLEX',
    pattern: /^\/api\/atlas\/(v2)\/groups\/([^/]+)\/flexClusters\/([^/]+)\/backup\/restoreJobs(?:\/([^/]+))?$/,
    paged: true,
    jobNotFound: SimulatorErrorCode.RestoreJobNotFound,
  },
  {
    kind: 'SERVERLESS',
    pattern: /^\/api\/atlas\/(v2|v1\.0)\/groups\/([^/]+)\/serverless\/([^/]+)\/backup\/restoreJobs(?:\/([^/]+))?$/,
    paged: true,
    jobNotFound: SimulatorErrorCode.RestoreJobNotFound,
  },
  {
    kind: 'CLOUD_BACKUP',
    pattern: /^\/api\/atlas\/(v2)\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/restoreJobs(?:\/([^/]+))?$/,
    paged: true,
    jobNotFound: SimulatorErrorCode.RestoreJobNotFound,
  },
];

/** The cluster lookups: one cluster (clusters API) and one flex cluster (flex API), v2 only. */
const LOOKUP_ROUTES: { lookup: keyof typeof SIMULATOR_LOOKUP_MEDIA_TYPES; pattern: RegExp }[] = [
  { lookup: 'cluster', pattern: /^\/api\/atlas\/v2\/groups\/([^/]+)\/clusters\/([^/]+)$/ },
  { lookup: 'flexCluster', pattern: /^\/api\/atlas\/v2\/groups\/([^/]+)\/flexClusters\/([^/]+)$/ },
];

const TOKEN_PATH = '/api/oauth/token';
const OBJECT_ID = /^[a-f0-9]{24}$/;
const MAX_TIMER_MS = 2_147_483_647;

interface StoredFault extends Fault {
  remaining: number;
}

interface Paging {
  pageNum: number;
  itemsPerPage: number;
  includeCount: boolean;
}

type Job = { id?: string; batchId?: string };

/** Thrown inside request handling to answer with an Atlas error body. */
class SimulatedApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${errorCode}`);
  }
}

/**
 * An embedded imitation of the MongoDB Atlas Admin API for the five restore-job kinds and the cluster lookups: a real
 * HTTP server on loopback (demo mode's upstream, and the upstream of integration tests). It checks versioned `Accept`
 * headers, pages like Atlas, answers with Atlas error bodies and codes, models the 2026 sunsets (migrated clusters'
 * old APIs answer as retired), optionally requires Digest or OAuth2 bearer auth, and can be told to misbehave
 * ({@link Fault}).
 */
export class AtlasSimulator {
  /** Every request served (token requests excluded), in arrival order. */
  readonly calls: SimulatorCall[] = [];
  readonly seed: SeedData;
  private tokenRequestCount = 0;
  private readonly faults: StoredFault[] = [];
  private readonly digest: DigestVerifier | null;
  private readonly tokens = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private readonly pendingWaits = new Set<() => void>();
  private server: Server | null = null;
  private baseUrl = '';
  private latencyMs: number;
  private peakIdentical = 0;
  private readonly identicalInFlight = new Map<string, number>();

  /** Changes the fixed latency of every answer from now on. */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  constructor(private readonly options: SimulatorOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.seed = options.seed ?? createSeed();
    const auth = options.auth;
    this.digest =
      auth?.mode === 'digest'
        ? new DigestVerifier({
            publicKey: auth.publicKey,
            privateKey: auth.privateKey,
            ...(auth.nonceMaxUses !== undefined ? { nonceMaxUses: auth.nonceMaxUses } : {}),
            ...(auth.nonceTtlMs !== undefined ? { nonceTtlMs: auth.nonceTtlMs } : {}),
            ...(auth.ncWindow !== undefined ? { ncWindow: auth.ncWindow } : {}),
          })
        : null;
  }

  /** `POST /api/oauth/token` requests received (bearer mode). */
  get tokenRequests(): number {
    return this.tokenRequestCount;
  }

  /** 401s sent with a Digest challenge (digest mode). */
  get digestChallenges(): number {
    return this.digest?.challenges ?? 0;
  }

  /** The base URL once started, e.g. `http://127.0.0.1:40123`. */
  get url(): string {
    return this.baseUrl;
  }

  /** Listens (port 0 = ephemeral) and resolves the base URL. */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.server) throw new Error('AtlasSimulator is already started.');
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) {
          this.writeError(res, null, new SimulatedApiError(500, SimulatorErrorCode.UnexpectedError, 'Unexpected error.'));
        } else {
          res.destroy();
        }
      });
    });
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    this.baseUrl = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    return this.baseUrl;
  }

  /** Stops listening and closes every socket, keep-alive ones and hung requests included. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const cancel of [...this.pendingWaits]) cancel();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  /** Forgets the recorded calls and the token request count. */
  resetCalls(): void {
    this.calls.length = 0;
    this.tokenRequestCount = 0;
    this.peakIdentical = 0;
  }

  /**
   * The most identical requests (same method, URL, Accept and Authorization) this simulator was answering at one
   * moment since the last resetCalls: 1 means no request was ever sent while its twin was in flight.
   */
  get peakIdenticalInFlight(): number {
    return this.peakIdentical;
  }

  /** Adds a fault; faults are consulted in the order added. */
  inject(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** Removes every fault. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const url = new URL(target, 'http://simulator.invalid');
    const path = url.pathname;
    const isTokenRequest = path === TOKEN_PATH && this.options.auth?.mode === 'bearer';
    const call: SimulatorCall = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      accept: req.headers.accept,
      authorization: req.headers.authorization,
      status: 0,
    };
    if (isTokenRequest) this.tokenRequestCount += 1;
    else {
      this.calls.push(call);
      const twin = `${method} ${target} ${call.accept ?? ''} ${call.authorization ?? ''}`;
      const now = (this.identicalInFlight.get(twin) ?? 0) + 1;
      this.identicalInFlight.set(twin, now);
      this.peakIdentical = Math.max(this.peakIdentical, now);
      res.once('close', () => {
        const left = (this.identicalInFlight.get(twin) ?? 1) - 1;
        if (left === 0) this.identicalInFlight.delete(twin);
        else this.identicalInFlight.set(twin, left);
      });
    }

    const body = isTokenRequest ? await readBody(req) : (req.resume(), '');
    if (this.latencyMs && !(await this.wait(this.latencyMs, res))) return;

    const fault = this.takeFault(method, path);
    if (fault) {
      if (fault.delayMs && !(await this.wait(fault.delayMs, res))) return;
      if (fault.destroy) {
        req.socket.destroy();
        return;
      }
      if (fault.status !== undefined || fault.body !== undefined || fault.headers !== undefined) {
        if (fault.trickle || fault.truncateAt !== undefined) await this.writeBrokenFault(res, isTokenRequest ? null : call, fault);
        else this.writeFault(res, isTokenRequest ? null : call, fault);
        return;
      }
    }

    try {
      if (isTokenRequest) {
        this.handleToken(req, res, body);
        return;
      }
      this.authenticate(method, target, req.headers.authorization);
      this.route(method, path, url.searchParams, target, req.headers.accept, res, call);
    } catch (error) {
      if (!(error instanceof SimulatedApiError)) throw error;
      this.writeError(res, call, error);
    }
  }

  private takeFault(method: string, path: string): StoredFault | null {
    for (const [index, fault] of this.faults.entries()) {
      if (fault.remaining <= 0) continue;
      if (fault.match && !fault.match({ method, path })) continue;
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.splice(index, 1);
      return fault;
    }
    return null;
  }

  /** Resolves true after `ms`, or false as soon as the response closes or the simulator stops. */
  private wait(ms: number, res: ServerResponse): Promise<boolean> {
    if (res.destroyed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const finish = (ok: boolean): void => {
        if (timer) clearTimeout(timer);
        this.pendingWaits.delete(cancel);
        res.off('close', cancel);
        resolve(ok);
      };
      const cancel = (): void => finish(false);
      // NOTE: setTimeout treats delays above 2^31-1 ms (and Infinity) as 1 ms; those are hangs, so no timer at all.
      const timer = Number.isFinite(ms) && ms <= MAX_TIMER_MS ? setTimeout(() => finish(true), ms) : null;
      this.pendingWaits.add(cancel);
      res.on('close', cancel);
    });
  }

  private authenticate(method: string, target: string, authorization: string | undefined): void {
    const auth = this.options.auth;
    if (!auth) return;
    if (auth.mode === 'digest') {
      const verdict = this.digest!.verify(method, target, authorization);
      if (verdict.ok) return;
      throw new SimulatedApiError(401, SimulatorErrorCode.Unauthorized, 'You are not authorized for this resource.', {
        'WWW-Authenticate': this.digest!.challenge(verdict.stale),
      });
    }
    const token = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (token !== undefined) {
      if (auth.acceptedTokens?.includes(token)) return;
      const expiresAt = this.tokens.get(token);
      if (expiresAt !== undefined && Date.now() < expiresAt) return;
    }
    throw new SimulatedApiError(401, SimulatorErrorCode.Unauthorized, 'You are not authorized for this resource.', {
      'WWW-Authenticate': 'Bearer realm="MMS Public API"',
    });
  }

  private handleToken(req: IncomingMessage, res: ServerResponse, body: string): void {
    const auth = this.options.auth;
    if (auth?.mode !== 'bearer') throw new Error('token endpoint outside bearer mode');
    if (req.method !== 'POST') {
      throw new SimulatedApiError(405, SimulatorErrorCode.MethodNotAllowed, 'The token endpoint takes POST only.', { Allow: 'POST' });
    }
    const client = parseBasic(req.headers.authorization);
    if (!client || client.id !== auth.clientId || client.secret !== auth.clientSecret) {
      this.writeJson(res, null, 401, { error: 'invalid_client' }, 'application/json', { 'WWW-Authenticate': 'Basic realm="MMS Public API"' });
      return;
    }
    const grantType = new URLSearchParams(body).get('grant_type');
    if (grantType !== 'client_credentials') {
      this.writeJson(res, null, 400, { error: grantType === null ? 'invalid_request' : 'unsupported_grant_type' }, 'application/json');
      return;
    }
    const now = Date.now();
    for (const [token, expiresAt] of this.tokens) if (expiresAt <= now) this.tokens.delete(token);
    const ttl = auth.tokenTtlSeconds ?? 3600;
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, now + ttl * 1000);
    this.writeJson(res, null, 200, { access_token: token, token_type: 'Bearer', expires_in: ttl }, 'application/json', {
      'Cache-Control': 'no-store',
    });
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    target: string,
    accept: string | undefined,
    res: ServerResponse,
    call: SimulatorCall,
  ): void {
    for (const lookup of LOOKUP_ROUTES) {
      const found = lookup.pattern.exec(path);
      if (!found) continue;
      if (method !== 'GET') {
        throw new SimulatedApiError(405, SimulatorErrorCode.MethodNotAllowed, `Method ${method} is not allowed on ${path}.`, { Allow: 'GET' });
      }
      const mediaType = SIMULATOR_LOOKUP_MEDIA_TYPES[lookup.lookup];
      if (!acceptable(accept, 'v2', mediaType)) {
        throw new SimulatedApiError(406, SimulatorErrorCode.InvalidVersionDate, 'Invalid accept header or version date.');
      }
      const groupId = decodeSegment(found[1]!, path);
      const name = decodeSegment(found[2]!, path);
      if (!OBJECT_ID.test(groupId)) {
        throw new SimulatedApiError(400, SimulatorErrorCode.InvalidGroupId, `An invalid group ID ${groupId} was specified.`);
      }
      const body = lookup.lookup === 'cluster' ? this.describeCluster(groupId, name) : this.describeFlexCluster(groupId, name);
      this.writeJson(res, call, 200, body, mediaType, {}, query.get('pretty') === 'true');
      return;
    }
    let route: Route | undefined;
    let m: RegExpExecArray | null = null;
    for (const candidate of ROUTES) {
      m = candidate.pattern.exec(path);
      if (m) {
        route = candidate;
        break;
      }
    }
    if (!route || !m) throw new SimulatedApiError(404, SimulatorErrorCode.ResourceNotFound, `Cannot find resource ${path}.`);
    if (method !== 'GET') {
      throw new SimulatedApiError(405, SimulatorErrorCode.MethodNotAllowed, `Method ${method} is not allowed on ${path}.`, { Allow: 'GET' });
    }
    const version = m[1] as ApiVersion;
    const mediaType = SIMULATOR_MEDIA_TYPES[route.kind];
    if (!acceptable(accept, version, mediaType)) {
      throw new SimulatedApiError(406, SimulatorErrorCode.InvalidVersionDate, 'Invalid accept header or version date.');
    }
    const groupId = decodeSegment(m[2]!, path);
    const clusterName = decodeSegment(m[3]!, path);
    const jobId = m[4] === undefined ? undefined : decodeSegment(m[4], path);
    if (!OBJECT_ID.test(groupId)) {
      throw new SimulatedApiError(400, SimulatorErrorCode.InvalidGroupId, `An invalid group ID ${groupId} was specified.`);
    }
    const paging = jobId === undefined && route.paged ? parsePaging(query) : null;
    const batchId = jobId === undefined && route.kind === 'LEGACY_BACKUP' ? query.get('batchId') : null;
    if (batchId !== null && !OBJECT_ID.test(batchId)) {
      throw invalidQuery('batchId', batchId, 'a 24-hexadecimal digit string');
    }

    const jobs = this.jobsOf(route.kind, groupId, clusterName);
    const contentType = version === 'v2' ? mediaType : 'application/json';
    const pretty = query.get('pretty') === 'true';
    if (jobId !== undefined) {
      const job = jobs.find((candidate) => candidate.id === jobId);
      if (!job) throw new SimulatedApiError(404, route.jobNotFound, `No restore job with ID ${jobId} exists in ${clusterName}.`);
      this.writeJson(res, call, 200, job, contentType, {}, pretty);
      return;
    }

    const self: LinkWire = { href: `${this.baseUrl}${target}`, rel: 'self' };
    if (!paging) {
      // NOTE: the shared-tier list has no paging: it returns every job, ignores pageNum/itemsPerPage/includeCount, and
      // always carries totalCount.
      const body: PaginatedWire<Job> = { links: [self], results: jobs, totalCount: jobs.length };
      this.writeJson(res, call, 200, body, contentType, {}, pretty);
      return;
    }
    const selected = batchId === null ? jobs : jobs.filter((job) => job.batchId === batchId);
    const start = (paging.pageNum - 1) * paging.itemsPerPage;
    const links: LinkWire[] = [self];
    if (paging.pageNum > 1) links.push({ href: this.pageHref(path, query, paging.pageNum - 1), rel: 'previous' });
    if (start + paging.itemsPerPage < selected.length) links.push({ href: this.pageHref(path, query, paging.pageNum + 1), rel: 'next' });
    const body: PaginatedWire<Job> = {
      links,
      results: selected.slice(start, start + paging.itemsPerPage),
      ...(paging.includeCount ? { totalCount: selected.length } : {}),
    };
    this.writeJson(res, call, 200, body, contentType, {}, pretty);
  }

  private clusterOf(groupId: string, clusterName: string): SeedCluster | undefined {
    const project = this.seed.projects.find((p) => p.id === groupId);
    if (!project) throw new SimulatedApiError(404, SimulatorErrorCode.GroupNotFound, `No group with ID ${groupId} exists.`);
    return project.clusters.find((c) => c.name === clusterName);
  }

  /**
   * The jobs of one cluster, or the Atlas error for a project or cluster that is missing, of another kind, or migrated
   * away from this API. NOTE: the successors spec lists no error codes for these cases; the codes are the ones Atlas
   * documents in its error-code list (CANNOT_USE_*, VERSION_GONE from the spec's `gone` response).
   */
  private jobsOf(kind: SeedClusterKind, groupId: string, clusterName: string): Job[] {
    const cluster = this.clusterOf(groupId, clusterName);
    const dedicated = cluster?.kind === 'LEGACY_BACKUP' || cluster?.kind === 'CLOUD_BACKUP';
    switch (kind) {
      case 'LEGACY_BACKUP':
        // A cluster of any other kind has no legacy backup: Atlas says it is not found.
        if (cluster?.kind !== 'LEGACY_BACKUP') throw clusterNotFound(clusterName, groupId);
        return cluster.legacy ?? [];
      case 'SHARED_TIER':
        if (cluster?.formerKind === 'SHARED_TIER') throw versionGone();
        if (dedicated) {
          throw new SimulatedApiError(
            400,
            SimulatorErrorCode.NotServerlessTenantCluster,
            `Cluster ${clusterName} is not a shared-tier (M2/M5) cluster.`,
          );
        }
        if (cluster?.kind === 'FREE') throw noBackupOnFree(clusterName);
        if (cluster?.kind !== 'SHARED_TIER') throw clusterNotFound(clusterName, groupId);
        return cluster.tenant ?? [];
      case 'FLEX':
        if (dedicated || cluster?.kind === 'FREE') throw nonFlexInFlexApi(clusterName);
        if (cluster?.kind !== 'FLEX') throw flexClusterNotFound(clusterName, groupId);
        return cluster.flex ?? [];
      case 'SERVERLESS':
        if (cluster?.formerKind === 'SERVERLESS' || dedicated || cluster?.kind === 'FREE') {
          throw new SimulatedApiError(
            400,
            SimulatorErrorCode.CannotUseClusterInServerlessInstanceApi,
            `Cluster ${clusterName} is a cluster, not a serverless instance: use the cluster API.`,
          );
        }
        if (cluster?.kind !== 'SERVERLESS') {
          throw new SimulatedApiError(
            404,
            SimulatorErrorCode.ServerlessInstanceNotFound,
            `No serverless instance named ${clusterName} exists in group ${groupId}.`,
          );
        }
        return cluster.serverless ?? [];
      case 'CLOUD_BACKUP':
        if (cluster?.kind === 'FLEX') throw flexInClusterApi(clusterName);
        if (cluster?.kind === 'SERVERLESS') throw serverlessInClusterApi(clusterName);
        if (cluster?.kind === 'FREE' || cluster?.kind === 'SHARED_TIER') throw noBackupOnFree(clusterName);
        // A cluster still on Legacy Backup has no Cloud Backup jobs.
        if (dedicated) return cluster.cloudBackup ?? [];
        throw clusterNotFound(clusterName, groupId);
    }
  }

  /** `GET /groups/{groupId}/clusters/{clusterName}`: a `ClusterDescription20240805` (trimmed as in the spec's cut). */
  private describeCluster(groupId: string, clusterName: string): Record<string, unknown> {
    const cluster = this.clusterOf(groupId, clusterName);
    if (!cluster) throw clusterNotFound(clusterName, groupId);
    if (cluster.kind === 'FLEX') throw flexInClusterApi(clusterName);
    if (cluster.kind === 'SERVERLESS') throw serverlessInClusterApi(clusterName);
    const d = cluster.description ?? {};
    const tenant = cluster.kind === 'SHARED_TIER' || cluster.kind === 'FREE';
    const instanceSize = d.instanceSize ?? (cluster.kind === 'FREE' ? 'M0' : tenant ? 'M2' : 'M30');
    const clusterType = d.clusterType ?? 'REPLICASET';
    const shards = clusterType === 'REPLICASET' ? 1 : (d.shards ?? 2);
    const electableSpecs = tenant
      ? { effectiveInstanceSize: instanceSize, instanceSize }
      : { instanceSize, nodeCount: 3 };
    return {
      backupEnabled: d.backupEnabled ?? cluster.kind !== 'LEGACY_BACKUP',
      clusterType,
      createDate: '2024-01-02T03:04:05Z',
      groupId,
      id: stableId(`cluster:${groupId}:${clusterName}`),
      links: [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${groupId}/clusters/${clusterName}`, rel: 'self' }],
      mongoDBVersion: '8.0.4',
      name: clusterName,
      paused: false,
      pitEnabled: d.pitEnabled ?? false,
      replicationSpecs: Array.from({ length: shards }, (_, i) => ({
        id: stableId(`spec:${groupId}:${clusterName}:${i}`),
        regionConfigs: [{ electableSpecs, priority: 7, providerName: tenant ? 'TENANT' : (d.providerName ?? 'AWS') }],
        zoneId: stableId(`zone:${groupId}:${clusterName}`),
        zoneName: 'Zone 1',
      })),
      stateName: 'IDLE',
      terminationProtectionEnabled: false,
    };
  }

  /** `GET /groups/{groupId}/flexClusters/{name}`: a `FlexClusterDescription20241113` (trimmed as in the spec's cut). */
  private describeFlexCluster(groupId: string, name: string): Record<string, unknown> {
    const cluster = this.clusterOf(groupId, name);
    if (cluster?.kind === 'LEGACY_BACKUP' || cluster?.kind === 'CLOUD_BACKUP' || cluster?.kind === 'FREE') throw nonFlexInFlexApi(name);
    if (cluster?.kind !== 'FLEX') throw flexClusterNotFound(name, groupId);
    return {
      backupSettings: { enabled: true },
      clusterType: 'REPLICASET',
      createDate: '2025-02-01T00:00:00Z',
      groupId,
      id: stableId(`flex:${groupId}:${name}`),
      links: [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${groupId}/flexClusters/${name}`, rel: 'self' }],
      mongoDBVersion: '8.0.4',
      name,
      providerSettings: { backingProviderName: 'AWS', diskSizeGB: 5, providerName: 'FLEX', regionName: 'US_EAST_1' },
      stateName: 'IDLE',
      terminationProtectionEnabled: false,
    };
  }

  private pageHref(path: string, query: URLSearchParams, pageNum: number): string {
    const next = new URLSearchParams(query);
    next.set('pageNum', String(pageNum));
    return `${this.baseUrl}${path}?${next.toString()}`;
  }

  private writeFault(res: ServerResponse, call: SimulatorCall | null, fault: Fault): void {
    const status = fault.status ?? 500;
    const body = fault.body ?? JSON.stringify(errorBody(status, faultErrorCode(status), 'Simulated fault.'));
    const headers: Record<string, string> = { ...fault.headers };
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    this.write(res, call, status, body, headers);
  }

  /** A fault whose body trickles or stops short (status and headers as in writeFault). */
  private async writeBrokenFault(res: ServerResponse, call: SimulatorCall | null, fault: Fault): Promise<void> {
    const status = fault.status ?? 500;
    const body = Buffer.from(fault.body ?? JSON.stringify(errorBody(status, faultErrorCode(status), 'Simulated fault.')));
    if (res.destroyed || res.headersSent) return;
    if (call) call.status = status;
    res.writeHead(status, { 'Content-Type': 'application/json', ...fault.headers, 'Content-Length': body.length });
    const end = fault.truncateAt === undefined ? body.length : Math.min(fault.truncateAt, body.length);
    const step = fault.trickle ? Math.max(1, fault.trickle.bytes) : end;
    for (let offset = 0; offset < end; offset += step) {
      if (offset > 0 && fault.trickle && !(await this.wait(fault.trickle.intervalMs, res))) return;
      const chunk = body.subarray(offset, Math.min(offset + step, end));
      await new Promise<void>((resolve) => res.write(chunk, () => resolve()));
    }
    // Destroyed only once the bytes are written, so the client sees a body that stops short, not a reset.
    if (fault.truncateAt === undefined) res.end();
    else res.destroy();
  }

  private writeError(res: ServerResponse, call: SimulatorCall | null, error: SimulatedApiError): void {
    this.writeJson(res, call, error.status, errorBody(error.status, error.errorCode, error.detail), 'application/json', error.headers);
  }

  private writeJson(
    res: ServerResponse,
    call: SimulatorCall | null,
    status: number,
    value: unknown,
    contentType: string,
    headers: Record<string, string> = {},
    pretty = false,
  ): void {
    this.write(res, call, status, JSON.stringify(value, null, pretty ? 2 : undefined), { 'Content-Type': contentType, ...headers });
  }

  private write(res: ServerResponse, call: SimulatorCall | null, status: number, body: string, headers: Record<string, string>): void {
    if (res.destroyed || res.headersSent) return;
    if (call) call.status = status;
    res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }
}

function errorBody(status: number, errorCode: string, detail: string): ApiErrorWire {
  return { detail, error: status, errorCode, reason: STATUS_CODES[status] ?? 'Error' };
}

function faultErrorCode(status: number): string {
  switch (status) {
    case 429:
      return 'RATE_LIMITED';
    case 500:
      return SimulatorErrorCode.UnexpectedError;
    case 502:
      return 'BAD_GATEWAY';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    case 504:
      return 'GATEWAY_TIMEOUT';
    default:
      return 'SIMULATED_FAULT';
  }
}

function clusterNotFound(clusterName: string, groupId: string): SimulatedApiError {
  return new SimulatedApiError(404, SimulatorErrorCode.ClusterNotFound, `No cluster named ${clusterName} exists in group ${groupId}.`);
}

function flexClusterNotFound(name: string, groupId: string): SimulatedApiError {
  return new SimulatedApiError(404, SimulatorErrorCode.FlexClusterNotFound, `Flex cluster ${name} cannot be found in group ${groupId}.`);
}

/** The spec's `gone` response body, verbatim. */
function versionGone(): SimulatedApiError {
  return new SimulatedApiError(410, SimulatorErrorCode.VersionGone, 'This happens when a resource is marked for sunset and the sunset date is in the past.');
}

function flexInClusterApi(name: string): SimulatedApiError {
  return new SimulatedApiError(400, SimulatorErrorCode.CannotUseFlexClusterInClusterApi, `Cluster ${name} is a flex cluster: use the flex cluster API.`);
}

function nonFlexInFlexApi(name: string): SimulatedApiError {
  return new SimulatedApiError(400, SimulatorErrorCode.CannotUseNonFlexClusterInFlexApi, `Cluster ${name} is not a flex cluster: use the cluster API.`);
}

function serverlessInClusterApi(name: string): SimulatedApiError {
  return new SimulatedApiError(
    400,
    SimulatorErrorCode.CannotUseServerlessInstanceInClusterApi,
    `${name} is a serverless instance: use the serverless instance API.`,
  );
}

function noBackupOnFree(name: string): SimulatedApiError {
  return new SimulatedApiError(400, SimulatorErrorCode.FeatureUnsupported, `Cloud Backup is not available for the tenant cluster ${name}.`);
}

/** A deterministic 24-hex id for a seed resource that has none of its own. */
function stableId(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 24);
}

function invalidQuery(name: string, value: string, expected: string): SimulatedApiError {
  return new SimulatedApiError(
    400,
    SimulatorErrorCode.InvalidQueryParameter,
    `Invalid value "${value}" for query parameter ${name}: expected ${expected}.`,
  );
}

function decodeSegment(segment: string, path: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new SimulatedApiError(404, SimulatorErrorCode.ResourceNotFound, `Cannot find resource ${path}.`);
  }
}

/** `pageNum` (>= 1, default 1), `itemsPerPage` (1..500, default 100), `includeCount` (default true). */
function parsePaging(query: URLSearchParams): Paging {
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const value = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw invalidQuery(name, raw, max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`);
    }
    return value;
  };
  const pageNum = integer('pageNum', 1, 1, Number.MAX_SAFE_INTEGER);
  const itemsPerPage = integer('itemsPerPage', 100, 1, 500);
  const rawCount = query.get('includeCount');
  if (rawCount !== null && rawCount !== 'true' && rawCount !== 'false') throw invalidQuery('includeCount', rawCount, 'true or false');
  return { pageNum, itemsPerPage, includeCount: rawCount !== 'false' };
}

/**
 * v2: the resource's exact versioned media type must be among the listed types (parameters such as `q` ignored).
 * v1.0: no `Accept`, `application/json`, `application/*` or `*` + `/*`.
 */
function acceptable(accept: string | undefined, version: ApiVersion, mediaType: string): boolean {
  const types = (accept ?? '')
    .split(',')
    .map((part) => part.split(';')[0]!.trim().toLowerCase())
    .filter((type) => type !== '');
  if (version === 'v2') return types.includes(mediaType);
  return types.length === 0 || types.some((type) => type === 'application/json' || type === 'application/*' || type === '*/*');
}

/** HTTP Basic client authentication; the id and secret are form-urlencoded first (RFC 6749 section 2.3.1). */
function parseBasic(header: string | undefined): { id: string; secret: string } | null {
  const encoded = /^\s*Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const formDecode = (s: string): string => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
