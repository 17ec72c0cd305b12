import { GraphQLError, Kind, type GraphQLFormattedError } from 'graphql';
import { AtlasAccessError, AtlasApiError, AtlasAuthError, AtlasShortCircuitError, AtlasTokenEndpointError, AtlasTransportError } from './atlas/errors';
import type { Failure, Outcome, RoutingTrace } from './restoreJobs/routing/outcomes';

/**
 * The one edge where failures become GraphQL errors. The domain (src/atlas, src/restoreJobs, src/clusters) raises its
 * own errors and answers typed outcomes; resolvers hand them to {@link unwrap} / {@link toGraphQLError}, and Apollo's
 * `formatError` ends in {@link formatError}. Every `extensions.code` comes from {@link ErrorCode}.
 */

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
  /** The gateway is stopping: a request still running at the end of the shutdown grace period was cut short. */
  SHUTTING_DOWN = 'SHUTTING_DOWN',
  /** Snapshots of a cluster still served by a retired API (SHARED_TIER, SERVERLESS), which the snapshot APIs do not list. */
  KIND_RETIRED = 'KIND_RETIRED',
  /** A subscription refused: the connection (WATCH_MAX_PER_CONNECTION) or the process (WATCH_MAX_PER_PROCESS) holds as many as it may. */
  TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS',
  /** A subscription reached its maximum lifetime (WATCH_MAX_LIFETIME_MS) and ended: subscribe again. */
  SUBSCRIPTION_EXPIRED = 'SUBSCRIPTION_EXPIRED',
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
export type RoutingExtension = RoutingTrace;

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

/** The value of an outcome, or its failure thrown as the GraphQL error it means (graphql-js nulls the field). */
export function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw failureToGraphQLError(outcome.failure);
}

/** A router's failure as a GraphQL error, with `extensions.routing` when routing had begun. */
export function failureToGraphQLError(failure: Failure): GraphQLError {
  switch (failure.reason) {
    case 'badInput':
      return badUserInput(failure.message, failure.argument);
    case 'notMigrated': {
      const { requestedKind, jobId, routing } = failure;
      const successor = routing.successorKind;
      return gatewayError(
        ErrorCode.JOB_NOT_MIGRATED,
        successor
          ? `The ${requestedKind} API does not serve this cluster any more, and its successor (${successor}) has no restore job ${jobId}.`
          : `The ${requestedKind} API does not serve this cluster any more, and the cluster has no restore jobs now (a free cluster).`,
        { routing },
      );
    }
    case 'noSnapshotList':
      return gatewayError(
        ErrorCode.KIND_RETIRED,
        `"${failure.clusterName}" is still served by the retired ${failure.kind} API, whose snapshots Atlas's snapshot APIs do not list; once Atlas has migrated it (to flex or a dedicated cluster), its snapshots are listed.`,
      );
    case 'notFound':
      return withRouting(
        failure.what === 'cluster'
          ? gatewayError(ErrorCode.NOT_FOUND, `Atlas knows no cluster or flex cluster named "${failure.clusterName}" in this project.`)
          : gatewayError(ErrorCode.NOT_FOUND, 'Atlas has no such resource.'),
        failure.routing,
      );
    case 'upstream':
      return withRouting(toGraphQLError(failure.error), failure.routing);
  }
}

function withRouting(error: GraphQLError, routing: RoutingTrace | null): GraphQLError {
  return routing ? new GraphQLError(error.message, { extensions: { ...error.extensions, routing } }) : error;
}

/**
 * The one mapping from upstream failures to GraphQL errors. Messages are written here, never copied from a transport
 * error; Atlas's `detail` is kept, with anything URL-like removed, since Atlas may echo a request URL.
 */
export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof AtlasTokenEndpointError && error.status !== 429) {
    // Only a 400/401 of the token endpoint says the credentials are wrong (AtlasAuthError); anything else is an outage.
    return gatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, `The Atlas token endpoint is unavailable (HTTP ${error.status}); the request was not sent.`, {
      atlas: { status: error.status, errorCode: error.errorCode, detail: null },
      ...(error.retryAfterSeconds !== null ? { retryAfter: error.retryAfterSeconds } : {}),
    });
  }
  if (error instanceof AtlasApiError) {
    const atlas: AtlasErrorExtension = {
      status: error.status,
      errorCode: error.errorCode,
      detail: error.detail === null ? null : scrubDetail(error.detail),
    };
    const [code, classified] = classifyStatus(error.status);
    const message =
      error.askedRetryAfterSeconds === null
        ? classified
        : `${classified} Atlas asked to wait ${error.askedRetryAfterSeconds} s; the gateway caps that wait at ${error.retryAfterSeconds} s (ATLAS_MAX_RETRY_AFTER_MS).`;
    return gatewayError(code, message, {
      atlas,
      ...(error.retryAfterSeconds !== null ? { retryAfter: error.retryAfterSeconds } : {}),
    });
  }
  if (error instanceof AtlasTransportError) {
    const atlas: AtlasErrorExtension = { status: error.status, errorCode: null, detail: null };
    switch (error.failure) {
      case 'timeout':
      case 'connect_timeout':
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

/** How much of Atlas's `detail` is kept: it is cut to this before anything else looks at it. */
const DETAIL_MAX_CHARS = 500;
// Every quantifier below is bounded, so each pattern costs at most a constant per character of the (already cut)
// detail: `[a-z0-9+.-]*` in the URL pattern used to rescan to the end from every start, n² on "a.a.a.…" (#14).
const URL_LIKE = /\b[a-z][a-z0-9+.-]{0,31}:\/\/\S{1,2048}/gi;
/**
 * `name=value` or `name: value` secrets. The name may end in a secret word after any prefix (`privateKey`, `apiKey`,
 * `access_token`, `client_secret`, `x-api-key`): `\b` alone splits neither camelCase nor snake_case names. The name
 * may be quoted (`"apiKey": "…"`).
 */
const SECRETISH =
  /\b([A-Za-z0-9_-]{0,40}?(?:token|key|secret|signature|sig|password|passwd|nonce|cnonce|response|username|authValue|credentials?))"?\s{0,8}[=:]\s{0,8}"?[^\s",]{1,2048}"?/gi;
const AUTH_SCHEME = /\b(Bearer|Basic|Digest)\s{1,8}[^\s,]{1,2048}/gi;

/**
 * Keeps Atlas's human detail but drops URLs, credentials and `key=value` secrets it might echo. Cut to 500 characters
 * first (a secret that straddles the cut keeps its name, so it is still found), so hostile details of any size cost
 * the same.
 */
export function scrubDetail(detail: string): string {
  return detail
    .slice(0, DETAIL_MAX_CHARS)
    .replace(URL_LIKE, '[url]')
    .replace(AUTH_SCHEME, '$1 [redacted]')
    .replace(SECRETISH, '$1=[redacted]');
}

const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens\. Parsing aborted\.$/;
/**
 * graphql-js's suggestions (jsutils/didYouMean.js): ` Did you mean "a", "b", or "c"?` after unknown fields, arguments,
 * types and input fields, and ` Did you mean the enum value "X"?` after an unknown enum value (type/definition.js,
 * `didYouMeanEnumValue`, for a literal in the document and for a variable's value alike). Suggestions name only schema
 * elements, never a `?`.
 */
const SUGGESTION = / ?Did you mean [^?]{1,1000}\?/g;
/** NOTE: Apollo Server 5 throws this one with no code (requestPipeline.js), which would leave as INTERNAL_SERVER_ERROR. */
const APQ_HASH_MISMATCH = 'provided sha does not match query';

/** The kinds of a literal value in a document (an argument's or an input field's value, never a field or a name). */
const VALUE_KINDS: ReadonlySet<string> = new Set([
  Kind.INT,
  Kind.FLOAT,
  Kind.STRING,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
]);

/**
 * True for a validation error about a literal value only (graphql-js's ValuesOfCorrectTypeRule: a malformed ObjectID,
 * a string for an Int, an unknown enum value, a missing input field): it points at value nodes and nothing else. The
 * same value sent as a variable is Apollo's BAD_USER_INPUT, so the literal gets that code too; a query of the wrong
 * shape (unknown field or argument) keeps GRAPHQL_VALIDATION_FAILED.
 */
function isLiteralValueError(error: unknown): boolean {
  const nodes = error instanceof GraphQLError ? error.nodes : undefined;
  return nodes !== undefined && nodes.length > 0 && nodes.every((node) => VALUE_KINDS.has(node.kind));
}

/** What {@link formatError} reports an unexpected error to (the type and stack frames only, never its message). */
export type UnexpectedErrorLog = (details: { errName: string; stack: string | undefined; path: GraphQLFormattedError['path'] }) => void;

/**
 * Apollo's `formatError`: every error leaves with a code from ErrorCode or Apollo's own request codes. Limit errors
 * get theirs back (Apollo rewrites validation errors' codes to GRAPHQL_VALIDATION_FAILED, keeping ours on the original
 * error, and reports the parser's token limit as GRAPHQL_PARSE_FAILED; NOTE: graphql-js marks the token limit only in
 * its message, "more that" [sic] in 16.x). Anything unexpected is INTERNAL_SERVER_ERROR with a fixed message, so no
 * internal detail (or secret) leaves in one.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logUnexpected: UnexpectedErrorLog,
  options: { hideSuggestions?: boolean; stopping?: boolean } = {},
): GraphQLFormattedError {
  const out = formatKnown(formatted, error, logUnexpected);
  // Once the gateway has aborted what was still running (the end of the shutdown grace), an upstream call cut short
  // timed out because of that, not because Atlas was slow: say so, so the caller sends the request again elsewhere.
  if (options.stopping && out.extensions?.code === ErrorCode.UPSTREAM_TIMEOUT) {
    return {
      message: 'The gateway is shutting down and cut this request short; send it again.',
      ...(out.locations ? { locations: out.locations } : {}),
      ...(out.path ? { path: out.path } : {}),
      extensions: { code: ErrorCode.SHUTTING_DOWN },
    };
  }
  // In production the schema is not for guessing: introspection is off, and no message names what a typo was close to.
  return options.hideSuggestions && out.message.includes('Did you mean ') ? { ...out, message: out.message.replace(SUGGESTION, '') } : out;
}

function formatKnown(formatted: GraphQLFormattedError, error: unknown, logUnexpected: UnexpectedErrorLog): GraphQLFormattedError {
  const original = (error as { originalError?: unknown } | null)?.originalError;
  if (original instanceof GraphQLError && original.extensions.code === ErrorCode.QUERY_TOO_COMPLEX) {
    const { limit, max } = original.extensions;
    return { message: original.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, max } };
  }
  const tokens = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
  if (tokens) {
    const max = Number(tokens[1]);
    return { message: `Token limit of ${max} exceeded.`, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'tokens', max } };
  }
  if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && isLiteralValueError(error)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  if (error instanceof GraphQLError && original === undefined && error.message === APQ_HASH_MISMATCH) {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  const code = formatted.extensions?.code;
  const known = typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR;
  if (known) return formatted;
  if (original === undefined && code !== undefined) return formatted;
  const unexpected = original instanceof Error ? original : error instanceof Error ? error : null;
  logUnexpected({ errName: unexpected?.name ?? typeof original, stack: unexpected?.stack?.split('\n').slice(1, 6).join('\n'), path: formatted.path });
  return {
    message: 'Internal server error.',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
