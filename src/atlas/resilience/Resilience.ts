import type { ResilienceOptions } from '../../config';
import { AtlasApiError, AtlasShortCircuitError, AtlasTransportError } from '../errors';
import { CircuitBreaker, type BreakerOptions, type BreakerState } from './CircuitBreaker';
import { RateLimitGate } from './RateLimitGate';
import { breakerVerdict, decideRetry, isRateLimited, type AttemptOutcome, type RetryOptions } from './retryPolicy';

/** An upstream route: the unit of circuit breaking, rate-limit memory and metrics (e.g. FLEX + get). */
export interface UpstreamRoute {
  kind: string;
  operation: string;
}

export type { ResilienceOptions };

/** Time and chance, injectable so tests never wait for real backoffs. */
export interface ResilienceClock {
  /** Milliseconds on a monotonic-enough clock; deadlines and cool-downs are measured on it. */
  now(): number;
  /** Resolves after `ms`; rejects with AtlasTransportError('aborted') when `signal` fires first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
}

/** What the runner reports (metrics and logs listen; nothing secret in any of it). */
export interface ResilienceEvents {
  onRetry?(event: { route: UpstreamRoute; retry: number; reason: string; delayMs: number }): void;
  onBreakerStateChange?(event: { route: UpstreamRoute; from: BreakerState; to: BreakerState }): void;
  onShortCircuit?(event: { route: UpstreamRoute; reason: 'circuit_open' | 'rate_limited' }): void;
}

/** One call's circumstances. */
export interface ResilientCall {
  route: UpstreamRoute;
  /** The credential's non-secret identity: rate-limit memory is kept per credential. */
  identity: string;
  /** The request's deadline on {@link ResilienceClock.now}; no wait may end past it. */
  deadlineAt?: number;
  signal?: AbortSignal;
}

/** setTimeout, cancelled by the signal. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = (): AtlasTransportError =>
      new AtlasTransportError('aborted', 'The request deadline passed before Atlas answered.');
    if (signal?.aborted) return reject(aborted());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The clock of production. */
export const REAL_CLOCK: ResilienceClock = { now: () => performance.now(), sleep: realSleep, random: Math.random };

/**
 * Retries, rate-limit waits and circuit breakers around upstream GETs: one per gateway instance, shared by every
 * request's client (breakers per route; rate-limit memory per credential and route). The decisions are the pure
 * functions of retryPolicy.ts and CircuitBreaker.ts; this class only keeps their state and sleeps.
 */
export class Resilience {
  readonly clock: ResilienceClock;
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly gate: RateLimitGate;

  constructor(
    readonly options: ResilienceOptions,
    clock: Partial<ResilienceClock> = {},
    private readonly events: ResilienceEvents = {},
  ) {
    this.clock = { ...REAL_CLOCK, ...clock };
    this.gate = new RateLimitGate(() => this.clock.now());
  }

  /** The breaker state of a route (closed for a route never called). */
  breakerState(route: UpstreamRoute): BreakerState {
    return this.breakers.get(routeKey(route))?.state ?? 'closed';
  }

  /** Runs `attempt` until it succeeds, or fails in a way (or at a time) that allows no retry. */
  async run<T>(call: ResilientCall, attempt: () => Promise<T>): Promise<T> {
    const breaker = this.breaker(call.route);
    const gateKey = `${call.identity}\u0000${routeKey(call.route)}`;
    let retries = 0;
    let rateLimitedSoFar = 0;
    for (;;) {
      const blockedMs = this.gate.remainingMs(gateKey);
      if (blockedMs > 0) {
        if (blockedMs >= this.remainingMs(call)) {
          this.events.onShortCircuit?.({ route: call.route, reason: 'rate_limited' });
          throw new AtlasShortCircuitError('rate_limited', toSeconds(blockedMs));
        }
        await this.clock.sleep(blockedMs, call.signal);
      }
      const permit = breaker.acquire();
      if (!permit.allowed) {
        this.events.onShortCircuit?.({ route: call.route, reason: 'circuit_open' });
        throw new AtlasShortCircuitError('circuit_open', toSeconds(permit.retryAfterMs));
      }
      try {
        const value = await attempt();
        breaker.record('success', permit.probe);
        return value;
      } catch (error) {
        const outcome = outcomeOf(error);
        breaker.record(breakerVerdict(outcome), permit.probe);
        const decision = decideRetry(outcome, { retries, rateLimitedSoFar, remainingMs: this.remainingMs(call) }, this.options.retry, this.clock.random);
        if (!decision.retry) {
          if (decision.rateLimited && decision.waitMs !== null) {
            this.gate.block(gateKey, decision.waitMs);
            if (error instanceof AtlasApiError) throw error.withRetryAfter(toSeconds(decision.waitMs));
          }
          throw error;
        }
        if (decision.rateLimited) {
          this.gate.block(gateKey, decision.floorMs);
          rateLimitedSoFar += 1;
        }
        retries += 1;
        this.events.onRetry?.({ route: call.route, retry: retries, reason: reasonOf(outcome), delayMs: decision.delayMs });
        await this.clock.sleep(decision.delayMs, call.signal);
      }
    }
  }

  private remainingMs(call: ResilientCall): number {
    return call.deadlineAt === undefined ? Infinity : call.deadlineAt - this.clock.now();
  }

  private breaker(route: UpstreamRoute): CircuitBreaker {
    const key = routeKey(route);
    let breaker = this.breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options.breaker, () => this.clock.now(), (from, to) =>
        this.events.onBreakerStateChange?.({ route, from, to }),
      );
      this.breakers.set(key, breaker);
    }
    return breaker;
  }
}

/** The policy's view of a failed attempt. */
export function outcomeOf(error: unknown): AttemptOutcome {
  if (error instanceof AtlasApiError) {
    return {
      type: 'status',
      status: error.status,
      errorCode: error.errorCode,
      retryAfterMs: error.retryAfterSeconds === null ? null : error.retryAfterSeconds * 1000,
      rateLimitRemaining: error.rateLimitRemaining,
    };
  }
  if (error instanceof AtlasTransportError) return { type: 'transport', failure: error.failure };
  return { type: 'other' };
}

function reasonOf(outcome: AttemptOutcome): string {
  if (isRateLimited(outcome)) return 'rate_limited';
  if (outcome.type === 'status') return String(outcome.status);
  return outcome.type === 'transport' ? outcome.failure : 'other';
}

function routeKey(route: UpstreamRoute): string {
  return `${route.kind}.${route.operation}`;
}

function toSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
