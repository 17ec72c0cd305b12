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
    /** Seconds from `Retry-After`, when present. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`Atlas answered ${status}${errorCode ? ` ${errorCode}` : ''}`);
  }
}

/** What went wrong below HTTP semantics. */
export type AtlasTransportFailure = 'timeout' | 'connect' | 'reset' | 'malformed' | 'aborted' | 'too_large';

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
