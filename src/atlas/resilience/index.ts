/** Upstream resilience: backoff arithmetic, the retry policy, circuit breakers, rate-limit memory, and their runner. */
export { fullJitterMs, parseCountHeader, parseRetryAfterMs, rateLimitScheduleMs } from './backoff';
export { breakerVerdict, decideRetry, isRateLimited, isRateLimitErrorCode, isRetryable, type AttemptOutcome, type RetryDecision, type RetryOptions, type RetryState } from './retryPolicy';
export { CircuitBreaker, type BreakerOptions, type BreakerPermit, type BreakerState } from './CircuitBreaker';
export { RateLimitGate } from './RateLimitGate';
export {
  outcomeOf,
  realSleep,
  REAL_CLOCK,
  Resilience,
  type ResilienceClock,
  type ResilienceEvents,
  type ResilienceOptions,
  type ResilientCall,
  type UpstreamRoute,
} from './Resilience';
