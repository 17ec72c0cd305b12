import type { RetryOptions } from '../../config';
import { AtlasApiError, AtlasTokenEndpointError, AtlasTransportError, type AtlasTransportFailure } from '../errors';
import { fullJitterMs, rateLimitScheduleMs } from './backoff';

export type { RetryOptions };

/** Atlas's `errorCode`s for rate limiting: the spec's `RATE_LIMITED` and the token bucket's `RATE_LIMITED_TOKEN_BUCKET`. */
export function isRateLimitErrorCode(errorCode: string | null): boolean {
  return errorCode !== null && /^RATE_LIMITED(_|$)/.test(errorCode);
}

/** How one attempt ended, as the policy sees it. */
export type AttemptOutcome =
  | {
      type: 'status';
      status: number;
      errorCode: string | null;
      /** From `Retry-After`, or the token bucket's body when the header is missing. */
      retryAfterMs: number | null;
      /** `RateLimit-Remaining`, when sent. */
      rateLimitRemaining: number | null;
      /** The answer came from the token endpoint: the request itself was never sent. */
      unsent?: boolean;
    }
  | { type: 'transport'; failure: AtlasTransportFailure }
  | { type: 'other' };

/** The policy's view of a failed attempt. */
export function outcomeOf(error: unknown): AttemptOutcome {
  if (error instanceof AtlasApiError) {
    return {
      type: 'status',
      status: error.status,
      errorCode: error.errorCode,
      retryAfterMs: error.retryAfterSeconds === null ? null : error.retryAfterSeconds * 1000,
      rateLimitRemaining: error.rateLimitRemaining,
      ...(error instanceof AtlasTokenEndpointError ? { unsent: true } : {}),
    };
  }
  if (error instanceof AtlasTransportError) return { type: 'transport', failure: error.failure };
  return { type: 'other' };
}

/** The reason a retry names in events and metrics: `rate_limited`, the status, or the transport failure. */
export function reasonOf(outcome: AttemptOutcome): string {
  if (isRateLimited(outcome)) return 'rate_limited';
  if (outcome.type === 'status') return String(outcome.status);
  return outcome.type === 'transport' ? outcome.failure : 'other';
}

/** True when Atlas is telling the caller to slow down: a 429, a rate-limit error code, or an empty bucket on a 503. */
export function isRateLimited(outcome: AttemptOutcome): boolean {
  if (outcome.type !== 'status') return false;
  return (
    outcome.status === 429 ||
    isRateLimitErrorCode(outcome.errorCode) ||
    // NOTE: the spec says Retry-After "might be returned for 429 or 503"; a 503 that also reports an empty bucket is
    // a rate limit, not an outage, and is waited out on the rate-limit schedule.
    (outcome.status === 503 && outcome.rateLimitRemaining === 0)
  );
}

/**
 * True only when the request certainly never reached Atlas: the connection could not be made (refused, unknown host,
 * unreachable). A reset, a timeout or any answer may come after Atlas acted on it.
 */
export function neverReachedAtlas(outcome: AttemptOutcome): boolean {
  return outcome.type === 'transport' && (outcome.failure === 'connect' || outcome.failure === 'connect_timeout');
}

/**
 * Whether the outcome is worth another attempt of an idempotent request (a GET): rate limits, 502/503/504 and
 * resets. One that is not idempotent is retried only when it {@link neverReachedAtlas}.
 */
export function isRetryable(outcome: AttemptOutcome): boolean {
  if (isRateLimited(outcome)) return true;
  // A token endpoint's 500 is an outage of the token service like its 503: the request itself waits for a token.
  if (outcome.type === 'status') return outcome.status === 502 || outcome.status === 503 || outcome.status === 504 || (outcome.unsent === true && outcome.status >= 500);
  return outcome.type === 'transport' && outcome.failure === 'reset';
}

/** What a circuit breaker makes of an outcome: 5xx, timeouts and failed connections count against the route. */
export function breakerVerdict(outcome: AttemptOutcome): 'success' | 'failure' | 'neutral' {
  if (outcome.type === 'status') {
    if (isRateLimited(outcome)) return 'success'; // Atlas is up, and says so.
    return outcome.status >= 500 ? 'failure' : 'success';
  }
  if (outcome.type === 'transport') {
    if (outcome.failure === 'timeout' || outcome.failure === 'connect' || outcome.failure === 'connect_timeout' || outcome.failure === 'reset') return 'failure';
    // `aborted` is the caller's deadline, `malformed`/`too_large` a body problem: neither says the route is down.
    return 'neutral';
  }
  return 'neutral';
}

/** Where the request stands when an attempt has failed. */
export interface RetryState {
  /** Retries already made (0 after the first attempt). */
  retries: number;
  /** Rate-limited answers before this one. */
  rateLimitedSoFar: number;
  /** Time left before the request's deadline (Infinity when it has none). */
  remainingMs: number;
  /** Whether sending the request again is harmless (default true: a GET); when false, see {@link neverReachedAtlas}. */
  idempotent?: boolean;
}

/**
 * The policy's answer. `floorMs`/`waitMs` is the wait Atlas asked for (`Retry-After`, else the rate-limit schedule),
 * jitter excluded: what a caller is told in `retryAfter` and what other requests are held to.
 */
export type RetryDecision =
  | { retry: true; delayMs: number; floorMs: number; rateLimited: boolean }
  | { retry: false; reason: 'not_retryable' | 'exhausted' | 'deadline'; rateLimited: boolean; waitMs: number | null };

/**
 * Decides whether and when to retry. Rate-limited calls wait at least `Retry-After` (or, without one, Atlas's
 * 10/20/40 s schedule) plus a full-jitter spread; 502/503/504 and resets wait a full-jitter backoff (never less than
 * a `Retry-After` the answer carried). Every wait Atlas asks for (`Retry-After`, a token-bucket body) is cut to `maxRetryAfterMs`. A wait that would end past the request's deadline is not taken: the call fails
 * now, and the wait is reported so the caller can be told when to come back. A request that is not idempotent is
 * retried only when it never reached Atlas; a rate limit on it still reports the wait.
 */
export function decideRetry(
  outcome: AttemptOutcome,
  state: RetryState,
  options: RetryOptions,
  random: () => number,
): RetryDecision {
  const rateLimited = isRateLimited(outcome);
  const askedMs = outcome.type === 'status' ? outcome.retryAfterMs : null;
  // No wait Atlas imposes lasts longer than maxRetryAfterMs: one `Retry-After: 3600` would otherwise hold the route
  // for an hour, for every caller of a shared credential.
  const retryAfterMs = askedMs === null ? null : Math.min(askedMs, options.maxRetryAfterMs);
  const jitter = fullJitterMs(state.retries, options.baseDelayMs, options.maxDelayMs, random);
  // What Atlas asked for (or its documented schedule): reported to callers, and remembered for other requests.
  // NOTE: the gateway's own schedule (without a Retry-After) is not cut: it is bounded by maxRetries (at most 80 s).
  const floorMs = rateLimited ? (retryAfterMs ?? rateLimitScheduleMs(state.rateLimitedSoFar, options.rateLimitBaseMs)) : (retryAfterMs ?? 0);
  const delayMs = rateLimited ? floorMs + jitter : Math.max(floorMs, jitter);
  const unsent = outcome.type === 'status' && outcome.unsent === true;
  const retryable = (state.idempotent ?? true) || unsent ? isRetryable(outcome) : neverReachedAtlas(outcome);
  if (!retryable) return { retry: false, reason: 'not_retryable', rateLimited, waitMs: rateLimited ? floorMs : null };
  if (state.retries >= options.maxRetries) return { retry: false, reason: 'exhausted', rateLimited, waitMs: rateLimited ? floorMs : retryAfterMs };
  if (delayMs >= state.remainingMs) return { retry: false, reason: 'deadline', rateLimited, waitMs: rateLimited ? floorMs : retryAfterMs };
  return { retry: true, delayMs, floorMs, rateLimited };
}
