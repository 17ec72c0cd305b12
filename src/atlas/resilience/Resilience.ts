import { ConstantBackoff, handleType, retry, type RetryPolicy } from 'cockatiel';
import type { ResilienceOptions } from '../../config';
import { AtlasApiError, AtlasShortCircuitError, AtlasTransportError } from '../errors';
import { BreakerBook, routeKey, type BreakerChange, type UpstreamRoute } from './BreakerBook';
import { RateLimitGate } from './RateLimitGate';
import type { BreakerState } from './RouteBreaker';
import { decideRetry, outcomeOf, reasonOf, type RetryDecision } from './retryPolicy';

export type { BreakerChange, UpstreamRoute };

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
  /** One credential's breaker on a route changed; `routeState` is the route's worst over every credential. */
  onBreakerStateChange?(event: BreakerChange): void;
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
  /**
   * Whether sending the request twice is harmless (default true: a GET). One that is not (a POST, a DELETE its
   * caller marks so) is retried only when it never reached Atlas; rate-limit waits and an open breaker still apply
   * to it (they send nothing), and a rate limit on it is still remembered.
   */
  idempotent?: boolean;
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

/** A failed attempt that the policy chose to retry: the only error cockatiel's retry handles. */
class RetryDecided extends Error {
  constructor(
    readonly failure: unknown,
    readonly route: UpstreamRoute,
    readonly reason: string,
    readonly delayMs: number,
  ) {
    super(`retrying after ${reason}`);
  }
}

/**
 * Retries, rate-limit waits and circuit breakers around upstream calls: one per gateway instance, shared by every
 * request's client (breakers and rate-limit memory per credential and route). cockatiel runs the attempts
 * (its retry policy) and keeps each route's breaker (its circuit breaker); the Atlas rules (what is retried, how
 * long to wait, what counts against a route) are the pure functions of retryPolicy.ts and backoff.ts.
 */
export class Resilience {
  readonly clock: ResilienceClock;
  private readonly breakers: BreakerBook;
  private readonly gate: RateLimitGate;
  private readonly retry: RetryPolicy;

  constructor(
    readonly options: ResilienceOptions,
    clock: Partial<ResilienceClock> = {},
    private readonly events: ResilienceEvents = {},
  ) {
    this.clock = { ...REAL_CLOCK, ...clock };
    this.gate = new RateLimitGate(() => this.clock.now());
    this.breakers = new BreakerBook(options.breaker, () => this.clock.now(), (change) => this.events.onBreakerStateChange?.(change));
    // NOTE: cockatiel 3.2.1's retry waits between attempts on its own setTimeout (RetryPolicy.js, `delay`), which
    // takes no clock and is not cut short by the caller's signal. So its wait is 0 and the policy's wait is taken on
    // `clock.sleep`, with the request's signal, as the retried attempt begins. The policy stops first (decideRetry
    // knows maxRetries); cockatiel's own cap is the same number.
    this.retry = retry(handleType(RetryDecided), { maxAttempts: options.retry.maxRetries, backoff: new ConstantBackoff(0) });
    this.retry.onRetry((event) => {
      if (!('error' in event) || !(event.error instanceof RetryDecided)) return;
      const { route, reason, delayMs } = event.error;
      this.events.onRetry?.({ route, retry: event.attempt, reason, delayMs });
    });
  }

  /**
   * The breaker state of one credential on a route, or without `identity` the route's worst over every credential
   * (closed for a route never called).
   */
  breakerState(route: UpstreamRoute, identity?: string): BreakerState {
    return identity === undefined ? this.breakers.routeState(route) : this.breakers.state(identity, route);
  }

  /** Runs `attempt` until it succeeds, or fails in a way (or at a time) that allows no retry. */
  async run<T>(call: ResilientCall, attempt: () => Promise<T>): Promise<T> {
    const breaker = this.breakers.breaker(call.identity, call.route);
    const gateKey = `${call.identity}\u0000${routeKey(call.route)}`;
    const idempotent = call.idempotent ?? true;
    let rateLimitedSoFar = 0;
    let delayMs = 0;
    try {
      return await this.retry.execute(async ({ attempt: retries }) => {
        if (retries > 0) await this.clock.sleep(delayMs, call.signal);
        await this.waitOutRateLimit(call, gateKey);
        const result = await breaker.execute(attempt);
        if (result.type === 'value') return result.value;
        if (result.type === 'refused') {
          this.events.onShortCircuit?.({ route: call.route, reason: 'circuit_open' });
          throw new AtlasShortCircuitError('circuit_open', toSeconds(result.retryAfterMs));
        }
        const outcome = outcomeOf(result.error);
        const state = { retries, rateLimitedSoFar, remainingMs: this.remainingMs(call), idempotent };
        const decision = decideRetry(outcome, state, this.options.retry, this.clock.random);
        if (!decision.retry) throw this.giveUp(result.error, decision, gateKey);
        if (decision.rateLimited) {
          this.gate.block(gateKey, decision.floorMs);
          rateLimitedSoFar += 1;
        }
        delayMs = decision.delayMs;
        throw new RetryDecided(result.error, call.route, reasonOf(outcome), decision.delayMs);
      });
    } catch (error) {
      throw error instanceof RetryDecided ? error.failure : error;
    }
  }

  /** Waits out this credential's rate limit on the route, or fails fast when it outlasts the request. */
  private async waitOutRateLimit(call: ResilientCall, gateKey: string): Promise<void> {
    const blockedMs = this.gate.remainingMs(gateKey);
    if (blockedMs <= 0) return;
    if (blockedMs >= this.remainingMs(call)) {
      this.events.onShortCircuit?.({ route: call.route, reason: 'rate_limited' });
      throw new AtlasShortCircuitError('rate_limited', toSeconds(blockedMs));
    }
    await this.clock.sleep(blockedMs, call.signal);
  }

  /**
   * The error a call ends with: a rate limit is remembered, and the caller told how long to wait; a wait Atlas asked
   * for beyond `maxRetryAfterMs` is told as the capped one, with what Atlas asked.
   */
  private giveUp(error: unknown, decision: Extract<RetryDecision, { retry: false }>, gateKey: string): unknown {
    const capped = this.capped(error);
    if (!decision.rateLimited || decision.waitMs === null) return capped;
    this.gate.block(gateKey, decision.waitMs);
    return capped instanceof AtlasApiError ? capped.withRetryAfter(toSeconds(decision.waitMs), error instanceof AtlasApiError ? error.retryAfterSeconds : null) : capped;
  }

  private capped(error: unknown): unknown {
    const maxSeconds = Math.floor(this.options.retry.maxRetryAfterMs / 1000);
    if (!(error instanceof AtlasApiError) || error.retryAfterSeconds === null || error.retryAfterSeconds <= maxSeconds) return error;
    return error.withRetryAfter(maxSeconds, error.retryAfterSeconds);
  }

  private remainingMs(call: ResilientCall): number {
    return call.deadlineAt === undefined ? Infinity : call.deadlineAt - this.clock.now();
  }
}

function toSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
