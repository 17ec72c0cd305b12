import { AtlasTransportError } from '../../src/atlas/errors';
import type { ResilienceClock } from '../../src/atlas/resilience';

/**
 * A clock for retries and breakers that only moves when told to or when the gateway sleeps: every wait is recorded
 * and taken instantly, so tests see Atlas's 10/20/40 s schedule without waiting for it. `random` is fixed (0.5 by
 * default), so full-jitter waits are exact numbers.
 */
export class FakeClock implements ResilienceClock {
  /** Every wait the gateway asked for, in order. */
  readonly sleeps: number[] = [];
  private time = 1_000_000;

  constructor(private readonly fixedRandom = 0.5) {}

  now = (): number => this.time;

  random = (): number => this.fixedRandom;

  sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw new AtlasTransportError('aborted', 'The request deadline passed before Atlas answered.');
    this.sleeps.push(ms);
    this.time += ms;
    await Promise.resolve();
  };

  /** Moves time forward (a breaker's cool-down, a rate-limit window). */
  advance(ms: number): void {
    this.time += ms;
  }
}
