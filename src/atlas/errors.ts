/**
 * Errors of the REST side. They carry what the GraphQL layer needs to classify them (src/errors.ts maps them) and
 * never a credential: messages are built from status codes and Atlas's own error fields only.
 */

/** Atlas answered with a non-2xx status; `errorCode`/`detail` come from its `ApiError` body when it sent one. */
export class AtlasApiError extends Error {
  override readonly name = 'AtlasApiError';
  constructor(
    readonly status: number,
    readonly errorCode: string | null,
    readonly detail: string | null,
    /** Seconds to wait: from `Retry-After`, Atlas's token-bucket body, or the retry policy's next wait. */
    readonly retryAfterSeconds: number | null = null,
    /** `RateLimit-Remaining`, when Atlas sent it. */
    readonly rateLimitRemaining: number | null = null,
    /** The wait Atlas asked for, in seconds, when the gateway cut it to `retryAfterSeconds` (ATLAS_MAX_RETRY_AFTER_MS). */
    readonly askedRetryAfterSeconds: number | null = null,
  ) {
    super(`Atlas answered ${status}${errorCode ? ` ${errorCode}` : ''}`);
  }

  /** The same answer with the wait the caller should be told about (and the longer one Atlas asked for, if cut). */
  withRetryAfter(seconds: number, askedSeconds: number | null = this.askedRetryAfterSeconds): AtlasApiError {
    const Same = this.constructor as typeof AtlasApiError;
    return new Same(this.status, this.errorCode, this.detail, seconds, this.rateLimitRemaining, askedSeconds !== null && askedSeconds > seconds ? askedSeconds : null);
  }
}

/**
 * The token endpoint (`/api/oauth/token`) answered with neither a token nor a refusal of the credentials (400/401):
 * an outage (5xx), a rate limit (429) or another status. The request the token was for was never sent, so even a
 * write may be tried again after it.
 */
export class AtlasTokenEndpointError extends AtlasApiError {}

/** What went wrong below HTTP semantics. */
export type AtlasTransportFailure =
  | 'timeout'
  /** The connection could not be made in time: nothing was sent (a write may be tried again). */
  | 'connect_timeout'
  | 'connect'
  | 'reset'
  | 'malformed'
  | 'aborted'
  | 'too_large';

/** The call did not produce a usable Atlas answer: timeout, refused or reset connection, or a body that is not JSON. */
export class AtlasTransportError extends Error {
  override readonly name = 'AtlasTransportError';
  constructor(
    readonly failure: AtlasTransportFailure,
    message: string,
    /** The HTTP status, when a response arrived (a malformed body). */
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** The caller gave the gateway no usable credential (passthrough mode without a bearer token, a failed token exchange). */
export class AtlasAuthError extends Error {
  override readonly name = 'AtlasAuthError';
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** This gateway does not serve the project (`ALLOWED_PROJECT_IDS`); nothing was sent to Atlas. */
export class AtlasAccessError extends Error {
  override readonly name = 'AtlasAccessError';
  constructor(readonly projectId: string | null) {
    super(projectId === null ? 'This gateway serves no such resource.' : `This gateway does not serve project ${projectId}.`);
  }
}

/**
 * The gateway did not call Atlas: the route's circuit breaker is open (`circuit_open`), or Atlas asked this
 * credential to wait longer than the request has left (`rate_limited`).
 */
export class AtlasShortCircuitError extends Error {
  override readonly name = 'AtlasShortCircuitError';
  constructor(
    readonly reason: 'circuit_open' | 'rate_limited',
    /** Whole seconds until a call may be worth trying. */
    readonly retryAfterSeconds: number,
  ) {
    super(reason === 'circuit_open' ? 'Atlas is failing on this route; not calling it for now.' : 'Atlas rate-limited this credential.');
  }
}
