import { AtlasApiError, AtlasAuthError, AtlasTransportError } from '../../src/atlas/errors';
import {
  breakerVerdict,
  decideRetry,
  fullJitterMs,
  isRateLimited,
  isRetryable,
  neverReachedAtlas,
  outcomeOf,
  parseCountHeader,
  parseRetryAfterMs,
  RateLimitGate,
  rateLimitScheduleMs,
  reasonOf,
  type AttemptOutcome,
  type RetryOptions,
} from '../../src/atlas/resilience';
import { FakeClock } from '../support/clock';

const RETRY: RetryOptions = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 5_000, rateLimitBaseMs: 10_000, maxRetryAfterMs: 60_000 };
const status = (s: number, extra: Partial<Extract<AttemptOutcome, { type: 'status' }>> = {}): AttemptOutcome => ({
  type: 'status',
  status: s,
  errorCode: null,
  retryAfterMs: null,
  rateLimitRemaining: null,
  ...extra,
});
const transport = (failure: Extract<AttemptOutcome, { type: 'transport' }>['failure']): AttemptOutcome => ({ type: 'transport', failure });

describe('backoff arithmetic', () => {
  it('full jitter is uniform below min(max, base * 2^n)', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => fullJitterMs(n, 250, 5_000, () => 0.999999))).toEqual([249, 499, 999, 1999, 3999, 4999, 4999]);
    expect(fullJitterMs(3, 250, 5_000, () => 0)).toBe(0);
    expect(fullJitterMs(1, 250, 5_000, () => 0.5)).toBe(250);
    // A broken random source cannot make a negative or unbounded wait.
    expect([NaN, -1, 2].map((r) => fullJitterMs(0, 100, 1_000, () => r))).toEqual([0, 0, 99]);
  });

  it("Atlas's rate-limit schedule is 10, 20, 40 s", () => {
    expect([0, 1, 2].map((n) => rateLimitScheduleMs(n, 10_000))).toEqual([10_000, 20_000, 40_000]);
  });

  it('reads Retry-After as seconds or an HTTP date, and nothing else', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfterMs('7', now)).toBe(7_000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    expect([undefined, '', '-1', '1.5', 'soon', '2015-10-21', '99999999999'].map((v) => parseRetryAfterMs(v, now))).toEqual([null, null, null, null, null, null, null]);
  });

  it('reads RateLimit-* counts', () => {
    expect(['0', '42', ' 7', undefined, '-1', 'many'].map(parseCountHeader)).toEqual([0, 42, 7, null, null, null]);
  });
});

describe('retry policy', () => {
  it('retries 429, 502, 503, 504 and resets; nothing else', () => {
    const retryable = [429, 502, 503, 504].map((s) => status(s));
    const not = [400, 401, 403, 404, 409, 500, 501].map((s) => status(s));
    expect(retryable.map(isRetryable)).toEqual([true, true, true, true]);
    expect(not.map(isRetryable)).toEqual(not.map(() => false));
    expect((['reset', 'timeout', 'connect', 'malformed', 'aborted', 'too_large'] as const).map((f) => isRetryable(transport(f)))).toEqual([
      true, false, false, false, false, false,
    ]);
  });

  it("recognises Atlas's rate-limit codes and an empty bucket on a 503", () => {
    expect(isRateLimited(status(400, { errorCode: 'RATE_LIMITED_TOKEN_BUCKET' }))).toBe(true);
    expect(isRateLimited(status(500, { errorCode: 'RATE_LIMITED' }))).toBe(true);
    expect(isRateLimited(status(503, { rateLimitRemaining: 0 }))).toBe(true);
    expect(isRateLimited(status(503, { rateLimitRemaining: 3 }))).toBe(false);
    expect(isRateLimited(status(400, { errorCode: 'NOT_RATE_LIMITED' }))).toBe(false);
  });

  it('the breaker counts 5xx, timeouts and failed connections; not 4xx, rate limits or the caller\'s own deadline', () => {
    expect([500, 502, 503, 504].map((s) => breakerVerdict(status(s)))).toEqual(['failure', 'failure', 'failure', 'failure']);
    expect([400, 401, 404, 429].map((s) => breakerVerdict(status(s)))).toEqual(['success', 'success', 'success', 'success']);
    expect(breakerVerdict(status(503, { rateLimitRemaining: 0 }))).toBe('success');
    expect((['timeout', 'connect', 'reset', 'aborted', 'malformed'] as const).map((f) => breakerVerdict(transport(f)))).toEqual([
      'failure', 'failure', 'failure', 'neutral', 'neutral',
    ]);
  });

  it('a 503: full jitter, at least any Retry-After; stops after maxRetries', () => {
    const state = { retries: 0, rateLimitedSoFar: 0, remainingMs: Infinity };
    expect(decideRetry(status(503), state, RETRY, () => 0.5)).toEqual({ retry: true, delayMs: 125, floorMs: 0, rateLimited: false });
    expect(decideRetry(status(503, { retryAfterMs: 2_000 }), state, RETRY, () => 0.5)).toEqual({ retry: true, delayMs: 2_000, floorMs: 2_000, rateLimited: false });
    expect(decideRetry(status(503), { ...state, retries: 3 }, RETRY, () => 0.5)).toEqual({ retry: false, reason: 'exhausted', rateLimited: false, waitMs: null });
    expect(decideRetry(status(500), state, RETRY, () => 0.5)).toEqual({ retry: false, reason: 'not_retryable', rateLimited: false, waitMs: null });
  });

  it('a 429: Retry-After, else the schedule by rate-limited answers so far, plus jitter; fails now when the wait outlasts the deadline', () => {
    const state = { retries: 1, rateLimitedSoFar: 1, remainingMs: 60_000 };
    expect(decideRetry(status(429), state, RETRY, () => 0.5)).toEqual({ retry: true, delayMs: 20_250, floorMs: 20_000, rateLimited: true });
    expect(decideRetry(status(429, { retryAfterMs: 5_000 }), state, RETRY, () => 0)).toEqual({ retry: true, delayMs: 5_000, floorMs: 5_000, rateLimited: true });
    expect(decideRetry(status(429), { ...state, remainingMs: 20_000 }, RETRY, () => 0.5)).toEqual({ retry: false, reason: 'deadline', rateLimited: true, waitMs: 20_000 });
    expect(decideRetry(status(429), { ...state, retries: 3 }, RETRY, () => 0.5)).toEqual({ retry: false, reason: 'exhausted', rateLimited: true, waitMs: 20_000 });
  });

  it('turns errors into outcomes', () => {
    expect(outcomeOf(new AtlasApiError(429, 'RATE_LIMITED', null, 3, 0))).toEqual(status(429, { errorCode: 'RATE_LIMITED', retryAfterMs: 3_000, rateLimitRemaining: 0 }));
    expect(outcomeOf(new AtlasTransportError('reset', 'x'))).toEqual(transport('reset'));
    expect(outcomeOf(new AtlasAuthError('x'))).toEqual({ type: 'other' });
  });

  it('names the reason of a retry', () => {
    expect([status(429), status(503, { rateLimitRemaining: 0 }), status(503), transport('reset'), { type: 'other' as const }].map(reasonOf)).toEqual([
      'rate_limited', 'rate_limited', '503', 'reset', 'other',
    ]);
  });
});

describe('RateLimitGate', () => {
  it('holds a key until its time, never shortens a block, and keeps keys apart', () => {
    const clock = new FakeClock();
    const gate = new RateLimitGate(clock.now, 2);
    gate.block('a', 1_000);
    gate.block('a', 10);
    expect([gate.remainingMs('a'), gate.remainingMs('b')]).toEqual([1_000, 0]);
    clock.advance(1_000);
    expect(gate.remainingMs('a')).toBe(0);
    gate.block('a', 5);
    gate.block('b', 5);
    gate.block('c', 5);
    expect([gate.remainingMs('a'), gate.remainingMs('b'), gate.remainingMs('c')]).toEqual([0, 5, 5]);
  });
});

describe('retry policy for requests that are not idempotent', () => {
  const write = { retries: 0, rateLimitedSoFar: 0, remainingMs: Infinity, idempotent: false };

  it('only a connection that could not be made certainly never reached Atlas', () => {
    expect((['connect', 'reset', 'timeout', 'aborted', 'malformed', 'too_large'] as const).map((f) => neverReachedAtlas(transport(f)))).toEqual([
      true, false, false, false, false, false,
    ]);
    expect([429, 500, 502, 503, 504].map((s) => neverReachedAtlas(status(s)))).toEqual([false, false, false, false, false]);
    expect(neverReachedAtlas({ type: 'other' })).toBe(false);
  });

  it('retries a refused connection with full jitter, up to maxRetries and within the deadline', () => {
    expect(decideRetry(transport('connect'), write, RETRY, () => 0.5)).toEqual({ retry: true, delayMs: 125, floorMs: 0, rateLimited: false });
    expect(decideRetry(transport('connect'), { ...write, retries: 2 }, RETRY, () => 0.5)).toEqual({ retry: true, delayMs: 500, floorMs: 0, rateLimited: false });
    expect(decideRetry(transport('connect'), { ...write, retries: 3 }, RETRY, () => 0.5)).toEqual({ retry: false, reason: 'exhausted', rateLimited: false, waitMs: null });
    expect(decideRetry(transport('connect'), { ...write, remainingMs: 125 }, RETRY, () => 0.5)).toEqual({ retry: false, reason: 'deadline', rateLimited: false, waitMs: null });
  });

  it('never retries what may have reached Atlas: a reset, a timeout, a 5xx', () => {
    const maybeSent = [transport('reset'), transport('timeout'), status(500), status(502), status(503, { retryAfterMs: 2_000 }), status(504)];
    expect(maybeSent.map((o) => decideRetry(o, write, RETRY, () => 0.5))).toEqual(
      maybeSent.map(() => ({ retry: false, reason: 'not_retryable', rateLimited: false, waitMs: null })),
    );
  });

  it('never retries a rate limit, but reports the wait Atlas asked for (Retry-After, else the schedule)', () => {
    expect(decideRetry(status(429, { retryAfterMs: 5_000 }), write, RETRY, () => 0.5)).toEqual({ retry: false, reason: 'not_retryable', rateLimited: true, waitMs: 5_000 });
    expect(decideRetry(status(429), write, RETRY, () => 0.5)).toEqual({ retry: false, reason: 'not_retryable', rateLimited: true, waitMs: 10_000 });
    expect(decideRetry(status(503, { rateLimitRemaining: 0 }), { ...write, rateLimitedSoFar: 1 }, RETRY, () => 0.5)).toEqual({
      retry: false,
      reason: 'not_retryable',
      rateLimited: true,
      waitMs: 20_000,
    });
  });

  it("retries the token endpoint's outage even for a write: the write itself was never sent", () => {
    const unsent = (s: number) => status(s, { unsent: true });
    expect([500, 503, 401, 404].map((s) => decideRetry(unsent(s), write, RETRY, () => 0.5).retry)).toEqual([true, true, false, false]);
    expect(decideRetry(unsent(503), write, RETRY, () => 0.5)).toEqual({ retry: true, delayMs: 125, floorMs: 0, rateLimited: false });
    expect(decideRetry(unsent(429), write, RETRY, () => 0.5)).toEqual({ retry: true, delayMs: 10_125, floorMs: 10_000, rateLimited: true });
  });

  it('an idempotent request (the default) keeps the GET rules', () => {
    const get = { retries: 0, rateLimitedSoFar: 0, remainingMs: Infinity };
    expect(decideRetry(status(503), { ...get, idempotent: true }, RETRY, () => 0.5)).toEqual(decideRetry(status(503), get, RETRY, () => 0.5));
    expect(decideRetry(status(503), get, RETRY, () => 0.5)).toEqual({ retry: true, delayMs: 125, floorMs: 0, rateLimited: false });
    expect(decideRetry(transport('connect'), get, RETRY, () => 0.5)).toEqual({ retry: false, reason: 'not_retryable', rateLimited: false, waitMs: null });
  });
});
