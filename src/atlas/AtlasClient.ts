import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import type { AtlasApiVersion, TimeoutConfig } from '../config';
import type { AuthStrategy } from './auth/AuthStrategy';
import { AtlasAccessError, AtlasApiError, AtlasTransportError } from './errors';
import { readCapped } from './readCapped';
import { isRateLimitErrorCode, parseCountHeader, parseRetryAfterMs, type Resilience, type ResilientCall, type UpstreamRoute } from './resilience';
import type { InFlight } from './upstreamCache/InFlight';
import { upstreamKey, type UpstreamCache } from './upstreamCache/UpstreamCache';
import type { ApiErrorWire } from './wire';

export type { AtlasApiVersion };

/** Time limits of upstream calls (connect: the dispatcher's; attempt: headers and body of one attempt). */
export type AtlasTimeouts = Pick<TimeoutConfig, 'connectMs' | 'attemptMs'>;

/** Where a call goes. `path` starts after `/api/atlas/{version}`. */
export interface AtlasResource {
  version: AtlasApiVersion;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** The exact versioned media type for v2 (`Accept`, and `Content-Type` of a body); v1.0 always sends `application/json`. */
  mediaType: string;
}

/** One upstream GET. */
export interface AtlasGet extends AtlasResource {
  /** The GraphQL request's deadline; the call aborts when it fires. */
  signal?: AbortSignal;
  /** What the call is, for breakers, rate-limit memory and metrics (default: kind `other`, operation `get`). */
  route?: UpstreamRoute;
}

/** One upstream write: a POST or DELETE, with a JSON body. */
export interface AtlasWrite extends AtlasGet {
  method: 'POST' | 'DELETE';
  /** Sent as JSON with the versioned media type as `Content-Type`. */
  body?: unknown;
  /** The cached GETs this write changes, dropped from the cache once it was sent (whatever its outcome). */
  invalidates?: readonly CachedRead[];
}

/**
 * The cached GETs of one resource: `exact` the resource itself; `tree` the resource with any query (every page of a
 * list) and everything below its path (the jobs of that list).
 */
export interface CachedRead extends AtlasResource {
  scope: 'exact' | 'tree';
}

/**
 * How the domain wants one GET's answer handled by the cross-request cache (the one cache hook: the client reads and
 * fills the cache, the domain only says what a body means and how long it stays true; restoreJobs/cacheTtl.ts).
 */
export interface CachePolicy<T> {
  /** Turns a body (fresh, or from the cache) into the caller's value: a mapper; throws on a body it cannot use. */
  read(body: unknown): T;
  /** How long the value stays true, in ms (0: not worth storing). */
  ttlMs(value: T): number;
  /** Other GETs that this body answers too, with their bodies and TTLs (a page answers the GETs of its jobs). */
  alsoAnswers?(value: T, body: unknown): readonly CachedBody[];
}

/** A body that answers a GET, and how long it stays true. */
export interface CachedBody {
  read: AtlasResource;
  body: unknown;
  ttlMs: number;
}

/**
 * Told of every answer a request builds on (the whole-answer cache listens, http/Freshness.ts): a GET good for
 * `ttlMs` more, or something that may not be kept (an uncacheable GET, a failure, a write).
 */
export interface AnswerObserver {
  used(ttlMs: number): void;
  spoil(): void;
  /** The caller changed Atlas (a write was sent): whole answers built before it are stale (awaited before the write returns). */
  wrote?(): void | Promise<void>;
}

/** What a write answered: its status (200, 201, 202, 204…) and its parsed JSON body (null when it had none). */
export interface WriteResult<T> {
  status: number;
  body: T | null;
}

/** What the client reports after each upstream exchange (for counting and metrics; no secrets in it). */
export interface UpstreamCallEvent {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  route: UpstreamRoute;
  /** The HTTP status, or null when no response arrived. */
  status: number | null;
  /** What went wrong below HTTP (`timeout`, `reset`, ...), or null. */
  failure: string | null;
  /** `RateLimit-Remaining`, when Atlas sent it. */
  rateLimitRemaining: number | null;
  durationMs: number;
}

/** Largest upstream body the client reads (500 jobs are well under 2 MB). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The process-wide keep-alive dispatcher: one per process, passed to every client. */
export function createAtlasDispatcher(timeouts: Pick<AtlasTimeouts, 'connectMs'>): Agent {
  return new Agent({
    connect: { timeout: timeouts.connectMs },
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    connections: 64,
    pipelining: 1,
  });
}

/** Options of {@link AtlasClient}. */
export interface AtlasClientOptions {
  baseUrl: string;
  dispatcher: Dispatcher;
  auth: AuthStrategy;
  timeouts: AtlasTimeouts;
  onCall?: (event: UpstreamCallEvent) => void;
  /** Retries, breakers and rate-limit memory (shared by the gateway's clients); without it, one attempt per call. */
  resilience?: Resilience;
  /** The request's deadline on the resilience clock: no retry wait may end past it. */
  deadlineAt?: number;
  /** When set, only these projects (`/groups/{id}/…`) are called; any other path fails with AtlasAccessError. */
  allowedProjectIds?: ReadonlySet<string> | null;
  /** The process's (or the replicas') cache of upstream bodies, used for GETs with a CachePolicy; none when absent. */
  cache?: UpstreamCache | null;
  /** The process's table of GETs in flight: identical GETs share one call. None when absent. */
  inFlight?: InFlight | null;
  /** Called when a caller joined a GET another request already had in flight. */
  onCoalesced?: (route: UpstreamRoute) => void;
  /** Told of every answer the request builds on (see {@link AnswerObserver}). */
  observer?: AnswerObserver;
}

const DEFAULT_ROUTE: UpstreamRoute = { kind: 'other', operation: 'get' };

/** One exchange's outcome before classification. */
interface Exchange {
  status: number;
  text: string;
}

/**
 * A thin Atlas Admin API client over undici: versioned `Accept` (and `Content-Type` for bodies), authentication, time
 * limits, Atlas error bodies parsed into {@link AtlasApiError}, transport failures into {@link AtlasTransportError}.
 * GETs go through the cross-request cache (when the caller gives a {@link CachePolicy}) and the table of GETs in
 * flight; writes never do, and are retried only when they certainly did not reach Atlas (the resilience runner's
 * rule for a call that is not idempotent). Holds no state of its own, so one per request is cheap.
 */
export class AtlasClient {
  private readonly base: URL;

  constructor(private readonly options: AtlasClientOptions) {
    this.base = new URL(options.baseUrl);
  }

  /** The credential identity of this client (for keys of anything shared). */
  get identity(): string {
    return this.options.auth.identity;
  }

  /**
   * GETs one resource. A project outside `allowedProjectIds` is refused before anything else. With a `policy` and a
   * cache, the cache may answer; else the GET joins an identical one in flight (same credential identity, URL and
   * `Accept`), or is sent: through the resilience runner when the client has one (retries, breaker, rate-limit
   * waits), else in one attempt. The body is read by `policy.read` (parsed JSON as is without a policy), and stored
   * with what else it answers for as long as the policy says.
   */
  async get<T>(call: AtlasGet, policy?: CachePolicy<T>): Promise<T> {
    const { cache, inFlight, observer } = this.options;
    try {
      this.checkAccess(call.path);
      const url = this.urlOf(call);
      const accept = acceptOf(call);
      const cached = cache && policy ? cache : null;
      const key = cached || inFlight ? upstreamKey(this.identity, accept, url.href) : '';
      if (cached) {
        const hit = await cached.get(key);
        if (hit !== undefined) {
          const value = policy!.read(hit.value);
          observer?.used(hit.ttlLeftMs);
          return value;
        }
      }
      let body: unknown;
      let bytes = 0;
      let leader = true;
      if (inFlight) {
        const shared = await inFlight.run(key, call.signal, (signal) => this.send(url, accept, call, 'GET', undefined, signal));
        ({ body, bytes } = shared.value);
        leader = shared.leader;
        if (!leader) this.options.onCoalesced?.(call.route ?? DEFAULT_ROUTE);
      } else {
        ({ body, bytes } = await this.send(url, accept, call, 'GET', undefined, call.signal));
      }
      if (!policy) {
        observer?.spoil();
        return body as T;
      }
      const value = policy.read(body);
      if (!cached) {
        observer?.spoil();
        return value;
      }
      const ttlMs = policy.ttlMs(value);
      // Only the caller whose GET ran stores its answer (the others got the same body from it).
      if (leader) await this.store(key, body, ttlMs, bytes, policy.alsoAnswers?.(value, body));
      observer?.used(ttlMs);
      return value;
    } catch (error) {
      observer?.spoil();
      throw error;
    }
  }

  /**
   * Sends one write (POST or DELETE) with a JSON body. Never cached, never coalesced, and retried only while it
   * certainly did not reach Atlas (a connection that could not be made). The cached GETs it names are dropped once
   * it was sent, whether Atlas answered, failed or the answer was lost: a write that may have happened makes them
   * doubtful.
   */
  async write<T>(call: AtlasWrite): Promise<WriteResult<T>> {
    const { observer } = this.options;
    observer?.spoil();
    this.checkAccess(call.path);
    const url = this.urlOf(call);
    const accept = acceptOf(call);
    const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
    let sent = false;
    try {
      const { body, status } = await this.send(url, accept, call, call.method, payload, call.signal, () => (sent = true));
      return { status, body: body as T | null };
    } finally {
      if (sent) {
        await Promise.all([observer?.wrote?.(), this.invalidate(call.invalidates ?? [])]);
      }
    }
  }

  /** Drops cached GETs (nothing without a cache); a cache that fails costs at most its timeout, never an error. */
  async invalidate(reads: readonly CachedRead[]): Promise<void> {
    const cache = this.options.cache;
    if (!cache || reads.length === 0) return;
    await Promise.all(
      reads.map((read) => {
        const key = upstreamKey(this.identity, acceptOf(read), this.urlOf(read).href);
        return read.scope === 'exact' ? cache.delete(key) : cache.deleteTree(key);
      }),
    );
  }

  private async store(key: string, body: unknown, ttlMs: number, bytes: number, more: readonly CachedBody[] | undefined): Promise<void> {
    const cache = this.options.cache!;
    const entries = [{ key, value: body, ttlMs, sizeHint: bytes }];
    if (more && more.length > 0) {
      const each = Math.ceil(bytes / more.length);
      for (const m of more) {
        entries.push({ key: upstreamKey(this.identity, acceptOf(m.read), this.urlOf(m.read).href), value: m.body, ttlMs: m.ttlMs, sizeHint: each });
      }
    }
    // Awaited before the answer goes out, so the next request (at any replica) finds them.
    await cache.setMany(entries.filter((e) => e.ttlMs > 0));
  }

  private urlOf(call: Pick<AtlasResource, 'version' | 'path' | 'query'>): URL {
    const url = new URL(`/api/atlas/${call.version}${call.path}`, this.base);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /** One call upstream, with `signal` as its abort signal: resilient when the client has a runner. */
  private send(
    url: URL,
    accept: string,
    call: AtlasGet,
    method: 'GET' | 'POST' | 'DELETE',
    payload: string | undefined,
    signal: AbortSignal | undefined,
    onSent?: () => void,
  ): Promise<{ body: unknown; bytes: number; status: number }> {
    const route = call.route ?? DEFAULT_ROUTE;
    const { resilience, deadlineAt } = this.options;
    const once = () => this.exchange(url, accept, method, payload, signal, route, onSent);
    if (!resilience) return once();
    const resilient: ResilientCall & { idempotent: boolean } = { route, identity: this.identity, deadlineAt, signal, idempotent: method === 'GET' };
    return resilience.run(resilient, once);
  }

  private checkAccess(path: string): void {
    const allowed = this.options.allowedProjectIds;
    if (!allowed) return;
    // NOTE: every restore-job path is project-scoped; a path that is not is refused rather than let through.
    const segment = /^\/groups\/([^/]+)\//.exec(path)?.[1];
    let projectId: string | null = null;
    try {
      projectId = segment === undefined ? null : decodeURIComponent(segment);
    } catch {
      // A malformed escape is no project this gateway serves.
    }
    if (projectId === null || !allowed.has(projectId)) throw new AtlasAccessError(projectId);
  }

  /** One logical exchange: the request, plus one repeat when the auth strategy learned something from a 401. */
  private async exchange(
    url: URL,
    accept: string,
    method: 'GET' | 'POST' | 'DELETE',
    payload: string | undefined,
    signal: AbortSignal | undefined,
    route: UpstreamRoute,
    onSent: (() => void) | undefined,
  ): Promise<{ body: unknown; bytes: number; status: number }> {
    const uri = `${url.pathname}${url.search}`;
    let retried = false;
    const { auth } = this.options;
    for (;;) {
      const authorization = await auth.authorization({ method, uri });
      let again = false;
      let res: Awaited<ReturnType<AtlasClient['attempt']>>;
      try {
        res = await this.attempt(url, accept, method, payload, authorization, signal, route, onSent);
        if (res.status === 401 && !retried) {
          // A 401 means Atlas refused the request before acting on it, so even a write may be sent again.
          again = await auth.onUnauthorized({ wwwAuthenticate: res.wwwAuthenticate, hadAuthorization: authorization !== undefined, sent: authorization });
        }
      } finally {
        // Calls waiting for what this unauthenticated one learns (a Digest challenge) go on, whatever it met.
        if (authorization === undefined) auth.probeEnded?.();
      }
      if (again) {
        retried = true;
        continue;
      }
      if (res.status >= 200 && res.status < 300) return { ...parseBody(res, method), status: res.status };
      throw toApiError(res.status, res.text, res.retryAfter, res.rateLimitRemaining);
    }
  }

  private async attempt(
    url: URL,
    accept: string,
    method: 'GET' | 'POST' | 'DELETE',
    payload: string | undefined,
    authorization: string | undefined,
    signal: AbortSignal | undefined,
    route: UpstreamRoute,
    onSent: (() => void) | undefined,
  ): Promise<Exchange & { wwwAuthenticate: string | undefined; retryAfter: string | undefined; rateLimitRemaining: number | null }> {
    const { attemptMs } = this.options.timeouts;
    const started = performance.now();
    let status: number | null = null;
    let failure: string | null = null;
    let rateLimitRemaining: number | null = null;
    const headers: Record<string, string> = { accept, 'user-agent': 'atlas-restore-gateway' };
    if (authorization) headers.authorization = authorization;
    if (payload !== undefined) headers['content-type'] = accept;
    // One controller per attempt, aborted by the attempt's timer or by the caller's signal. NOTE: not
    // AbortSignal.any([signal, AbortSignal.timeout()]): on Node 20 that costs two signals and a dependant registration
    // per attempt on the hot path; this is a timer and a listener, both removed when the attempt ends.
    const attempt = new AbortController();
    const timer = setTimeout(() => attempt.abort(new DOMException('The attempt timed out.', 'TimeoutError')), attemptMs);
    const onAbort = (): void => attempt.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await request(url, {
        method,
        dispatcher: this.options.dispatcher,
        headers,
        ...(payload !== undefined ? { body: payload } : {}),
        headersTimeout: attemptMs,
        bodyTimeout: attemptMs,
        signal: attempt.signal,
      });
      status = res.statusCode;
      rateLimitRemaining = parseCountHeader(headerValue(res.headers['ratelimit-remaining']));
      const declared = Number(res.headers['content-length']);
      if (declared > MAX_BODY_BYTES) {
        res.body.destroy();
        throw new AtlasTransportError('too_large', `Atlas sent a body larger than ${MAX_BODY_BYTES} bytes.`, status);
      }
      const text = await readCapped(res.body, MAX_BODY_BYTES);
      return {
        status,
        text,
        wwwAuthenticate: headerValue(res.headers['www-authenticate']),
        retryAfter: headerValue(res.headers['retry-after']),
        rateLimitRemaining,
      };
    } catch (error) {
      const mapped = toTransportError(error, signal, status);
      failure = mapped instanceof AtlasTransportError ? mapped.failure : null;
      throw mapped;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // A write is taken to have reached Atlas unless its connection could not be made at all.
      if (onSent && failure !== 'connect' && failure !== 'connect_timeout') onSent();
      this.options.onCall?.({
        method,
        path: url.pathname,
        route,
        status: failure === null ? status : null,
        failure,
        rateLimitRemaining,
        durationMs: performance.now() - started,
      });
    }
  }
}

/** The `Accept` of a call: the versioned media type on v2, `application/json` on v1.0. */
function acceptOf(call: Pick<AtlasResource, 'version' | 'mediaType'>): string {
  return call.version === 'v2' ? call.mediaType : 'application/json';
}

/** A 2xx body: JSON, or nothing (a write's 204, or an empty write answer). */
function parseBody(res: Exchange, method: string): { body: unknown; bytes: number } {
  if (method !== 'GET' && (res.status === 204 || res.text.trim() === '')) return { body: null, bytes: 0 };
  try {
    return { body: JSON.parse(res.text) as unknown, bytes: res.text.length };
  } catch {
    throw new AtlasTransportError('malformed', `Atlas sent a ${res.status} body that is not JSON.`, res.status);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Builds the error for a non-2xx answer from Atlas's `ApiError` body, when it sent one. The wait comes from
 * `Retry-After`, else from a token-bucket body (`parameters[1]` is "retry after N seconds").
 */
function toApiError(status: number, text: string, retryAfter: string | undefined, rateLimitRemaining: number | null): AtlasApiError {
  let body: Partial<ApiErrorWire> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Partial<ApiErrorWire>;
  } catch {
    // An HTML error page or an empty body: the status alone classifies it.
  }
  // An error code is a short word (`RESOURCE_NOT_FOUND`); anything longer is not one, and is not carried further.
  const errorCode = typeof body.errorCode === 'string' && body.errorCode.length <= 128 ? body.errorCode : null;
  const headerMs = parseRetryAfterMs(retryAfter, Date.now());
  const bodySeconds = isRateLimitErrorCode(errorCode) && Array.isArray(body.parameters) ? body.parameters[1] : undefined;
  const seconds =
    headerMs !== null
      ? Math.ceil(headerMs / 1000)
      : typeof bodySeconds === 'number' && Number.isInteger(bodySeconds) && bodySeconds >= 0 && bodySeconds <= 86_400
        ? bodySeconds
        : null;
  return new AtlasApiError(status, errorCode, typeof body.detail === 'string' ? body.detail : null, seconds, rateLimitRemaining);
}

function toTransportError(error: unknown, signal: AbortSignal | undefined, status: number | null): Error {
  if (error instanceof AtlasTransportError || error instanceof AtlasApiError) return error;
  if (signal?.aborted) return new AtlasTransportError('aborted', 'The request deadline passed before Atlas answered.', status);
  const name = (error as { name?: unknown } | null)?.name;
  // Told apart from other timeouts: a connection that was never made carried no request (a write may be sent again).
  if (error instanceof undiciErrors.ConnectTimeoutError) return new AtlasTransportError('connect_timeout', 'Atlas did not answer in time.', status);
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    // An AbortSignal.timeout reason is a DOMException, which is not always `instanceof Error` (realms differ).
    name === 'TimeoutError' ||
    name === 'AbortError'
  ) {
    return new AtlasTransportError('timeout', 'Atlas did not answer in time.', status);
  }
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH') {
    return new AtlasTransportError('connect', 'Atlas could not be reached.', status);
  }
  return new AtlasTransportError('reset', 'The connection to Atlas failed mid-request.', status);
}
