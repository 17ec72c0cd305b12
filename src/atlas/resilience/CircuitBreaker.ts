import type { BreakerOptions } from '../../config';

export type { BreakerOptions };

/** `closed`: calls flow; `open`: calls fail fast; `half_open`: one probe is in flight, the rest fail fast. */
export type BreakerState = 'closed' | 'open' | 'half_open';

/** What {@link CircuitBreaker.acquire} grants: a call (maybe the half-open probe), or a refusal with the time left. */
export type BreakerPermit = { allowed: true; probe: boolean } | { allowed: false; retryAfterMs: number };

/**
 * A consecutive-failure circuit breaker for one upstream route, on an injected clock. Closed, it counts consecutive
 * failures and opens at the threshold. Open, it refuses calls until the cool-down has passed, then lets exactly one
 * probe through (half-open): the probe's success closes it, its failure opens it for another cool-down. A neutral
 * outcome (the caller's own deadline, an unreadable body) changes nothing but frees the probe slot.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;

  constructor(
    private readonly options: BreakerOptions,
    private readonly now: () => number,
    private readonly onStateChange: (from: BreakerState, to: BreakerState) => void = () => undefined,
  ) {}

  /** The state as of now (an open breaker past its cool-down reads as half-open). */
  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.cooldownMs) return 'half_open';
    return this.current;
  }

  /** Asks to make a call. */
  acquire(): BreakerPermit {
    if (this.current === 'closed') return { allowed: true, probe: false };
    if (this.current === 'open') {
      const left = this.openedAt + this.options.cooldownMs - this.now();
      if (left > 0) return { allowed: false, retryAfterMs: left };
      this.transition('half_open');
    }
    if (this.probing) return { allowed: false, retryAfterMs: this.options.cooldownMs };
    this.probing = true;
    return { allowed: true, probe: true };
  }

  /** Reports how a permitted call ended. */
  record(verdict: 'success' | 'failure' | 'neutral', probe: boolean): void {
    if (probe) this.probing = false;
    if (verdict === 'neutral') return;
    if (verdict === 'success') {
      this.failures = 0;
      if (this.current !== 'closed' && (probe || this.current === 'half_open')) this.transition('closed');
      return;
    }
    this.failures += 1;
    if (this.current === 'half_open' || (this.current === 'closed' && this.failures >= this.options.failureThreshold)) {
      this.openedAt = this.now();
      this.transition('open');
    }
  }

  private transition(to: BreakerState): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    if (to === 'closed') this.failures = 0;
    this.onStateChange(from, to);
  }
}
