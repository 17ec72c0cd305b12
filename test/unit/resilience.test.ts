import { AtlasApiError, AtlasAuthError, AtlasShortCircuitError, AtlasTransportError } from '../../src/atlas/errors';
import {
  breakerVerdict,
  CircuitBreaker,
  decideRetry,
  fullJitterMs,
  isRateLimited,
  isRetryable,
  outcomeOf,
  parseCountHeader,
  parseRetryAfterMs,
  RateLimitGate,
  rateLimitScheduleMs,
  Resilience,
  type AttemptOutcome,
  type BreakerState,
  type RetryOptions,
} from '../../src/atlas/resilience';
import { FakeClock } from '../support/clock';

const RETRY: RetryOptions = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 5_000, rateLimitBaseMs: 10_000 };
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
});

describe('CircuitBreaker', () => {
  function breaker(clock: FakeClock, changes: [BreakerState, BreakerState][]): CircuitBreaker {
    return new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1_000 }, clock.now, (from, to) => changes.push([from, to]));
  }

  it('opens after N consecutive failures; a success in between resets the count', () => {
    const clock = new FakeClock();
    const changes: [BreakerState, BreakerState][] = [];
    const b = breaker(clock, changes);
    for (const verdict of ['failure', 'failure', 'success', 'failure', 'failure', 'neutral'] as const) b.record(verdict, false);
    expect(b.state).toBe('closed');
    b.record('failure', false);
    expect(b.state).toBe('open');
    expect(b.acquire()).toEqual({ allowed: false, retryAfterMs: 1_000 });
    clock.advance(400);
    expect(b.acquire()).toEqual({ allowed: false, retryAfterMs: 600 });
    expect(changes).toEqual([['closed', 'open']]);
  });

  it('half-open lets exactly one probe through; its failure reopens, its success closes', () => {
    const clock = new FakeClock();
    const changes: [BreakerState, BreakerState][] = [];
    const b = breaker(clock, changes);
    for (let i = 0; i < 3; i += 1) b.record('failure', false);
    clock.advance(1_000);
    expect(b.state).toBe('half_open');
    expect(b.acquire()).toEqual({ allowed: true, probe: true });
    expect(b.acquire()).toEqual({ allowed: false, retryAfterMs: 1_000 });
    b.record('failure', true);
    expect(b.state).toBe('open');
    clock.advance(1_000);
    expect(b.acquire()).toEqual({ allowed: true, probe: true });
    b.record('neutral', true);
    expect(b.acquire()).toEqual({ allowed: true, probe: true });
    b.record('success', true);
    expect(b.state).toBe('closed');
    expect(b.acquire()).toEqual({ allowed: true, probe: false });
    expect(changes).toEqual([
      ['closed', 'open'],
      ['open', 'half_open'],
      ['half_open', 'open'],
      ['open', 'half_open'],
      ['half_open', 'closed'],
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

describe('Resilience.run', () => {
  const route = { kind: 'FLEX', operation: 'get' };
  const call = (clock: FakeClock, deadlineMs = 60_000) => ({ route, identity: 'id-1', deadlineAt: clock.now() + deadlineMs });

  function failing(errors: unknown[], value = 'ok'): { attempt: () => Promise<string>; count: () => number } {
    let n = 0;
    return {
      attempt: async () => {
        const error = errors[n];
        n += 1;
        if (error !== undefined) throw error;
        return value;
      },
      count: () => n,
    };
  }

  it('retries a reset and a 503, then returns; the waits are the policy\'s', async () => {
    const clock = new FakeClock();
    const retries: string[] = [];
    const r = new Resilience({ retry: RETRY, breaker: { failureThreshold: 10, cooldownMs: 1_000 } }, clock, {
      onRetry: (e) => retries.push(`${e.retry}:${e.reason}:${e.delayMs}`),
    });
    const f = failing([new AtlasTransportError('reset', 'x'), new AtlasApiError(503, null, null)]);
    await expect(r.run(call(clock), f.attempt)).resolves.toBe('ok');
    expect(f.count()).toBe(3);
    expect(retries).toEqual(['1:reset:125', '2:503:250']);
  });

  it('a 429 whose wait outlasts the deadline fails at once with retryAfter; the same credential then fails fast without a call, another does not', async () => {
    const clock = new FakeClock();
    const r = new Resilience({ retry: RETRY, breaker: { failureThreshold: 10, cooldownMs: 1_000 } }, clock);
    const f = failing([new AtlasApiError(429, 'RATE_LIMITED', null, 120)]);
    await expect(r.run(call(clock), f.attempt)).rejects.toEqual(new AtlasApiError(429, 'RATE_LIMITED', null, 120));
    const g = failing([]);
    await expect(r.run(call(clock), g.attempt)).rejects.toEqual(new AtlasShortCircuitError('rate_limited', 120));
    expect(g.count()).toBe(0);
    await expect(r.run({ ...call(clock), identity: 'id-2' }, g.attempt)).resolves.toBe('ok');
    // Within the deadline, the wait is taken instead.
    clock.advance(100_000);
    await expect(r.run(call(clock), g.attempt)).resolves.toBe('ok');
    expect(clock.sleeps).toEqual([20_000]);
  });

  it('an open breaker refuses without calling; errors that are not the upstream\'s pass through untouched', async () => {
    const clock = new FakeClock();
    const r = new Resilience({ retry: { ...RETRY, maxRetries: 0 }, breaker: { failureThreshold: 1, cooldownMs: 5_000 } }, clock);
    await expect(r.run(call(clock), failing([new AtlasApiError(500, null, null)]).attempt)).rejects.toBeInstanceOf(AtlasApiError);
    const f = failing([]);
    await expect(r.run(call(clock), f.attempt)).rejects.toEqual(new AtlasShortCircuitError('circuit_open', 5));
    expect(f.count()).toBe(0);
    expect(r.breakerState(route)).toBe('open');
    const auth = new AtlasAuthError('no');
    clock.advance(5_000);
    await expect(r.run(call(clock), failing([auth]).attempt)).rejects.toBe(auth);
  });

  it('a sleep cut short by the request signal ends the call as aborted', async () => {
    const r = new Resilience({ retry: RETRY, breaker: { failureThreshold: 10, cooldownMs: 1_000 } }, { now: () => 0, random: () => 0.5 });
    const controller = new AbortController();
    const f = failing([new AtlasApiError(503, null, null)]);
    const running = r.run({ route, identity: 'x', signal: controller.signal }, f.attempt);
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AtlasTransportError', failure: 'aborted' });
    expect(f.count()).toBe(1);
  });
});
