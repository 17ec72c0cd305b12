import { LRUCache } from 'lru-cache';
import { isInTree, type CacheEntry, type CacheEvent, type CacheHit, type UpstreamCache } from './UpstreamCache';

/** Bounds of the in-process cache (`CACHE_MAX_ENTRIES`, `CACHE_MAX_MB`). */
export interface MemoryCacheOptions {
  maxEntries: number;
  maxBytes: number;
  onEvent?: (event: CacheEvent) => void;
  /** The clock TTLs run on (tests pass their own; default: performance). */
  perf?: { now(): number };
}

/** Size charged for an entry whose size is not known (a body parsed before it was measured). */
const DEFAULT_ENTRY_BYTES = 2_048;

/**
 * The default cache: lru-cache bounded both by entry count and by an estimate of bytes, each entry with its own TTL.
 * Bodies are kept parsed, so a hit costs no JSON parse; they are shared by every request of the same credential and
 * never changed (the mappers build new objects).
 */
export class MemoryCache implements UpstreamCache {
  readonly backend = 'memory';
  private readonly lru: LRUCache<string, { value: unknown }>;

  constructor(private readonly options: MemoryCacheOptions) {
    this.lru = new LRUCache<string, { value: unknown }>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      // Expired entries are dropped when read (and when the LRU evicts), not by timers.
      ttlAutopurge: false,
      ...(options.perf ? { perf: options.perf, ttlResolution: 0 } : {}),
    });
  }

  async get(key: string): Promise<CacheHit | undefined> {
    const entry = this.lru.get(key);
    this.options.onEvent?.(entry ? 'hit' : 'miss');
    return entry ? { value: entry.value, ttlLeftMs: this.lru.getRemainingTTL(key) } : undefined;
  }

  async getMany(keys: readonly string[]): Promise<(CacheHit | undefined)[]> {
    return Promise.all(keys.map((key) => this.get(key)));
  }

  async set(key: string, value: unknown, ttlMs: number, sizeHint?: number): Promise<void> {
    if (ttlMs <= 0) return;
    const size = Math.max(1, Math.min(sizeHint ?? DEFAULT_ENTRY_BYTES, this.options.maxBytes));
    this.lru.set(key, { value }, { ttl: ttlMs, size });
    this.options.onEvent?.('store');
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    for (const entry of entries) await this.set(entry.key, entry.value, entry.ttlMs, entry.sizeHint);
  }

  async delete(key: string): Promise<void> {
    this.lru.delete(key);
  }

  /** NOTE: walks every key; writes are rare (a user starting or cancelling a restore) and the LRU is bounded. */
  async deleteTree(key: string): Promise<void> {
    for (const candidate of [...this.lru.keys()]) if (isInTree(key, candidate)) this.lru.delete(candidate);
  }

  /** Entries held now (tests and the bench read it). */
  get size(): number {
    return this.lru.size;
  }

  async close(): Promise<void> {
    this.lru.clear();
  }
}
