import KeyvRedis, { defaultReconnectStrategy, Keyv } from '@keyv/redis';
import { isInTree, type CacheEntry, type CacheEvent, type CacheHit, type UpstreamCache } from './UpstreamCache';

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
 * (http/apqCache.ts).
 *
 * Failures are misses: commands fail fast while Redis is unreachable (no offline queue), each operation is bounded
 * by `timeoutMs`, and errors are reported, never thrown. The client reconnects in the background with
 * @keyv/redis's default backoff, so the cache comes back when Redis does.
 */
export class RedisCache implements UpstreamCache {
  readonly backend = 'redis';
  private readonly keyv: Keyv;
  private readonly store: KeyvRedis<unknown>;

  constructor(private readonly options: RedisCacheOptions) {
    const store = new KeyvRedis(
      {
        url: options.url,
        disableOfflineQueue: true,
        socket: { connectTimeout: options.timeoutMs, reconnectStrategy: defaultReconnectStrategy },
      },
      { namespace: NAMESPACE, throwOnConnectError: false, throwOnErrors: true, connectionTimeout: options.timeoutMs },
    );
    this.store = store;
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

  async getMany(keys: readonly string[]): Promise<(CacheHit | undefined)[]> {
    const raws = await this.attempt('read', () => this.keyv.getMany(keys as string[], { raw: true }));
    return keys.map((_, i) => {
      const raw = raws?.[i];
      const hit = raw?.value !== undefined && raw.value !== null;
      this.options.onEvent?.(hit ? 'hit' : 'miss');
      return hit ? { value: raw.value, ttlLeftMs: typeof raw.expires === 'number' ? raw.expires - Date.now() : Infinity } : undefined;
    });
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

  async delete(key: string): Promise<void> {
    await this.attempt('delete', () => this.keyv.delete(key));
  }

  /**
   * Drops a key's tree (see UpstreamCache.deleteTree) with SCAN over the keys that start with it, then one DEL.
   * NOTE: SCAN walks the keyspace in steps; writes are rare, and a key written during the walk with the old body is
   * at worst served until its own (short) TTL.
   */
  async deleteTree(key: string): Promise<void> {
    const stored = this.store.createKeyPrefix(key, NAMESPACE);
    // NOTE: @keyv/redis types its client as a single node or a cluster; the gateway connects by URL, so a single node.
    const client = this.store.client as unknown as SingleNodeClient;
    await this.attempt('delete', async () => {
      const doomed: string[] = [];
      for await (const found of client.scanIterator({ MATCH: `${globEscape(stored)}*`, COUNT: 1000 })) {
        for (const k of Array.isArray(found) ? found : [found]) if (isInTree(stored, String(k))) doomed.push(String(k));
      }
      if (doomed.length > 0) await client.del(doomed);
    });
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

/** What deleteTree uses of a single-node node-redis client. */
interface SingleNodeClient {
  scanIterator(options: { MATCH: string; COUNT: number }): AsyncIterable<string | string[]>;
  del(keys: string[]): Promise<number>;
}

/** A Redis glob pattern matching `text` literally. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
