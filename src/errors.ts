import { GraphQLError } from 'graphql';
import { AtlasAccessError, AtlasApiError, AtlasAuthError, AtlasShortCircuitError, AtlasTransportError } from './atlas/errors';

/** Every `extensions.code` this gateway sends. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  RATE_LIMITED = 'RATE_LIMITED',
  UPSTREAM_TIMEOUT = 'UPSTREAM_TIMEOUT',
  UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_ERROR = 'UPSTREAM_ERROR',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** A query limit (depth, aliases, root fields, tokens, directives, cost, body size) was exceeded; HTTP 400/413. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** A job asked for by a retired kind (SHARED_TIER, SERVERLESS) or a mismatched one, which the successor API does not know. */
  JOB_NOT_MIGRATED = 'JOB_NOT_MIGRATED',
}

/** Upstream detail under one namespaced extension. */
export interface AtlasErrorExtension {
  status: number | null;
  errorCode: string | null;
  detail: string | null;
}

/**
 * How the gateway routed a request past a retired or mismatched API (`extensions.routing`), on JOB_NOT_MIGRATED and on
 * failures that happened after routing began.
 */
export interface RoutingExtension {
  /** The kind the caller named; null when the gateway discovered it. */
  requestedKind: string | null;
  /** The restore APIs called, in order. */
  triedKinds: string[];
  /** The kind that serves the cluster now, when routing found one; null for a free cluster or none. */
  successorKind: string | null;
  /** The upstream answer that started routing. */
  trigger: { status: number | null; errorCode: string | null } | null;
}

/** A GraphQL error with a code from {@link ErrorCode} (and, for upstream failures, `extensions.atlas`). */
export function gatewayError(
  code: ErrorCode,
  message: string,
  extra: { atlas?: AtlasErrorExtension; retryAfter?: number; argument?: string; limit?: string; max?: number; routing?: RoutingExtension } = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** A `BAD_USER_INPUT` error naming the argument. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return gatewayError(ErrorCode.BAD_USER_INPUT, message, argument ? { argument } : {});
}

/** True for the upstream answers a nullable lookup turns into `null`. */
export function isNotFound(error: unknown): boolean {
  return error instanceof AtlasApiError && error.status === 404;
}

/**
 * The one mapping from upstream failures to GraphQL errors. Messages are written here, never copied from a transport
 * error; Atlas's `detail` is kept, with anything URL-like removed, since Atlas may echo a request URL.
 */
export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof AtlasApiError) {
    const atlas: AtlasErrorExtension = {
      status: error.status,
      errorCode: error.errorCode,
      detail: error.detail === null ? null : scrubDetail(error.detail),
    };
    const [code, message] = classifyStatus(error.status);
    return gatewayError(code, message, {
      atlas,
      ...(error.retryAfterSeconds !== null ? { retryAfter: error.retryAfterSeconds } : {}),
    });
  }
  if (error instanceof AtlasTransportError) {
    const atlas: AtlasErrorExtension = { status: error.status, errorCode: null, detail: null };
    switch (error.failure) {
      case 'timeout':
      case 'aborted':
        return gatewayError(ErrorCode.UPSTREAM_TIMEOUT, 'Atlas did not answer in time.', { atlas });
      case 'connect':
      case 'reset':
        return gatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, 'Atlas could not be reached.', { atlas });
      case 'malformed':
      case 'too_large':
        return gatewayError(ErrorCode.UPSTREAM_ERROR, 'Atlas sent a response the gateway could not read.', { atlas });
    }
  }
  if (error instanceof AtlasShortCircuitError) {
    const atlas: AtlasErrorExtension = { status: null, errorCode: null, detail: null };
    return error.reason === 'circuit_open'
      ? gatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, 'Atlas is failing on this route; the gateway is not calling it for now.', {
          atlas,
          retryAfter: error.retryAfterSeconds,
        })
      : gatewayError(ErrorCode.RATE_LIMITED, 'Atlas rate-limited these credentials; try again later.', {
          atlas,
          retryAfter: error.retryAfterSeconds,
        });
  }
  if (error instanceof AtlasAccessError) return gatewayError(ErrorCode.FORBIDDEN, error.message);
  if (error instanceof AtlasAuthError) {
    return gatewayError(ErrorCode.UNAUTHENTICATED, error.message, {
      atlas: { status: error.status, errorCode: null, detail: null },
    });
  }
  return gatewayError(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error.');
}

function classifyStatus(status: number): [ErrorCode, string] {
  if (status === 400 || status === 422) return [ErrorCode.BAD_USER_INPUT, 'Atlas rejected the request as invalid.'];
  if (status === 401) return [ErrorCode.UNAUTHENTICATED, 'Atlas did not accept the credentials.'];
  if (status === 403) return [ErrorCode.FORBIDDEN, 'The credentials may not read this resource.'];
  if (status === 404 || status === 410) return [ErrorCode.NOT_FOUND, 'Atlas has no such resource.'];
  if (status === 429) return [ErrorCode.RATE_LIMITED, 'Atlas rate-limited the request; try again later.'];
  if (status === 504) return [ErrorCode.UPSTREAM_TIMEOUT, 'Atlas timed out.'];
  if (status === 502 || status === 503) return [ErrorCode.UPSTREAM_UNAVAILABLE, 'Atlas is unavailable.'];
  return [ErrorCode.UPSTREAM_ERROR, `Atlas failed with HTTP ${status}.`];
}

const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;
const SECRETISH = /\b(token|key|secret|signature|sig|password|nonce|cnonce|response|username|authValue)\s*[=:]\s*"?[^\s",]+"?/gi;
const AUTH_SCHEME = /\b(Bearer|Basic|Digest)\s+[^\s,]+/gi;

/** Keeps Atlas's human detail but drops URLs, credentials and `key=value` secrets it might echo; bounded in length. */
export function scrubDetail(detail: string): string {
  return detail
    .replace(URL_LIKE, '[url]')
    .replace(AUTH_SCHEME, '$1 [redacted]')
    .replace(SECRETISH, '$1=[redacted]')
    .slice(0, 500);
}
