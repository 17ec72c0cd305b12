/** The cross-request layer under the Atlas client: coalescing of GETs in flight, and the status-aware cache. */
import type { CacheConfig } from '../../config';
import { InFlight } from './InFlight';
import { MemoryCache } from './MemoryCache';
import type { RedisCache } from './RedisCache';
import type { CacheEvent, UpstreamCache } from './UpstreamCache';

export { InFlight } from './InFlight';
export { MemoryCache } from './MemoryCache';
export type { RedisCache } from './RedisCache';
export { upstreamKey, type CacheEvent, type CacheTtls, type UpstreamCache } from './UpstreamCache';

/** What the gateway's cross-request layer is made of, per its configuration. */
export interface UpstreamSharing {
  /** null when `CACHE=off`. */
  cache: UpstreamCache | null;
  /** null when `COALESCE=off`. */
  inFlight: InFlight | null;
  /** Set when `REDIS_URL` is: the Redis cache, which also serves Apollo's APQ cache. */
  redis: RedisCache | null;
  close(): Promise<void>;
}

/** Builds the cache (Redis with `REDIS_URL`, else an in-process LRU) and the in-flight table. */
export function createUpstreamSharing(
  config: CacheConfig,
  hooks: { onEvent?: (backend: UpstreamCache['backend'], event: CacheEvent) => void; onError?: (message: string) => void } = {},
): UpstreamSharing {
  // NOTE: loaded only when REDIS_URL is set: the Redis client is the largest module the gateway would otherwise load
  // (about 9 MB of RSS at idle) for nothing.
  const redis = config.redisUrl
    ? new (require('./RedisCache') as typeof import('./RedisCache')).RedisCache({ url: config.redisUrl, timeoutMs: config.timeoutMs, onEvent: (e) => hooks.onEvent?.('redis', e), onError: hooks.onError })
    : null;
  const cache = !config.enabled
    ? null
    : (redis ?? new MemoryCache({ maxEntries: config.maxEntries, maxBytes: config.maxBytes, onEvent: (e) => hooks.onEvent?.('memory', e) }));
  return {
    cache,
    inFlight: config.coalesce ? new InFlight() : null,
    redis,
    close: async () => {
      await cache?.close();
      if (redis && redis !== cache) await redis.close();
    },
  };
}
