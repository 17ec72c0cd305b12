import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
  type IBackoff,
  type IHalfOpenAfterBackoffContext,
} from 'cockatiel';
import type { BreakerOptions } from '../../config';
import { breakerVerdict, outcomeOf } from './retryPolicy';

export type { BreakerOptions };

/** `closed`: calls flow; `open`: calls fail fast; `half_open`: one probe is in flight (or may go), the rest fail fast. */
export type BreakerState = 'closed' | 'open' | 'half_open';

/** How a call through the breaker ended: its value, its error (for the retry policy to judge), or a refusal. */
export type BreakerResult<T> = { type: 'value'; value: T } | { type: 'error'; error: unknown } | { type: 'refused'; retryAfterMs: number };

/**
 * One upstream route's circuit breaker: cockatiel's CircuitBreakerPolicy with a ConsecutiveBreaker, told what counts
 * by {@link breakerVerdict}. A failure counts; a success (Atlas answered, if only with a 4xx or a rate limit) resets
 * the count; a neutral outcome (the caller's own abort, an unreadable body) is an error cockatiel does not handle, so
 * it leaves the count alone. The cool-down runs on the injected clock (see {@link CoolDown}).
 */
export class RouteBreaker {
  private readonly policy: CircuitBreakerPolicy;
  private coolDown: CoolDown | null = null;
  private last: BreakerState = 'closed';

  constructor(
    private readonly options: BreakerOptions,
    private readonly now: () => number,
    onStateChange: (from: BreakerState, to: BreakerState) => void = () => undefined,
  ) {
    const start = (): CoolDown => (this.coolDown = new CoolDown(now, options.cooldownMs, start));
    this.policy = circuitBreaker(
      handleWhen((error) => breakerVerdict(outcomeOf(error)) === 'failure'),
      { breaker: new ConsecutiveBreaker(options.failureThreshold), halfOpenAfter: { next: start } },
    );
    this.policy.onStateChange((circuit) => {
      const from = this.last;
      this.last = stateOf(circuit);
      if (from !== this.last) onStateChange(from, this.last);
    });
  }

  /** The state as of now (an open breaker past its cool-down reads as half-open: its next call is the probe). */
  get state(): BreakerState {
    if (this.policy.state === CircuitState.Open && this.coolDownLeftMs() <= 0) return 'half_open';
    return stateOf(this.policy.state);
  }

  /** Runs one attempt through the breaker; never throws. */
  async execute<T>(attempt: () => Promise<T>): Promise<BreakerResult<T>> {
    // NOTE: cockatiel holds calls that arrive during a half-open probe until it ends (CircuitBreakerPolicy.execute,
    // HalfOpen case). They fail fast here instead, as before the move, told to come back after a cool-down.
    if (this.policy.state === CircuitState.HalfOpen) return { type: 'refused', retryAfterMs: this.options.cooldownMs };
    try {
      return await this.policy.execute(async (): Promise<BreakerResult<T>> => {
        try {
          return { type: 'value', value: await attempt() };
        } catch (error) {
          // Atlas answered: a success for the route, though not for the caller.
          if (breakerVerdict(outcomeOf(error)) === 'success') return { type: 'error', error };
          throw error;
        }
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError) return { type: 'refused', retryAfterMs: Math.max(0, this.coolDownLeftMs()) };
      return { type: 'error', error };
    }
  }

  private coolDownLeftMs(): number {
    return this.coolDown?.leftMs ?? 0;
  }
}

/**
 * cockatiel's `halfOpenAfter`, on the injected clock. NOTE: cockatiel 3.2.1 measures the open time with `Date.now()`
 * (CircuitBreakerPolicy.js: `Date.now() - state.openedAt < state.backoff.duration`) and takes no clock; its own tests
 * fake `Date`. It does accept a backoff here (documented: "You may also pass a backoff strategy instead of a constant
 * number of milliseconds"), and reads its `duration` on each call while open. So the cool-down starts on our clock
 * when cockatiel asks for it (on opening, and on reopening after a failed probe), and `duration` answers Infinity
 * while it lasts and -Infinity once it is over: whatever `Date.now()` reads, the comparison says what our clock says.
 * That keeps the FakeClock in charge in tests, and in production keeps the cool-down on the monotonic clock instead of
 * the wall clock.
 */
class CoolDown implements IBackoff<IHalfOpenAfterBackoffContext> {
  private readonly endsAt: number;

  constructor(
    private readonly now: () => number,
    ms: number,
    private readonly again: () => CoolDown,
  ) {
    this.endsAt = now() + ms;
  }

  /** Milliseconds left on the injected clock (zero or less once over). */
  get leftMs(): number {
    return this.endsAt - this.now();
  }

  get duration(): number {
    return this.leftMs > 0 ? Infinity : -Infinity;
  }

  next(): CoolDown {
    return this.again();
  }
}

function stateOf(circuit: CircuitState): BreakerState {
  if (circuit === CircuitState.Closed) return 'closed';
  if (circuit === CircuitState.HalfOpen) return 'half_open';
  return 'open'; // Open, and Isolated (never used: nothing here holds a circuit open by hand).
}
