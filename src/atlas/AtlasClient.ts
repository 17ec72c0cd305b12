import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import type { AuthStrategy } from './auth/AuthStrategy';
import { AtlasApiError, AtlasTransportError } from './errors';
import type { ApiErrorWire } from './wire';

/** Which generation of the Admin API to call. */
export type AtlasApiVersion = 'v2' | 'v1.0';

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
}

/** What the client reports after each upstream exchange (for counting and metrics; no secrets in it). */
export interface UpstreamCallEvent {
  method: 'GET';
  path: string;
  status: number | null;
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
}

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

  /** GETs one resource and parses its JSON body. */
  async getJson<T>(call: AtlasGet): Promise<T> {
    const url = new URL(`/api/atlas/${call.version}${call.path}`, this.base);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const uri = `${url.pathname}${url.search}`;
    const accept = call.version === 'v2' ? call.mediaType : 'application/json';
    let retried = false;
    for (;;) {
      const authorization = await this.options.auth.authorization({ method: 'GET', uri });
      const res = await this.send(url, accept, authorization, call.signal);
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
          return JSON.parse(res.text) as T;
        } catch {
          throw new AtlasTransportError('malformed', `Atlas sent a ${res.status} body that is not JSON.`, res.status);
        }
      }
      throw toApiError(res.status, res.text, res.retryAfter);
    }
  }

  private async send(
    url: URL,
    accept: string,
    authorization: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; text: string; wwwAuthenticate: string | undefined; retryAfter: string | undefined }> {
    const { attemptMs } = this.options.timeouts;
    const started = performance.now();
    let status: number | null = null;
    const headers: Record<string, string> = { accept, 'user-agent': 'atlas-restore-gateway' };
    if (authorization) headers.authorization = authorization;
    const attemptSignal = signal ? AbortSignal.any([signal, AbortSignal.timeout(attemptMs)]) : AbortSignal.timeout(attemptMs);
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
      };
    } catch (error) {
      throw toTransportError(error, signal, status);
    } finally {
      this.options.onCall?.({ method: 'GET', path: url.pathname, status, durationMs: performance.now() - started });
    }
  }
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

/** Builds the error for a non-2xx answer from Atlas's `ApiError` body, when it sent one. */
function toApiError(status: number, text: string, retryAfter: string | undefined): AtlasApiError {
  let body: Partial<ApiErrorWire> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as Partial<ApiErrorWire>;
  } catch {
    // An HTML error page or an empty body: the status alone classifies it.
  }
  const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
  return new AtlasApiError(
    status,
    typeof body.errorCode === 'string' ? body.errorCode : null,
    typeof body.detail === 'string' ? body.detail : null,
    Number.isFinite(seconds) && seconds >= 0 ? seconds : null,
  );
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
