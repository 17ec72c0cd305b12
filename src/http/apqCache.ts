import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { UpstreamCache } from '../atlas/upstreamCache';

/**
 * Apollo's persisted-query cache over the gateway's shared cache (with REDIS_URL: the same Redis, keys prefixed
 * `apq:`), so a query registered at one replica runs by hash at every other. The cache never throws: a failed read is
 * a miss (the client sends the query again), a failed write is dropped.
 */
export function apqCache(cache: UpstreamCache): KeyValueCache<string> {
  return {
    get: async (key) => {
      const hit = await cache.get(`apq:${key}`);
      return typeof hit?.value === 'string' ? hit.value : undefined;
    },
    set: async (key: string, value: string, options?: KeyValueCacheSetOptions) => {
      const ttlSeconds = options?.ttl;
      // NOTE: Apollo's APQ entries have no TTL by default; a day keeps Redis from filling with one-off documents.
      await cache.set(`apq:${key}`, value, ttlSeconds ? ttlSeconds * 1000 : 86_400_000);
    },
    delete: async (key) => {
      await cache.delete(`apq:${key}`);
    },
  };
}
