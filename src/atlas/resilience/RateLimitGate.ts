/**
 * Remembers, per key (a credential identity and an upstream route), until when Atlas asked callers to stay away, so
 * that concurrent and later requests wait it out (or fail fast) instead of each collecting its own 429. Keys never
 * mix credentials: in passthrough mode one caller's rate limit never delays another. NOTE: hand-written because no
 * resilience library keeps this: cockatiel's policies hold no per-key state (a breaker is per route, and knows
 * nothing of "wait until"), and a bulkhead limits concurrency, not time. Bounded: at most `maxKeys` keys.
 */
export class RateLimitGate {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    /** Most keys kept; expired ones are dropped first, then the oldest. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Milliseconds left before `key` may call again (0 when it may call now). */
  remainingMs(key: string): number {
    const until = this.until.get(key);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left <= 0) {
      this.until.delete(key);
      return 0;
    }
    return left;
  }

  /** Blocks `key` for `ms` from now (never shortening an existing block). */
  block(key: string, ms: number): void {
    const until = this.now() + ms;
    if ((this.until.get(key) ?? 0) >= until) return;
    this.until.delete(key);
    this.until.set(key, until);
    if (this.until.size > this.maxKeys) this.prune();
  }

  private prune(): void {
    const now = this.now();
    for (const [key, until] of this.until) if (until <= now) this.until.delete(key);
    for (const key of this.until.keys()) {
      if (this.until.size <= this.maxKeys) break;
      this.until.delete(key);
    }
  }
}
