import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import type { AuthStrategy } from './auth/AuthStrategy';
import type { Freshness } from '../http/Freshness';
import type { InFlight } from './upstreamCache/InFlight';
import { upstreamKey, type UpstreamCache } from './upstreamCache/UpstreamCache';
import { AtlasAccessError, AtlasApiError, AtlasTransportError } from './errors';
import { isRateLimitErrorCode, parseCountHeader, parseRetryAfterMs, type Resilience, type UpstreamRoute } from './resilience';
import type { ApiErrorWire } from './wire';

import type { AtlasApiVersion } from '../config';

export type { AtlasApiVersion };

/** Time limits of upstream calls. */
export interface AtlasTimeouts {
  /** TCP/TLS connect (the dispatcher's). */
  connectMs: number;
  /** One attempt: headers and body must both arrive within it. */
  attemptMs: number;
}

/** One upstream GET. `path` starts after `/api/atlas/{version}`. */
export interface AtlasGet {
  version: AtlasApiVersion;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** The exact versioned media type for v2; v1.0 always sends `application/json`. */
  mediaType: string;
  /** The GraphQL request's deadline; the call aborts when it fires. */
  signal?: AbortSignal;
  /** What the call is, for breakers, rate-limit memory and metrics (default: kind `other`, operation `get`). */
  route?: UpstreamRoute;
  /** Whether an answer may come from the cross-request cache (when the client has one). */
  cacheable?: boolean;
}

/** A body to store in the cache, with the GET it answers. */
export interface Remembered {
  call: Pick<AtlasGet, 'version' | 'path' | 'query' | 'mediaType'>;
  body: unknown;
  ttlMs: number;
  bytes?: number;
}

/** A parsed body, and whether this caller fetched it (false: from the cache, or from another caller's call). */
export interface Fetched<T> {
  body: T;
  fresh: boolean;
  /** Size of the body as sent, in bytes (0 when not fetched by this caller). */
  bytes: number;
  /** For a body from the cache: how long it has left there; null when it came from Atlas just now. */
  ttlLeftMs: number | null;
}

/** What the client reports after each upstream exchange (for counting and metrics; no secrets in it). */
export interface UpstreamCallEvent {
  method: 'GET';
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
  /** The process's (or the replicas') cache of upstream bodies, read for `cacheable` calls; none when absent. */
  cache?: UpstreamCache | null;
  /** The process's table of GETs in flight: identical GETs share one call. None when absent. */
  inFlight?: InFlight | null;
  /** Called when a caller joined a GET another request already had in flight. */
  onCoalesced?: (route: UpstreamRoute) => void;
  /** The request's record of how long its answer stays true (see cache/Freshness.ts); told of every GET. */
  freshness?: Freshness;
}

const DEFAULT_ROUTE: UpstreamRoute = { kind: 'other', operation: 'get' };

/**
 * A thin Atlas Admin API client over undici: versioned `Accept`, authentication, time limits, Atlas error bodies
 * parsed into {@link AtlasApiError}, transport failures into {@link AtlasTransportError}. Holds no state of its own,
 * so one per credential (or per request, in passthrough mode) is cheap.
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

  /** GETs one resource and parses its JSON body (see {@link fetchJson}). */
  async getJson<T>(call: AtlasGet): Promise<T> {
    return (await this.fetchJson<T>(call)).body;
  }

  /**
   * GETs one resource and parses its JSON body. A project outside `allowedProjectIds` is refused before anything
   * else. Then, for a `cacheable` call, the cache may answer; else the GET joins an identical one in flight (same
   * credential identity, URL and `Accept`), or is sent: through the resilience runner when the client has one
   * (retries, breaker, rate-limit waits), else in one attempt. Storing the answer is the caller's choice
   * ({@link remember}): only the caller knows how long a body stays true.
   */
  async fetchJson<T>(call: AtlasGet): Promise<Fetched<T>> {
    const { cache, inFlight, freshness } = this.options;
    // An answer built on a GET that may not be cached may not be cached either; the caller reports the others.
    if (!call.cacheable || !cache) freshness?.spoil();
    try {
      this.checkAccess(call.path);
      const url = this.urlOf(call);
      const accept = acceptOf(call);
      const key = cache || inFlight ? upstreamKey(this.identity, accept, url.href) : '';
      if (cache && call.cacheable) {
        const hit = await cache.get(key);
        if (hit !== undefined) return { body: hit.value as T, fresh: false, bytes: 0, ttlLeftMs: hit.ttlLeftMs };
      }
      if (!inFlight) return { ...(await this.send<T>(url, accept, call, call.signal)), fresh: true, ttlLeftMs: null };
      const shared = await inFlight.run(key, call.signal, (signal) => this.send<T>(url, accept, call, signal));
      if (!shared.leader) this.options.onCoalesced?.(call.route ?? DEFAULT_ROUTE);
      return { body: shared.value.body, bytes: shared.value.bytes, fresh: shared.leader, ttlLeftMs: null };
    } catch (error) {
      freshness?.spoil();
      throw error;
    }
  }

  /** Tells the request's freshness record that its answer used an upstream body good for `ttlMs` more. */
  used(ttlMs: number): void {
    this.options.freshness?.used(ttlMs);
  }

  /**
   * Stores bodies the caller fetched, each under the key its GET has, for its `ttlMs` (nothing without a cache).
   * Awaited by callers before they answer, so the next request (at any replica) finds them; a cache that fails or
   * is slow costs at most its timeout, and never an error.
   */
  async remember(entries: readonly Remembered[]): Promise<void> {
    const cache = this.options.cache;
    if (!cache) return;
    const live = entries.filter((e) => e.ttlMs > 0);
    if (live.length === 0) return;
    await cache.setMany(
      live.map((e) => ({ key: upstreamKey(this.identity, acceptOf(e.call), this.urlOf(e.call).href), value: e.body, ttlMs: e.ttlMs, sizeHint: e.bytes })),
    );
  }

  private urlOf(call: Pick<AtlasGet, 'version' | 'path' | 'query'>): URL {
    const url = new URL(`/api/atlas/${call.version}${call.path}`, this.base);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /** One call upstream, with `signal` as its abort signal: resilient when the client has a runner. */
  private send<T>(url: URL, accept: string, call: AtlasGet, signal: AbortSignal | undefined): Promise<{ body: T; bytes: number }> {
    const route = call.route ?? DEFAULT_ROUTE;
    const { resilience, deadlineAt } = this.options;
    if (!resilience) return this.exchange<T>(url, accept, signal, route);
    return resilience.run({ route, identity: this.identity, deadlineAt, signal }, () => this.exchange<T>(url, accept, signal, route));
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

  /** One logical exchange: the GET, plus one repeat when the auth strategy learned something from a 401. */
  private async exchange<T>(url: URL, accept: string, signal: AbortSignal | undefined, route: UpstreamRoute): Promise<{ body: T; bytes: number }> {
    const uri = `${url.pathname}${url.search}`;
    let retried = false;
    for (;;) {
      const authorization = await this.options.auth.authorization({ method: 'GET', uri });
      const res = await this.attempt(url, accept, authorization, signal, route);
      if (res.status === 401 && !retried) {
        const again = await this.options.auth.onUnauthorized({
          wwwAuthenticate: res.wwwAuthenticate,
          hadAuthorization: authorization !== undefined,
        });
        if (again) {
          retried = true;
          continue;
        }
      }
      if (res.status >= 200 && res.status < 300) {
        try {
          return { body: JSON.parse(res.text) as T, bytes: res.text.length };
        } catch {
          throw new AtlasTransportError('malformed', `Atlas sent a ${res.status} body that is not JSON.`, res.status);
        }
      }
      throw toApiError(res.status, res.text, res.retryAfter, res.rateLimitRemaining);
    }
  }

  private async attempt(
    url: URL,
    accept: string,
    authorization: string | undefined,
    signal: AbortSignal | undefined,
    route: UpstreamRoute,
  ): Promise<{
    status: number;
    text: string;
    wwwAuthenticate: string | undefined;
    retryAfter: string | undefined;
    rateLimitRemaining: number | null;
  }> {
    const { attemptMs } = this.options.timeouts;
    const started = performance.now();
    let status: number | null = null;
    let failure: string | null = null;
    let rateLimitRemaining: number | null = null;
    const headers: Record<string, string> = { accept, 'user-agent': 'atlas-restore-gateway' };
    if (authorization) headers.authorization = authorization;
    // One controller per attempt, aborted by the attempt's timer or by the caller's signal. NOTE: not
    // AbortSignal.any([signal, AbortSignal.timeout()]): on Node 20 that costs two signals and a dependant registration
    // per attempt on the hot path; this is a timer and a listener, both removed when the attempt ends.
    const attempt = new AbortController();
    const timer = setTimeout(() => attempt.abort(new DOMException('The attempt timed out.', 'TimeoutError')), attemptMs);
    const onAbort = (): void => attempt.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    const attemptSignal = attempt.signal;
    try {
      const res = await request(url, {
        method: 'GET',
        dispatcher: this.options.dispatcher,
        headers,
        headersTimeout: attemptMs,
        bodyTimeout: attemptMs,
        signal: attemptSignal,
      });
      status = res.statusCode;
      rateLimitRemaining = parseCountHeader(headerValue(res.headers['ratelimit-remaining']));
      const declared = Number(res.headers['content-length']);
      if (declared > MAX_BODY_BYTES) {
        res.body.destroy();
        throw new AtlasTransportError('too_large', `Atlas sent a body larger than ${MAX_BODY_BYTES} bytes.`, status);
      }
      const text = await readCapped(res.body);
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
      this.options.onCall?.({
        method: 'GET',
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
function acceptOf(call: Pick<AtlasGet, 'version' | 'mediaType'>): string {
  return call.version === 'v2' ? call.mediaType : 'application/json';
}

async function readCapped(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw new AtlasTransportError('too_large', `Atlas sent a body larger than ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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
  const errorCode = typeof body.errorCode === 'string' ? body.errorCode : null;
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
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError ||
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
