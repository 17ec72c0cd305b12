import { request, type Dispatcher } from 'undici';
import type { AuthStrategy } from './AuthStrategy';
import { credentialIdentity } from './identity';
import { AtlasAuthError, AtlasTokenEndpointError, AtlasTransportError } from '../errors';
import { readCapped } from '../readCapped';
import { parseRetryAfterMs } from '../resilience/backoff';

/** The most of a token answer read: a token and its lifetime are a few hundred bytes. */
const MAX_TOKEN_BODY_BYTES = 64 * 1024;

/** Options of {@link ServiceAccountAuth}. */
export interface ServiceAccountOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  dispatcher: Dispatcher;
  /** Refresh this long before the token expires (default 60 s, never more than half the token's life). */
  refreshMarginMs?: number;
  /** Timeout of one token request (default 10 s). */
  timeoutMs?: number;
  now?: () => number;
}

interface CachedToken {
  value: string;
  refreshAt: number;
}

/**
 * OAuth2 client credentials against Atlas's `/api/oauth/token` (service accounts). The token is cached, refreshed
 * before it expires, and under concurrency exactly one refresh is in flight.
 */
export class ServiceAccountAuth implements AuthStrategy {
  readonly identity: string;
  private token: CachedToken | null = null;
  private inFlight: Promise<CachedToken> | null = null;
  private readonly now: () => number;

  constructor(private readonly options: ServiceAccountOptions) {
    this.identity = credentialIdentity('sa', options.clientId, options.clientSecret);
    this.now = options.now ?? Date.now;
  }

  async authorization(): Promise<string> {
    const token = this.token && this.now() < this.token.refreshAt ? this.token : await this.refresh();
    return `Bearer ${token.value}`;
  }

  async onUnauthorized(response: { hadAuthorization: boolean }): Promise<boolean> {
    // A 401 with a token we believed valid: it was revoked or expired early. Drop it; one fresh try.
    if (!response.hadAuthorization) return false;
    this.token = null;
    return true;
  }

  private refresh(): Promise<CachedToken> {
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetchToken(): Promise<CachedToken> {
    const { baseUrl, clientId, clientSecret, dispatcher } = this.options;
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    const started = this.now();
    let res: Dispatcher.ResponseData;
    try {
      res = await request(new URL('/api/oauth/token', baseUrl), {
        method: 'POST',
        dispatcher,
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: 'grant_type=client_credentials',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch {
      throw new AtlasTransportError('connect', 'The Atlas token endpoint could not be reached.');
    }
    const text = await readCapped(res.body, MAX_TOKEN_BODY_BYTES, 'The Atlas token endpoint').catch((error: unknown) => {
      if (error instanceof AtlasTransportError && error.failure === 'too_large') throw error;
      return '';
    });
    if (res.statusCode === 400 || res.statusCode === 401) {
      throw new AtlasAuthError(`The Atlas token endpoint refused the service account (HTTP ${res.statusCode}).`, res.statusCode);
    }
    if (res.statusCode !== 200) {
      // An outage or a rate limit of the token service, not a verdict on the credentials: retried as Atlas's own are.
      const retryAfterMs = parseRetryAfterMs(headerValue(res.headers['retry-after']), Date.now());
      throw new AtlasTokenEndpointError(res.statusCode, errorCodeOf(text), null, retryAfterMs === null ? null : Math.ceil(retryAfterMs / 1000));
    }
    let body: { access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new AtlasTransportError('malformed', 'The Atlas token endpoint sent a body that is not JSON.', res.statusCode);
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new AtlasAuthError('The Atlas token endpoint sent no access_token.', res.statusCode);
    }
    const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600) * 1000;
    const margin = Math.min(this.options.refreshMarginMs ?? 60_000, lifetimeMs / 2);
    this.token = { value: body.access_token, refreshAt: started + lifetimeMs - margin };
    return this.token;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Atlas's `errorCode` from an error body, when it is one. */
function errorCodeOf(text: string): string | null {
  try {
    const code = (JSON.parse(text) as { errorCode?: unknown }).errorCode;
    return typeof code === 'string' ? code.slice(0, 100) : null;
  } catch {
    return null;
  }
}
