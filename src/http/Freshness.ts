import type { AnswerObserver } from '../atlas/AtlasClient';

/**
 * How long one GraphQL answer stays true: the shortest time-to-live of the upstream answers it was built from. The
 * request's Atlas client reports every answer to it (it is the client's AnswerObserver): a cacheable GET with its TTL
 * (fresh, or what is left of a cached one); anything else (a GET that is not cacheable, a failure, a write) as
 * uncacheable. The whole-answer cache (http/ResponseCache.ts) stores a GraphQL answer only when it is cacheable, for
 * `ttlMs`; a write also tells it (`onWrite`) that the caller's stored answers are stale.
 */
export class Freshness implements AnswerObserver {
  private minMs = Infinity;
  private reads = 0;
  private spoiled = false;

  constructor(private readonly onWrite?: () => Promise<void>) {}

  /** One upstream answer used, good for `ttlMs` more. */
  used(ttlMs: number): void {
    this.reads += 1;
    if (!(ttlMs > 0)) this.spoiled = true;
    else if (ttlMs < this.minMs) this.minMs = ttlMs;
  }

  /** Something the answer depends on cannot be cached (an uncacheable call, a failure, a 404). */
  spoil(): void {
    this.spoiled = true;
  }

  /** The request changed Atlas: this answer is not kept, and the caller's stored answers are dropped. */
  async wrote(): Promise<void> {
    this.spoiled = true;
    await this.onWrite?.();
  }

  /** How long the answer may be served again; 0 when it may not (nothing read upstream counts as not cacheable). */
  get ttlMs(): number {
    if (this.spoiled || this.reads === 0 || this.minMs === Infinity) return 0;
    return Math.floor(this.minMs);
  }
}
