/**
 * The gateway's cross-request cache of upstream bodies. Keys always begin with the credential identity (see
 * {@link upstreamKey}), so an entry is only ever served to the credential that fetched it. Values are parsed JSON
 * bodies exactly as Atlas sent them; the mappers read them and never change them.
 *
 * A cache never fails a request: every implementation answers a failed or slow read as a miss and drops a failed
 * write, and reports it through `onEvent`.
 */
export interface UpstreamCache {
  /** `memory` (an LRU in this process) or `redis` (shared by every replica pointing at the same server). */
  readonly backend: 'memory' | 'redis';
  /** The body stored under `key` and how long it has left, or undefined (a miss, an expired entry, or a failure). */
  get(key: string): Promise<CacheHit | undefined>;
  /** Several reads at once (Redis: one round trip), in key order. */
  getMany(keys: readonly string[]): Promise<(CacheHit | undefined)[]>;
  /** Stores `value` for `ttlMs`; `sizeHint` is its size in bytes when known (the LRU's budget). Never throws. */
  set(key: string, value: unknown, ttlMs: number, sizeHint?: number): Promise<void>;
  /** Stores several entries at once (Redis: one round trip). Never throws. */
  setMany(entries: readonly CacheEntry[]): Promise<void>;
  /** Drops the entry under `key`. Never throws. */
  delete(key: string): Promise<void>;
  /**
   * Drops the entry under `key` and every entry whose key continues it with `?` (the same resource with a query) or
   * `/` (a resource below it): every cached page of a list, and its jobs. Never throws.
   */
  deleteTree(key: string): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** A body found in the cache. */
export interface CacheHit {
  value: unknown;
  /** Milliseconds until it expires (Infinity when the store keeps no expiry). */
  ttlLeftMs: number;
}

/** One entry to store. */
export interface CacheEntry {
  key: string;
  value: unknown;
  ttlMs: number;
  sizeHint?: number;
}

/** What a cache reports, for metrics and logs (no keys in it: they hold project and cluster names). */
export type CacheEvent = 'hit' | 'miss' | 'store' | 'error';

export type { CacheTtls } from '../../config';

/**
 * The key of one upstream GET: credential identity, `Accept` and the absolute URL (origin, path and query). Two
 * credentials never share a key, and neither do two media types of one resource.
 */
export function upstreamKey(identity: string, accept: string, url: string): string {
  return `${identity} ${accept} ${url}`;
}

/** True when `candidate` is `key` or a key {@link UpstreamCache.deleteTree} drops with it. */
export function isInTree(key: string, candidate: string): boolean {
  if (!candidate.startsWith(key)) return false;
  const next = candidate.charAt(key.length);
  return next === '' || next === '?' || next === '/';
}
