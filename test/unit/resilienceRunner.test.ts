import { AtlasApiError, AtlasAuthError, AtlasShortCircuitError, AtlasTransportError } from '../../src/atlas/errors';
import { Resilience, type BreakerOptions, type ResilientCall, type RetryOptions, type UpstreamRoute } from '../../src/atlas/resilience';
import { FakeClock } from '../support/clock';

/**
 * The runner on cockatiel: retries, rate-limit memory, the per-route breakers (cockatiel's CircuitBreakerPolicy with
 * our verdicts and our clock), and what a request that is not idempotent may be retried on. Every wait is the
 * FakeClock's (random 0.5: full jitter of a 250 ms base is 125, 250, 500 ms), so nothing here sleeps for real.
 */
const RETRY: RetryOptions = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 5_000, rateLimitBaseMs: 10_000, maxRetryAfterMs: 60_000 };
const route: UpstreamRoute = { kind: 'FLEX', operation: 'get' };

/** An attempt that throws `errors[n]` on its n-th call (returning `value` past the end), and counts its calls. */
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

/** An attempt that stays in flight until the test settles it. */
function pending(): { attempt: () => Promise<string>; resolve: (v: string) => void; reject: (e: unknown) => void; count: () => number } {
  let n = 0;
  let settle: { resolve: (v: string) => void; reject: (e: unknown) => void } | null = null;
  return {
    attempt: () => {
      n += 1;
      return new Promise<string>((resolve, reject) => {
        settle = { resolve, reject };
      });
    },
    resolve: (v) => settle?.resolve(v),
    reject: (e) => settle?.reject(e),
    count: () => n,
  };
}

const api = (s: number, errorCode: string | null = null, retryAfterSeconds: number | null = null) => new AtlasApiError(s, errorCode, null, retryAfterSeconds);
const transport = (failure: AtlasTransportError['failure']) => new AtlasTransportError(failure, failure);

describe('Resilience.run', () => {
  const call = (clock: FakeClock, deadlineMs = 60_000) => ({ route, identity: 'id-1', deadlineAt: clock.now() + deadlineMs });

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
    // The cap raised above the 120 s asked for, so that the wait is Atlas's own.
    const r = new Resilience({ retry: { ...RETRY, maxRetryAfterMs: 600_000 }, breaker: { failureThreshold: 10, cooldownMs: 1_000 } }, clock);
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

  it('a Retry-After beyond maxRetryAfterMs is cut: the retry waits 60 s, and a failure tells 60 s with the 3600 s Atlas asked', async () => {
    const clock = new FakeClock();
    const r = new Resilience({ retry: { ...RETRY, maxRetries: 0 }, breaker: { failureThreshold: 10, cooldownMs: 1_000 } }, clock);
    const f = failing([new AtlasApiError(429, 'RATE_LIMITED', null, 3_600)]);
    // toMatchObject: toEqual compares errors by message only.
    await expect(r.run(call(clock), f.attempt)).rejects.toMatchObject({ status: 429, retryAfterSeconds: 60, askedRetryAfterSeconds: 3_600 });
    // Held to 60 s, not an hour: 59 s later the same credential waits the last second, then calls.
    clock.advance(59_000);
    await expect(r.run(call(clock), failing([]).attempt)).resolves.toBe('ok');
    const retried = new Resilience({ retry: RETRY, breaker: { failureThreshold: 10, cooldownMs: 1_000 } }, clock);
    await expect(retried.run(call(clock, 120_000), failing([new AtlasApiError(429, 'RATE_LIMITED', null, 3_600)]).attempt)).resolves.toBe('ok');
    expect(clock.sleeps).toEqual([1_000, 60_125]);
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

describe('the circuit breaker of a route (cockatiel, on the injected clock)', () => {
  /** A runner with one attempt per call (no retries), and every breaker change and short circuit it reports. */
  function setup(breaker: BreakerOptions, retry: RetryOptions = { ...RETRY, maxRetries: 0 }) {
    const clock = new FakeClock();
    const changes: string[] = [];
    const shortCircuits: string[] = [];
    const r = new Resilience({ retry, breaker }, clock, {
      onBreakerStateChange: (e) => changes.push(`${e.route.kind}.${e.route.operation} ${e.from}>${e.to}`),
      onShortCircuit: (e) => shortCircuits.push(`${e.route.kind}.${e.route.operation} ${e.reason}`),
    });
    const once = (error?: unknown, on: UpstreamRoute = route): Promise<string> =>
      r.run({ route: on, identity: 'id-1', deadlineAt: clock.now() + 60_000 }, failing(error === undefined ? [] : [error]).attempt);
    return { clock, r, changes, shortCircuits, once };
  }

  it('opens after N consecutive failures; a success or any answer of Atlas below 500 resets the count; a neutral outcome changes nothing', async () => {
    const { clock, r, changes, shortCircuits, once } = setup({ failureThreshold: 3, cooldownMs: 10_000 });
    const sequence = [api(500), api(500), undefined, api(500), api(502), api(404), api(503), transport('timeout'), transport('aborted'), transport('malformed')];
    const settled: unknown[] = [];
    for (const error of sequence) settled.push(await once(error).catch((e: unknown) => e));
    expect(settled).toEqual(sequence.map((e) => e ?? 'ok'));
    expect(r.breakerState(route)).toBe('closed');
    await expect(once(transport('connect'))).rejects.toEqual(transport('connect'));
    expect(r.breakerState(route)).toBe('open');
    const f = failing([]);
    await expect(r.run({ route, identity: 'id-1' }, f.attempt)).rejects.toEqual(new AtlasShortCircuitError('circuit_open', 10));
    clock.advance(4_000);
    await expect(r.run({ route, identity: 'id-1' }, f.attempt)).rejects.toEqual(new AtlasShortCircuitError('circuit_open', 6));
    expect(f.count()).toBe(0);
    expect(changes).toEqual(['FLEX.get closed>open']);
    expect(shortCircuits).toEqual(['FLEX.get circuit_open', 'FLEX.get circuit_open']);
  });

  it('rate limits count as Atlas answering: they reset the count, and never open the breaker', async () => {
    const { r, once } = setup({ failureThreshold: 2, cooldownMs: 10_000 });
    await expect(once(api(500))).rejects.toEqual(api(500));
    await expect(once(api(429, 'RATE_LIMITED', 0))).rejects.toEqual(api(429, 'RATE_LIMITED', 0));
    await expect(once(api(500))).rejects.toEqual(api(500));
    expect(r.breakerState(route)).toBe('closed');
  });

  it('after the cool-down one probe goes; calls during it fail fast unsent; a failed probe reopens for a whole cool-down, a good one closes', async () => {
    const { clock, r, changes, once } = setup({ failureThreshold: 1, cooldownMs: 10_000 });
    await expect(once(api(500))).rejects.toEqual(api(500));
    clock.advance(9_999);
    expect(r.breakerState(route)).toBe('open');
    clock.advance(1);
    expect(r.breakerState(route)).toBe('half_open');

    const probe = pending();
    const probing = r.run({ route, identity: 'id-1' }, probe.attempt);
    expect(r.breakerState(route)).toBe('half_open');
    const other = failing([]);
    await expect(r.run({ route, identity: 'id-1' }, other.attempt)).rejects.toEqual(new AtlasShortCircuitError('circuit_open', 10));
    expect(other.count()).toBe(0);
    probe.reject(api(503));
    await expect(probing).rejects.toEqual(api(503));
    expect(r.breakerState(route)).toBe('open');

    clock.advance(9_999);
    await expect(r.run({ route, identity: 'id-1' }, other.attempt)).rejects.toEqual(new AtlasShortCircuitError('circuit_open', 1));
    clock.advance(1);
    await expect(once()).resolves.toBe('ok');
    expect(r.breakerState(route)).toBe('closed');
    await expect(r.run({ route, identity: 'id-2' }, other.attempt)).resolves.toBe('ok');
    expect(probe.count()).toBe(1);
    expect(other.count()).toBe(1);
    expect(changes).toEqual(['FLEX.get closed>open', 'FLEX.get open>half_open', 'FLEX.get half_open>open', 'FLEX.get open>half_open', 'FLEX.get half_open>closed']);
  });

  it("breakers are per credential: one credential's open breaker refuses only its own calls; the route's state is the worst", async () => {
    const { r, changes, once } = setup({ failureThreshold: 2, cooldownMs: 10_000 });
    await expect(once(api(500))).rejects.toEqual(api(500));
    await expect(once(api(500))).rejects.toEqual(api(500));
    expect([r.breakerState(route, 'id-1'), r.breakerState(route, 'id-2'), r.breakerState(route)]).toEqual(['open', 'closed', 'open']);
    const other = failing([]);
    await expect(r.run({ route, identity: 'id-2' }, other.attempt)).resolves.toBe('ok');
    await expect(once()).rejects.toEqual(new AtlasShortCircuitError('circuit_open', 10));
    expect([other.count(), changes]).toEqual([1, ['FLEX.get closed>open']]);
  });

  it('keeps the breakers of at most 10,000 credentials: the least recently used are forgotten, open or not', async () => {
    const { r, once } = setup({ failureThreshold: 1, cooldownMs: 10_000 });
    await expect(once(api(500))).rejects.toEqual(api(500));
    for (let i = 0; i < 10_000; i += 1) await r.run({ route, identity: `other-${i}` }, failing([]).attempt);
    expect([r.breakerState(route, 'id-1'), r.breakerState(route)]).toEqual(['closed', 'closed']);
    await expect(once()).resolves.toBe('ok');
  });

  it('a probe that ends neutral (the caller\'s abort) closes the breaker, but the count stands: the next failure reopens it at once', async () => {
    // NOTE: cockatiel's behaviour, not the hand-written breaker's (which stayed half-open for another probe).
    const { clock, r, changes, once } = setup({ failureThreshold: 3, cooldownMs: 10_000 });
    for (let i = 0; i < 3; i += 1) await expect(once(api(500))).rejects.toEqual(api(500));
    clock.advance(10_000);
    await expect(once(transport('aborted'))).rejects.toEqual(transport('aborted'));
    expect(r.breakerState(route)).toBe('closed');
    await expect(once(transport('timeout'))).rejects.toEqual(transport('timeout'));
    expect(r.breakerState(route)).toBe('open');
    expect(changes).toEqual(['FLEX.get closed>open', 'FLEX.get open>half_open', 'FLEX.get half_open>closed', 'FLEX.get closed>open']);
  });

  it('the cool-down is measured on the injected clock alone: the wall clock jumping either way changes nothing', async () => {
    const { clock, r, once } = setup({ failureThreshold: 1, cooldownMs: 10_000 });
    const wall = Date.now();
    const dateNow = jest.spyOn(Date, 'now').mockReturnValue(wall);
    try {
      await expect(once(api(500))).rejects.toEqual(api(500));
      dateNow.mockReturnValue(wall + 3_600_000);
      await expect(once()).rejects.toEqual(new AtlasShortCircuitError('circuit_open', 10));
      dateNow.mockReturnValue(wall - 3_600_000);
      clock.advance(10_000);
      await expect(once()).resolves.toBe('ok');
      expect(r.breakerState(route)).toBe('closed');
    } finally {
      dateNow.mockRestore();
    }
  });

  it('keeps one breaker per route, and reports which one moved', async () => {
    const { r, changes, once } = setup({ failureThreshold: 1, cooldownMs: 10_000 });
    const list: UpstreamRoute = { kind: 'FLEX', operation: 'list' };
    await expect(once(api(503))).rejects.toEqual(api(503));
    await expect(once(undefined, list)).resolves.toBe('ok');
    expect([r.breakerState(route), r.breakerState(list), r.breakerState({ kind: 'SERVERLESS', operation: 'get' })]).toEqual(['open', 'closed', 'closed']);
    expect(changes).toEqual(['FLEX.get closed>open']);
  });

  it('a breaker that opens during retries ends the call with circuit_open, unsent', async () => {
    const { clock, r } = setup({ failureThreshold: 2, cooldownMs: 30_000 }, RETRY);
    const f = failing([api(503), api(503), api(503), api(503)]);
    await expect(r.run({ route, identity: 'id-1' }, f.attempt)).rejects.toEqual(new AtlasShortCircuitError('circuit_open', 30));
    expect(f.count()).toBe(2);
    expect(clock.sleeps).toEqual([125, 250]);
  });
});

describe('requests that are not idempotent', () => {
  const write = (clock: FakeClock, deadlineMs = 60_000): ResilientCall => ({ route: { kind: 'CLOUD_BACKUP', operation: 'create' }, identity: 'id-1', deadlineAt: clock.now() + deadlineMs, idempotent: false });
  const runner = (clock: FakeClock, breaker: BreakerOptions = { failureThreshold: 10, cooldownMs: 10_000 }, retries: string[] = []) =>
    new Resilience({ retry: RETRY, breaker }, clock, { onRetry: (e) => retries.push(`${e.retry}:${e.reason}:${e.delayMs}`) });

  it('are retried on a refused connection (it never reached Atlas), with the usual waits', async () => {
    const clock = new FakeClock();
    const retries: string[] = [];
    const f = failing([transport('connect'), transport('connect')]);
    await expect(runner(clock, undefined, retries).run(write(clock), f.attempt)).resolves.toBe('ok');
    expect(f.count()).toBe(3);
    expect(clock.sleeps).toEqual([125, 250]);
    expect(retries).toEqual(['1:connect:125', '2:connect:250']);
  });

  it('stop after maxRetries refused connections', async () => {
    const clock = new FakeClock();
    const f = failing([transport('connect'), transport('connect'), transport('connect'), transport('connect')]);
    await expect(runner(clock).run(write(clock), f.attempt)).rejects.toEqual(transport('connect'));
    expect(f.count()).toBe(4);
  });

  it.each([
    ['a reset', transport('reset')],
    ['a timeout after sending', transport('timeout')],
    ['a 500', api(500)],
    ['a 502', api(502)],
    ['a 503 with Retry-After', api(503, 'SERVICE_UNAVAILABLE', 2)],
    ['a 504', api(504)],
  ])('are never retried on %s: it may have reached Atlas', async (_name, error) => {
    const clock = new FakeClock();
    const f = failing([error]);
    await expect(runner(clock).run(write(clock), f.attempt)).rejects.toBe(error);
    expect(f.count()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('are never retried on a 429, which still sets the rate-limit memory: the next request waits it out, or fails fast unsent', async () => {
    const clock = new FakeClock();
    const r = runner(clock);
    const f = failing([api(429, 'RATE_LIMITED', 5)]);
    await expect(r.run(write(clock), f.attempt)).rejects.toEqual(api(429, 'RATE_LIMITED', 5));
    expect(f.count()).toBe(1);
    expect(clock.sleeps).toEqual([]);
    const short = failing([]);
    await expect(r.run(write(clock, 3_000), short.attempt)).rejects.toEqual(new AtlasShortCircuitError('rate_limited', 5));
    expect(short.count()).toBe(0);
    await expect(r.run(write(clock), short.attempt)).resolves.toBe('ok');
    expect(short.count()).toBe(1);
    expect(clock.sleeps).toEqual([5_000]);
  });

  it('a rate limit without Retry-After tells the caller Atlas\'s first scheduled wait', async () => {
    const clock = new FakeClock();
    const f = failing([new AtlasApiError(503, null, null, null, 0)]);
    await expect(runner(clock).run(write(clock), f.attempt)).rejects.toEqual(new AtlasApiError(503, null, null, 10, 0));
    expect(f.count()).toBe(1);
  });

  it('fail fast, unsent, on an open breaker; and their failures count against their route', async () => {
    const clock = new FakeClock();
    const r = runner(clock, { failureThreshold: 1, cooldownMs: 10_000 });
    await expect(r.run(write(clock), failing([api(503)]).attempt)).rejects.toEqual(api(503));
    expect(r.breakerState({ kind: 'CLOUD_BACKUP', operation: 'create' })).toBe('open');
    const f = failing([]);
    await expect(r.run(write(clock), f.attempt)).rejects.toEqual(new AtlasShortCircuitError('circuit_open', 10));
    expect(f.count()).toBe(0);
  });

  it('a call its caller marks idempotent (a DELETE that is safe to repeat) is retried like a GET', async () => {
    const clock = new FakeClock();
    const f = failing([api(503)]);
    await expect(runner(clock).run({ ...write(clock), idempotent: true }, f.attempt)).resolves.toBe('ok');
    expect(f.count()).toBe(2);
    expect(clock.sleeps).toEqual([125]);
  });
});
