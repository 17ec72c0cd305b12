import { defaultReconnectStrategy } from '@keyv/redis';

/** Prefix of every key (and channel) the gateway writes, so one Redis can hold other data too. */
export const REDIS_NAMESPACE = 'atlas-restore-gateway';

/**
 * The node-redis connection options every Redis user of the gateway shares: the URL (credentials included, never
 * logged), fail-fast commands while disconnected (no offline queue), a bounded connect, and @keyv/redis's default
 * reconnect backoff, so a client comes back when Redis does.
 */
export function redisClientOptions(url: string, connectTimeoutMs: number): { url: string; disableOfflineQueue: true; socket: { connectTimeout: number; reconnectStrategy: typeof defaultReconnectStrategy } } {
  return { url, disableOfflineQueue: true, socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: defaultReconnectStrategy } };
}
