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

/** What an entry costs besides its key and text: the LRU's node, the string headers, the TTL bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 200;
/** How often expired entries are purged (they are also dropped when read, or evicted when space is needed). */
const PURGE_EVERY_MS = 15_000;

/**
 * The default cache: lru-cache bounded both by entry count and by bytes, each entry with its own TTL. An entry is held
 * as its JSON text in a Buffer and parsed on each hit, so the bytes charged are the bytes held: the key, the UTF-8
 * text and a fixed overhead. NOTE: parsed objects, charged by their text length, held 4-5× CACHE_MAX_MB (issue 14);
 * held off the V8 heap, the cache also no longer counts in the live heap that V8 sizes its next collection by, so the
 * garbage of 500-job requests is collected sooner (bench/README.md, "Cache memory": RSS after 900 distinct 500-job
 * windows 576 → 349 MB with CACHE_MAX_MB=64). A hit costs a JSON.parse. Expired entries are purged every 15 s (a timer
 * that never keeps the process alive).
 */
export class MemoryCache implements UpstreamCache {
  readonly backend = 'memory';
  private readonly lru: LRUCache<string, { bytes: Buffer }>;
  private readonly purger: NodeJS.Timeout;

  constructor(private readonly options: MemoryCacheOptions) {
    this.lru = new LRUCache<string, { bytes: Buffer }>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      // One timer for all entries (below), not lru-cache's timer per entry.
      ttlAutopurge: false,
      ...(options.perf ? { perf: options.perf, ttlResolution: 0 } : {}),
    });
    this.purger = setInterval(() => this.lru.purgeStale(), PURGE_EVERY_MS);
    this.purger.unref();
  }

  async get(key: string): Promise<CacheHit | undefined> {
    const entry = this.lru.get(key);
    this.options.onEvent?.(entry ? 'hit' : 'miss');
    return entry ? { value: JSON.parse(entry.bytes.toString('utf8')) as unknown, ttlLeftMs: this.lru.getRemainingTTL(key) } : undefined;
  }

  async getMany(keys: readonly string[]): Promise<(CacheHit | undefined)[]> {
    return Promise.all(keys.map((key) => this.get(key)));
  }

  /** `sizeHint` is not used: the text is measured. */
  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    const text = JSON.stringify(value);
    if (text === undefined) return;
    const bytes = Buffer.from(text, 'utf8');
    const size = heldBytes(key) + bytes.byteLength + ENTRY_OVERHEAD_BYTES;
    // An entry larger than the whole budget is not kept (lru-cache would refuse it anyway).
    if (size > this.options.maxBytes) return;
    this.lru.set(key, { bytes }, { ttl: ttlMs, size });
    this.options.onEvent?.('store');
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    for (const entry of entries) await this.set(entry.key, entry.value, entry.ttlMs);
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

  /** Bytes charged now (at most `maxBytes`). */
  get bytes(): number {
    return this.lru.calculatedSize;
  }

  async close(): Promise<void> {
    clearInterval(this.purger);
    this.lru.clear();
  }
}

/** The bytes V8 holds for a string's characters (the key): one a character when all are Latin-1, else two. */
function heldBytes(text: string): number {
  // NOTE: a scan for a character above U+00FF; the bodies are ASCII but for names and messages.
  return /[^\u0000-\u00ff]/.test(text) ? text.length * 2 : text.length;
}
