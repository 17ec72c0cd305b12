import KeyvRedis, { defaultReconnectStrategy, Keyv } from '@keyv/redis';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { CacheEntry, CacheEvent, CacheHit, UpstreamCache } from './UpstreamCache';

/** Options of {@link RedisCache}. */
export interface RedisCacheOptions {
  /** `REDIS_URL`: redis:// or rediss://, credentials included; never logged. */
  url: string;
  /** `CACHE_TIMEOUT_MS`: the longest a cache read or write may take before it counts as a miss. */
  timeoutMs: number;
  onEvent?: (event: CacheEvent) => void;
  /** Called with a short message (no URL, no key) when an operation failed. */
  onError?: (message: string) => void;
}

/** Prefix of every key the gateway writes, so one Redis can hold other data too. */
const NAMESPACE = 'atlas-restore-gateway';

/**
 * The shared cache for replicas: Keyv over Redis (@keyv/redis). Every replica pointing at the same Redis serves
 * what another fetched, for the same credential identity. Apollo's APQ cache lives in the same Redis
 * ({@link RedisCache.apqCache}).
 *
 * Failures are misses: commands fail fast while Redis is unreachable (no offline queue), each operation is bounded
 * by `timeoutMs`, and errors are reported, never thrown. The client reconnects in the background with
 * @keyv/redis's default backoff, so the cache comes back when Redis does.
 */
export class RedisCache implements UpstreamCache {
  readonly backend = 'redis';
  private readonly keyv: Keyv;

  constructor(private readonly options: RedisCacheOptions) {
    const store = new KeyvRedis(
      {
        url: options.url,
        disableOfflineQueue: true,
        socket: { connectTimeout: options.timeoutMs, reconnectStrategy: defaultReconnectStrategy },
      },
      { namespace: NAMESPACE, throwOnConnectError: false, throwOnErrors: true, connectionTimeout: options.timeoutMs },
    );
    this.keyv = new Keyv({ store, namespace: NAMESPACE, throwOnErrors: true, useKeyPrefix: false });
    // Errors are also emitted as events; each operation reports its own failure, so the events are only drained.
    this.keyv.on('error', () => undefined);
    store.on('error', () => undefined);
  }

  async get(key: string): Promise<CacheHit | undefined> {
    const raw = await this.attempt('read', () => this.keyv.get(key, { raw: true }));
    const hit = raw?.value !== undefined && raw.value !== null;
    this.options.onEvent?.(hit ? 'hit' : 'miss');
    if (!hit) return undefined;
    return { value: raw.value, ttlLeftMs: typeof raw.expires === 'number' ? raw.expires - Date.now() : Infinity };
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    const stored = await this.attempt('write', () => this.keyv.set(key, value, ttlMs));
    if (stored) this.options.onEvent?.('store');
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    const live = entries.filter((e) => e.ttlMs > 0).map((e) => ({ key: e.key, value: e.value, ttl: e.ttlMs }));
    if (live.length === 0) return;
    const stored = await this.attempt('write', () => this.keyv.setMany(live));
    if (stored) for (let i = 0; i < live.length; i += 1) this.options.onEvent?.('store');
  }

  /** Apollo's persisted-query cache in the same Redis (keys prefixed `apq:`); failures are misses here too. */
  apqCache(): KeyValueCache<string> {
    return {
      get: async (key) => {
        const value = await this.attempt('read', () => this.keyv.get<string>(`apq:${key}`));
        return typeof value === 'string' ? value : undefined;
      },
      set: async (key: string, value: string, options?: KeyValueCacheSetOptions) => {
        const ttlSeconds = options?.ttl;
        await this.attempt('write', () => this.keyv.set(`apq:${key}`, value, ttlSeconds ? ttlSeconds * 1000 : undefined));
      },
      delete: async (key) => {
        await this.attempt('write', () => this.keyv.delete(`apq:${key}`));
      },
    };
  }

  async close(): Promise<void> {
    await this.attempt('close', () => this.keyv.disconnect());
  }

  /** Runs one operation within `timeoutMs`; a failure or a timeout is reported and answered with undefined. */
  private async attempt<T>(what: string, operation: () => Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.timeoutMs);
      timer.unref();
    });
    try {
      const outcome = await Promise.race([operation(), timeout]);
      if (outcome === 'timeout') {
        this.fail(`cache ${what} took longer than ${this.options.timeoutMs} ms`);
        return undefined;
      }
      return outcome;
    } catch (error) {
      // The error's code or name only: a message could quote the connection string.
      const code = (error as { code?: unknown } | null)?.code;
      this.fail(`cache ${what} failed: ${typeof code === 'string' ? code : error instanceof Error ? error.name : 'error'}`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private fail(message: string): void {
    this.options.onEvent?.('error');
    this.options.onError?.(message);
  }
}
