/**
 * How long one GraphQL answer stays true: the shortest time-to-live of the upstream answers it was built from. The
 * Atlas client of a request reports every GET to it: a cacheable answer with its TTL (fresh, or what is left of a
 * cached one), anything else (a call that is not cacheable, a failure) as uncacheable. The response cache
 * (cache/ResponseCache.ts) stores a GraphQL answer only when it is cacheable, for `ttlMs`.
 */
export class Freshness {
  private minMs = Infinity;
  private reads = 0;
  private spoiled = false;

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

  /** How long the answer may be served again; 0 when it may not (nothing read upstream counts as not cacheable). */
  get ttlMs(): number {
    if (this.spoiled || this.reads === 0 || this.minMs === Infinity) return 0;
    return Math.floor(this.minMs);
  }
}
