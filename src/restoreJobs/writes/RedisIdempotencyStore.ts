import KeyvRedis from '@keyv/redis';
import { REDIS_NAMESPACE, redisClientOptions } from '../../redisOptions';
import { IDEMPOTENCY_TTL_MS, parseRecord, type IdempotencyRecord, type IdempotencyStore, type StoredRecord } from './idempotency';

/** Prefix of every key the gateway writes (as the cache's, atlas/upstreamCache/RedisCache.ts). */
const NAMESPACE = REDIS_NAMESPACE;

/** Compare-and-set: replaces the key's value only while it is still the one read. */
const REPLACE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0`;

/** What this store uses of a single-node node-redis client. */
interface SingleNodeClient {
  set(key: string, value: string, options: { NX?: true; PX: number }): Promise<string | null>;
  get(key: string): Promise<string | null>;
  del(key: string): Promise<number>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * Idempotency keys in Redis, shared by every replica pointing at it: a key is claimed with `SET NX PX` (24 h), so two
 * replicas given the same key at once see one winner; a record moves on with a compare-and-set script.
 * Unlike the cache, failures are not misses: a key that cannot be claimed is no safe ground for a POST, so an error
 * propagates (the mutation fails as INTERNAL_SERVER_ERROR and nothing is sent to Atlas).
 * NOTE: @keyv/redis (already the cache's Redis client) is used for its connection handling only; Keyv itself has no
 * SET NX, so the commands go to its node-redis client.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly backend = 'redis';
  private readonly store: KeyvRedis<unknown>;

  constructor(
    url: string,
    timeoutMs: number,
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
  ) {
    this.store = new KeyvRedis(
      redisClientOptions(url, Math.max(timeoutMs, 1_000)),
      { namespace: NAMESPACE, throwOnConnectError: true, throwOnErrors: true, connectionTimeout: Math.max(timeoutMs, 1_000) },
    );
    this.store.on('error', () => undefined);
  }

  async claim(key: string, record: IdempotencyRecord): Promise<StoredRecord | null> {
    const client = await this.client();
    const set = await client.set(this.keyOf(key), JSON.stringify(record), { NX: true, PX: this.ttlMs });
    if (set === 'OK') return null;
    const held = await this.get(key);
    // Gone between the two commands (expired, released): claim again.
    return held ?? this.claim(key, record);
  }

  async get(key: string): Promise<StoredRecord | null> {
    return parseRecord(await (await this.client()).get(this.keyOf(key)));
  }

  async replace(key: string, expected: StoredRecord, next: IdempotencyRecord): Promise<boolean> {
    const client = await this.client();
    const done = await client.eval(REPLACE_SCRIPT, { keys: [this.keyOf(key)], arguments: [expected.raw, JSON.stringify(next), String(this.ttlMs)] });
    return done === 1;
  }

  async put(key: string, record: IdempotencyRecord): Promise<void> {
    await (await this.client()).set(this.keyOf(key), JSON.stringify(record), { PX: this.ttlMs });
  }

  async release(key: string): Promise<void> {
    await (await this.client()).del(this.keyOf(key));
  }

  async close(): Promise<void> {
    await this.store.disconnect();
  }

  private keyOf(key: string): string {
    return `${NAMESPACE}:${key}`;
  }

  private async client(): Promise<SingleNodeClient> {
    // NOTE: @keyv/redis types its client as a single node or a cluster; the gateway connects by URL, so a single node.
    return (await this.store.getClient()) as unknown as SingleNodeClient;
  }
}
