/** Upstream resilience: backoff arithmetic, the retry policy, circuit breakers, rate-limit memory, and their runner. */
export { fullJitterMs, parseCountHeader, parseRetryAfterMs, rateLimitScheduleMs } from './backoff';
export {
  breakerVerdict,
  decideRetry,
  isRateLimited,
  isRateLimitErrorCode,
  isRetryable,
  neverReachedAtlas,
  outcomeOf,
  reasonOf,
  type AttemptOutcome,
  type RetryDecision,
  type RetryOptions,
  type RetryState,
} from './retryPolicy';
export { RouteBreaker, type BreakerOptions, type BreakerResult, type BreakerState } from './RouteBreaker';
export { BreakerBook, type BreakerChange } from './BreakerBook';
export { RateLimitGate } from './RateLimitGate';
export {
  realSleep,
  REAL_CLOCK,
  Resilience,
  type ResilienceClock,
  type ResilienceEvents,
  type ResilienceOptions,
  type ResilientCall,
  type UpstreamRoute,
} from './Resilience';
