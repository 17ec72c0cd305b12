import { AtlasApiError, AtlasShortCircuitError, AtlasTransportError } from '../atlas/errors';
import { isRateLimitErrorCode } from '../atlas/resilience/retryPolicy';
import type { Context } from '../context';
import { failureToGraphQLError } from '../errors';
import type { RestoreJobRef } from '../restoreJobs/globalId';
import type { Failure } from '../restoreJobs/routing/outcomes';
import type { PollOutcome } from '../watch';

/**
 * One poll of a watched job through a fresh context's router (the credential's retries, breakers and cache): the job,
 * GONE when Atlas does not know it or its cluster any more, a retry for what may mend (rate limits, 5xx, timeouts, an
 * open breaker: Atlas's wait kept), or a fatal failure, as the GraphQL error it means, for what will not.
 */
export async function pollJob(context: Context, ref: RestoreJobRef): Promise<PollOutcome> {
  const outcome = await context.router.job(ref.kind, ref);
  if (outcome.ok) return outcome.value ? { type: 'job', job: outcome.value } : { type: 'gone' };
  return failedPoll(outcome.failure);
}

/** A router failure as a poll outcome. */
export function failedPoll(failure: Failure): PollOutcome {
  if (failure.reason === 'notFound') return { type: 'gone' };
  if (failure.reason === 'upstream') {
    const retry = transient(failure.error);
    if (retry) return retry;
  }
  const error = failureToGraphQLError(failure);
  return { type: 'fatal', failure: { message: error.message, extensions: { ...error.extensions } } };
}

function transient(error: unknown): PollOutcome | null {
  if (error instanceof AtlasShortCircuitError) return { type: 'retry', retryAfterMs: error.retryAfterSeconds * 1000, reason: error.reason };
  if (error instanceof AtlasTransportError) return error.failure === 'too_large' ? null : { type: 'retry', retryAfterMs: null, reason: error.failure };
  if (error instanceof AtlasApiError) {
    const rateLimited = error.status === 429 || isRateLimitErrorCode(error.errorCode);
    if (!rateLimited && error.status < 500) return null;
    return { type: 'retry', retryAfterMs: error.retryAfterSeconds === null ? null : error.retryAfterSeconds * 1000, reason: rateLimited ? 'rate_limited' : String(error.status) };
  }
  return null;
}
