import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { clusterJobs, restoreRunningOnto } from './clusterJobs';
import { clusterListAnswer, seededFault } from './clusterLists';
import { InFlightCounter } from './inFlight';
import { answerClusterLookup } from './clusters';
import { createDemoSeed } from './demoSeed';
import { DigestVerifier } from './digest';
import { errorBody, methodNotAllowed, SimulatedApiError, SimulatorErrorCode } from './errors';
import { faultAnswer, FaultQueue, faultReplies, type Fault } from './faults';
import { checkAccept, checkContentType, checkGroupId, decodeSegment, parseBasic, parsedOrText, readBody, type ApiRequest, type ApiVersion } from './http';
import { JobLedger } from './JobLedger';
import type { WriteContext } from './kinds/SimulatedKind';
import { listPage, parseListQuery } from './reads';
import { matchApiRoute } from './routes';
import type { SeedData } from './SeedData';
import { answerSnapshotRead } from './snapshotLists';
import { SnapshotStore } from './SnapshotStore';

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
  /** Default: {@link createDemoSeed}() (demo mode's Atlas; tests pass test/support/seeds' `createTestSeed()`). */
  seed?: SeedData;
  /**
   * How long Atlas takes to answer (default 0). A read (GET) is answered this long after it arrives, its answer built
   * meanwhile, as on a server of its own; a write, a token request and a read that meets a fault wait this long first.
   */
  latencyMs?: number;
  /** Default: none (no credentials checked). */
  auth?: SimulatorAuth;
  /**
   * How long a created restore job stays in each state before the next (default 5,000 ms): a flex job is PENDING,
   * QUEUED, RUNNING, then COMPLETED 3 steps after its creation; a Cloud Backup or serverless job finishes after 1 step,
   * a legacy one after 2. Computed from the clock on every read; 0 finishes jobs at once.
   */
  jobStepMs?: number;
  /** The simulator's clock (default `Date.now`): creation times, job progress and token expiry. Tests inject their own. */
  now?: () => number;
}

/**
 * One request the simulator served (token requests excluded). `status` is 0 while pending or when no response was
 * sent (the socket was destroyed).
 */
export interface SimulatorCall {
  method: string;
  path: string;
  query: Record<string, string>;
  accept: string | undefined;
  authorization: string | undefined;
  status: number;
  /** The request's `Content-Type` (writes). */
  contentType?: string;
  /** The request body of a write: parsed JSON, or the text when it is not JSON. Absent when there was none. */
  body?: unknown;
  /** The status a request had when its answer was destroyed after handling (`Fault.afterHandling`). */
  unsentStatus?: number;
}

const TOKEN_PATH = '/api/oauth/token';
const MAX_TIMER_MS = 2_147_483_647;
const DEFAULT_JOB_STEP_MS = 5_000;

/** One request being answered: where its answer goes and what is recorded of it. */
interface Exchange {
  res: ServerResponse;
  /** Null for token requests (not recorded). */
  call: SimulatorCall | null;
  /** Destroy the socket instead of answering (`Fault.afterHandling`). */
  dropAnswer?: boolean;
  /** When the answer may leave (`performance.now()` time): a read's latency, waited out after its answer is built. */
  sendAt?: number;
}

/**
 * An embedded imitation of the MongoDB Atlas Admin API for the five restore-job kinds and the cluster lookups: a real
 * HTTP server on loopback (demo mode's upstream, and the upstream of integration tests). It checks versioned `Accept`
 * headers, pages like Atlas, answers with Atlas error bodies and codes, models the 2026 sunsets (migrated clusters'
 * old APIs answer as retired), optionally requires Digest or OAuth2 bearer auth, and can be told to misbehave
 * ({@link Fault}). Per-kind behaviour lives in kinds/, the data in {@link SeedData}.
 */
export class AtlasSimulator {
  /** Every request served (token requests excluded), in arrival order. */
  readonly calls: SimulatorCall[] = [];
  readonly seed: SeedData;
  /** The backup snapshots restores start from, per cluster (derived from the seed on first use; editable). */
  readonly snapshots: SnapshotStore;
  /** The restore jobs created through the API, newest first; their bodies follow the clock. */
  readonly jobs: JobLedger;
  private readonly now: () => number;
  private tokenRequestCount = 0;
  private readonly faults = new FaultQueue();
  private readonly digest: DigestVerifier | null;
  private readonly tokens = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private readonly pendingWaits = new Set<() => void>();
  private server: Server | null = null;
  private baseUrl = '';
  private latencyMs: number;
  private readonly inFlight = new InFlightCounter();

  /** Changes the fixed latency of every answer from now on. */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  constructor(private readonly options: SimulatorOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.seed = options.seed ?? createDemoSeed();
    this.snapshots = new SnapshotStore(this.seed);
    this.jobs = new JobLedger(options.jobStepMs ?? DEFAULT_JOB_STEP_MS);
    this.now = options.now ?? Date.now;
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
          this.writeError({ res, call: null }, new SimulatedApiError(500, SimulatorErrorCode.UnexpectedError, 'Unexpected error.'));
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
    this.inFlight.reset();
  }

  /** The most requests (token requests aside) this simulator was answering at one moment since the last resetCalls. */
  get peakInFlight(): number {
    return this.inFlight.peak;
  }

  /**
   * The most identical requests (same method, URL, Accept and Authorization) this simulator was answering at one
   * moment since the last resetCalls: 1 means no request was ever sent while its twin was in flight.
   */
  get peakIdenticalInFlight(): number {
    return this.inFlight.peakIdentical;
  }

  /** Adds a fault; faults are consulted in the order added. */
  inject(fault: Fault): void {
    this.faults.inject(fault);
  }

  /** Removes every fault. */
  clearFaults(): void {
    this.faults.clear();
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
      ...(req.headers['content-type'] !== undefined ? { contentType: req.headers['content-type'] } : {}),
    };
    if (isTokenRequest) this.tokenRequestCount += 1;
    else this.trackInFlight(call, target, res);
    const exchange: Exchange = { res, call: isTokenRequest ? null : call };

    const body = isTokenRequest || (method !== 'GET' && method !== 'HEAD') ? await readBody(req) : (req.resume(), '');
    if (!isTokenRequest && body !== '') call.body = parsedOrText(body);
    // NOTE: a read builds its answer during its latency rather than after it, so that N reads arriving together take
    // the latency, not the latency plus N answers built one after another (the simulator has one thread; Atlas does not).
    const buildsAhead = method === 'GET' && this.latencyMs > 0;
    if (buildsAhead) exchange.sendAt = performance.now() + this.latencyMs;
    else if (this.latencyMs && !(await this.wait(this.latencyMs, res))) return;

    const fault = this.faults.take(method, path, req.headers.authorization) ?? seededFault(this.seed, method, path);
    if (fault) {
      if (buildsAhead && !(await this.wait(exchange.sendAt! - performance.now(), res))) return;
      delete exchange.sendAt;
      if (fault.delayMs && !(await this.wait(fault.delayMs, res))) return;
      if (fault.afterHandling === 'destroy') exchange.dropAnswer = true;
      else if (fault.destroy) {
        req.socket.destroy();
        return;
      } else if (faultReplies(fault)) {
        if (fault.trickle || fault.truncateAt !== undefined) await this.writeBrokenFault(exchange, fault);
        else this.writeFault(exchange, fault);
        return;
      }
    }

    try {
      if (isTokenRequest) {
        this.handleToken(req, res, body);
        return;
      }
      this.authenticate(method, target, req.headers.authorization);
      this.route(exchange, { method, path, query: url.searchParams, target, accept: req.headers.accept, contentType: req.headers['content-type'], body });
    } catch (error) {
      if (!(error instanceof SimulatedApiError)) throw error;
      this.writeError(exchange, error);
    }
  }

  /** Records the call and counts it (and its identical twins) in flight (see {@link peakIdenticalInFlight}). */
  private trackInFlight(call: SimulatorCall, target: string, res: ServerResponse): void {
    this.calls.push(call);
    this.inFlight.enter(`${call.method} ${target} ${call.accept ?? ''} ${call.authorization ?? ''}`, res);
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
      if (expiresAt !== undefined && this.now() < expiresAt) return;
    }
    throw new SimulatedApiError(401, SimulatorErrorCode.Unauthorized, 'You are not authorized for this resource.', {
      'WWW-Authenticate': 'Bearer realm="MMS Public API"',
    });
  }

  private handleToken(req: IncomingMessage, res: ServerResponse, body: string): void {
    const auth = this.options.auth;
    if (auth?.mode !== 'bearer') throw new Error('token endpoint outside bearer mode');
    if (req.method !== 'POST') throw methodNotAllowed(req.method ?? 'GET', TOKEN_PATH, ['POST']);
    const exchange: Exchange = { res, call: null };
    const client = parseBasic(req.headers.authorization);
    if (!client || client.id !== auth.clientId || client.secret !== auth.clientSecret) {
      this.writeJson(exchange, 401, { error: 'invalid_client' }, 'application/json', { 'WWW-Authenticate': 'Basic realm="MMS Public API"' });
      return;
    }
    const grantType = new URLSearchParams(body).get('grant_type');
    if (grantType !== 'client_credentials') {
      this.writeJson(exchange, 400, { error: grantType === null ? 'invalid_request' : 'unsupported_grant_type' }, 'application/json');
      return;
    }
    const now = this.now();
    for (const [token, expiresAt] of this.tokens) if (expiresAt <= now) this.tokens.delete(token);
    const ttl = auth.tokenTtlSeconds ?? 3600;
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, now + ttl * 1000);
    this.writeJson(exchange, 200, { access_token: token, token_type: 'Bearer', expires_in: ttl }, 'application/json', { 'Cache-Control': 'no-store' });
  }

  private route(exchange: Exchange, request: ApiRequest): void {
    const { method, path, query, accept } = request;
    const pretty = query.get('pretty') === 'true';
    const list = clusterListAnswer(this.seed, request, { self: `${this.baseUrl}${request.target}`, page: (n) => this.pageHref(path, query, n) });
    if (list) return this.writeJson(exchange, 200, list.body, list.mediaType, {}, pretty);
    const lookup = answerClusterLookup(this.seed, request);
    if (lookup) return this.writeJson(exchange, 200, lookup.body, lookup.mediaType, {}, pretty);
    const links = { self: `${this.baseUrl}${request.target}`, page: (pageNum: number) => this.pageHref(path, query, pageNum) };
    const snapshotRead = answerSnapshotRead(this.seed, this.snapshots, request, links);
    if (snapshotRead) return this.writeJson(exchange, 200, snapshotRead.body, snapshotRead.mediaType, {}, pretty);
    const route = matchApiRoute(method, path);
    const { kind, version } = route;
    checkAccept(accept, version, kind.mediaType);
    if (method === 'POST') checkContentType(request.contentType, version, kind.mediaType);
    const groupId = decodeSegment(route.segments.groupId, path);
    const clusterName = decodeSegment(route.segments.clusterName, path);
    const jobId = route.segments.jobId === undefined ? undefined : decodeSegment(route.segments.jobId, path);
    checkGroupId(groupId);
    const contentType = version === 'v2' ? kind.mediaType : 'application/json';
    if (route.write) {
      const answer = route.write.handle(this.writeContext(), { version, groupId, clusterName, ...(jobId !== undefined ? { jobId } : {}), path, bodyText: request.body });
      if (answer.body === null) this.write(exchange, answer.status, '', {});
      else this.writeAnswer(exchange, answer.status, answer.body, contentType, version, pretty);
      return;
    }
    const listQuery = jobId === undefined ? parseListQuery(kind, query) : null;
    const jobs = clusterJobs(this.jobs, kind.kind, groupId, kind.servingCluster(this.seed, groupId, clusterName), this.now());
    if (!listQuery) {
      const job = jobs.find((candidate) => candidate.id === jobId);
      if (!job) throw new SimulatedApiError(404, kind.jobNotFound, `No restore job with ID ${jobId} exists in ${clusterName}.`);
      this.writeAnswer(exchange, 200, job, contentType, version, pretty);
      return;
    }
    const page = listPage(jobs, listQuery, links);
    this.writeAnswer(exchange, 200, page, contentType, version, pretty);
  }

  private writeContext(): WriteContext {
    const now = this.now();
    return {
      seed: this.seed,
      jobs: this.jobs,
      snapshots: this.snapshots,
      now,
      baseUrl: this.baseUrl,
      restoreRunningOnto: (target) => restoreRunningOnto(this.seed, this.jobs, target, now),
    };
  }

  private pageHref(path: string, query: URLSearchParams, pageNum: number): string {
    const next = new URLSearchParams(query);
    next.set('pageNum', String(pageNum));
    return `${this.baseUrl}${path}?${next.toString()}`;
  }

  private writeFault(exchange: Exchange, fault: Fault): void {
    const { status, body } = faultAnswer(fault);
    const headers: Record<string, string> = { ...fault.headers };
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    this.write(exchange, status, body, headers);
  }

  /** A fault whose body trickles or stops short (status and headers as in writeFault). */
  private async writeBrokenFault({ res, call }: Exchange, fault: Fault): Promise<void> {
    const answer = faultAnswer(fault);
    const status = answer.status;
    const body = Buffer.from(answer.body);
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

  private writeError(exchange: Exchange, error: SimulatedApiError): void {
    this.writeJson(exchange, error.status, errorBody(error.status, error.errorCode, error.detail, error.fields), 'application/json', error.headers);
  }

  /**
   * A restore-job answer in the version asked for. NOTE: the seed's records link to their v2 URLs; Atlas's v1.0
   * answers link to v1.0 ones, so on v1.0 every `href` naming a v2 path is given its v1.0 path.
   */
  private writeAnswer(exchange: Exchange, status: number, value: unknown, contentType: string, version: ApiVersion, pretty: boolean): void {
    if (version === 'v2') return this.writeJson(exchange, status, value, contentType, {}, pretty);
    const v1 = (key: string, v: unknown): unknown => (key === 'href' && typeof v === 'string' ? v.replace('/api/atlas/v2/', '/api/atlas/v1.0/') : v);
    this.write(exchange, status, JSON.stringify(value, v1, pretty ? 2 : undefined), { 'Content-Type': contentType });
  }

  private writeJson(exchange: Exchange, status: number, value: unknown, contentType: string, headers: Record<string, string> = {}, pretty = false): void {
    this.write(exchange, status, JSON.stringify(value, null, pretty ? 2 : undefined), { 'Content-Type': contentType, ...headers });
  }

  private write(exchange: Exchange, status: number, body: string, headers: Record<string, string>): void {
    const { res, call, dropAnswer, sendAt } = exchange;
    if (res.destroyed || res.headersSent) return;
    if (sendAt !== undefined) {
      delete exchange.sendAt;
      void this.wait(sendAt - performance.now(), res).then((ok) => ok && this.write(exchange, status, body, headers));
      return;
    }
    if (dropAnswer) {
      if (call) call.unsentStatus = status;
      res.socket?.destroy();
      return;
    }
    if (call) call.status = status;
    res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }
}
