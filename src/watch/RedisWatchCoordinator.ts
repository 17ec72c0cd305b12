import { createHash, randomUUID } from 'node:crypto';
import { createClient } from '@keyv/redis';
import { REDIS_NAMESPACE, redisClientOptions } from '../redisOptions';
import type { SharedMessage, WatchCoordinator } from './WatchHub';

/** Takes the lease when free, renews it when this replica holds it: 1 while held. */
const LEASE_SCRIPT = `local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
/** Deletes the lease only when this replica holds it. */
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Options of {@link RedisWatchCoordinator}. */
export interface RedisWatchOptions {
  /** `REDIS_URL` (never logged). */
  url: string;
  /** Bound of connecting, and of closing. */
  timeoutMs: number;
  /** `WATCH_LEASE_MS`. */
  leaseMs: number;
  /** How long the last message of a key is kept for replicas that join later (a few poll intervals). */
  lastTtlMs: number;
}

/** What this coordinator uses of node-redis (a single node: the gateway connects by URL). */
type Client = ReturnType<typeof createClient>;

/**
 * One poller per watched job across replicas sharing a Redis: the lease is a key taken with SET NX PX (a script, so a
 * holder renews in the same step) and renewed by the hub every `WATCH_LEASE_RENEW_MS`; a replica that dies lets it
 * lapse after `WATCH_LEASE_MS`, and another takes it. What the poller sees is published on the key's channel and kept
 * as the key's last message, which answers a subscriber joining on any replica without a GET. Keys and channels hold a
 * SHA-256 of (credential identity, job id), never either. Two connections: commands, and the subscriber (Redis wants
 * one of its own); {@link close} quits both within `timeoutMs`, then destroys what is left.
 */
export class RedisWatchCoordinator implements WatchCoordinator {
  /** This replica's name in leases and messages. */
  readonly replicaId = randomUUID();
  private readonly publisher: Client;
  private readonly subscriber: Client;
  private started = false;
  private closed = false;

  constructor(private readonly options: RedisWatchOptions) {
    this.publisher = createClient(redisClientOptions(options.url, options.timeoutMs));
    this.subscriber = this.publisher.duplicate();
    // Each command reports its own failure; the events are only drained (a message could quote the URL).
    this.publisher.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
  }

  async join(key: string, onMessage: (message: SharedMessage) => void): Promise<{ last: SharedMessage | null; leave(): Promise<void> }> {
    await this.ready();
    const names = this.names(key);
    const listener = (raw: string): void => {
      const envelope = decode(raw);
      if (envelope && envelope.from !== this.replicaId) onMessage(envelope.message);
    };
    // Subscribed before the last message is read, so nothing published in between is missed.
    await this.subscriber.subscribe(names.channel, listener);
    const last = decode((await this.publisher.get(names.last)) ?? '');
    return { last: last?.message ?? null, leave: () => this.subscriber.unsubscribe(names.channel, listener) };
  }

  async acquire(key: string): Promise<boolean> {
    await this.ready();
    const held = await this.publisher.eval(LEASE_SCRIPT, { keys: [this.names(key).lease], arguments: [this.replicaId, String(this.options.leaseMs)] });
    return held === 1;
  }

  async release(key: string): Promise<void> {
    await this.ready();
    await this.publisher.eval(RELEASE_SCRIPT, { keys: [this.names(key).lease], arguments: [this.replicaId] });
  }

  async publish(key: string, message: SharedMessage): Promise<void> {
    await this.ready();
    const names = this.names(key);
    const raw = encode({ from: this.replicaId, message });
    await this.publisher.set(names.last, raw, { PX: this.options.lastTtlMs });
    await this.publisher.publish(names.channel, raw);
  }

  /** Quits both connections, bounded by `timeoutMs`; what has not closed by then is destroyed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const clients = [this.publisher, this.subscriber];
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(clients.map((c) => (c.isOpen ? c.close() : Promise.resolve()))),
      new Promise((resolve) => (timer = setTimeout(resolve, Math.max(this.options.timeoutMs, 500)))),
    ]);
    clearTimeout(timer);
    // Also a client still reconnecting to an unreachable Redis (not open, but its reconnect timer alive).
    if (this.started) {
      for (const client of clients) {
        try {
          client.destroy();
        } catch {
          // already closed
        }
      }
    }
  }

  /**
   * Resolves once both connections are ready, or rejects after `timeoutMs`. NOTE: node-redis's `connect()` does not
   * reject while its reconnect strategy keeps trying (an unreachable Redis), so it is started once, in the background,
   * and each call waits at most `timeoutMs` for it; the hub then polls on its own until Redis is back.
   */
  private async ready(): Promise<void> {
    if (this.closed) throw new Error('closed');
    const clients = [this.publisher, this.subscriber];
    if (!this.started) {
      this.started = true;
      for (const client of clients) client.connect().catch(() => undefined);
    }
    if (clients.every((c) => c.isReady)) return;
    let timer: NodeJS.Timeout | undefined;
    let check: () => void = () => undefined;
    await new Promise<void>((resolve) => {
      check = () => {
        if (clients.every((c) => c.isReady)) resolve();
      };
      for (const client of clients) client.on('ready', check);
      timer = setTimeout(resolve, this.options.timeoutMs);
    });
    clearTimeout(timer);
    for (const client of clients) client.off('ready', check);
    if (!clients.every((c) => c.isReady)) throw new Error('Redis is not reachable');
  }

  private names(key: string): { lease: string; last: string; channel: string } {
    const id = createHash('sha256').update(key).digest('base64url').slice(0, 32);
    return { lease: `${REDIS_NAMESPACE}:watch:${id}:lease`, last: `${REDIS_NAMESPACE}:watch:${id}:last`, channel: `${REDIS_NAMESPACE}:watch:${id}:events` };
  }
}

/** A message on the wire: who sent it, and what. */
interface Envelope {
  from: string;
  message: SharedMessage;
}

const DATE_TAG = '$date';

/** JSON with every Date tagged, so models come back with their Dates. */
export function encode(envelope: Envelope): string {
  return JSON.stringify(envelope, function (this: Record<string, unknown>, key, value: unknown) {
    const original = this[key];
    return original instanceof Date ? { [DATE_TAG]: original.toISOString() } : value;
  });
}

/** The envelope of {@link encode}; null for anything else. */
export function decode(raw: string): Envelope | null {
  try {
    const parsed = JSON.parse(raw, (_key, value: unknown) =>
      value !== null && typeof value === 'object' && DATE_TAG in value && typeof (value as Record<string, unknown>)[DATE_TAG] === 'string'
        ? new Date((value as Record<string, string>)[DATE_TAG]!)
        : value,
    ) as Envelope;
    return parsed && typeof parsed.from === 'string' && parsed.message ? parsed : null;
  } catch {
    return null;
  }
}
