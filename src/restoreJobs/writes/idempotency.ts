import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { RestoreJobRef } from '../globalId';

/** How long a key is kept: 24 h (DESIGN.md, "Mutations"). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** What the gateway remembers of one key: the input it was used with and how far the restore got. */
export interface IdempotencyRecord {
  /** The input the key was first used with (see inputRules.ts, fingerprintOf). */
  fingerprint: string;
  /**
   * `pending`: one call holds the key and may be posting; `done`: Atlas created `jobs`; `unknown`: a POST may have
   * reached Atlas and its answer was lost (the next try reconciles before it posts).
   */
  state: 'pending' | 'done' | 'unknown';
  /** When the first POST under this key was about to be sent (epoch ms): the lower bound of reconciliation. */
  firstTryAtMs: number;
  /** When the current holder claimed a pending key (epoch ms): a pending key older than the lease is taken over. */
  claimedAtMs: number;
  /** A random id of the call holding a pending key. */
  owner: string;
  /** The jobs Atlas created (state `done`). */
  jobs: RestoreJobRef[];
}

/**
 * Where keys are kept: in process, or in Redis shared by replicas. Records are stored as JSON strings, so that a
 * compare-and-set compares exactly what was read.
 */
export interface IdempotencyStore {
  readonly backend: 'memory' | 'redis';
  /** Stores `record` when the key is free and answers null; else answers what the key holds (nothing is written). */
  claim(key: string, record: IdempotencyRecord): Promise<StoredRecord | null>;
  get(key: string): Promise<StoredRecord | null>;
  /** Replaces the key's record only when it still holds `expected` (as read); true when it did. */
  replace(key: string, expected: StoredRecord, next: IdempotencyRecord): Promise<boolean>;
  /** Overwrites the key's record (the holder finishing). */
  put(key: string, record: IdempotencyRecord): Promise<void>;
  /** Frees the key (nothing was started, so the key may be used again with any input). */
  release(key: string): Promise<void>;
  close(): Promise<void>;
}

/** A record as read, with the exact text the store holds. */
export interface StoredRecord {
  record: IdempotencyRecord;
  raw: string;
}

/** The store key of a caller's key: per credential identity; the caller's key is hashed (it may be long or odd). */
export function idempotencyStoreKey(identity: string, key: string): string {
  return `idempotency:${identity}:${createHash('sha256').update(key).digest('base64url')}`;
}

export function parseRecord(raw: string | null | undefined): StoredRecord | null {
  if (typeof raw !== 'string') return null;
  try {
    return { record: JSON.parse(raw) as IdempotencyRecord, raw };
  } catch {
    return null;
  }
}

/** The in-process store: an LRU bounded by entries, each kept 24 h. Used when `REDIS_URL` is not set. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly backend = 'memory';
  private readonly entries: LRUCache<string, string>;

  constructor(maxEntries = 10_000, ttlMs = IDEMPOTENCY_TTL_MS) {
    this.entries = new LRUCache({ max: maxEntries, ttl: ttlMs });
  }

  async claim(key: string, record: IdempotencyRecord): Promise<StoredRecord | null> {
    const held = parseRecord(this.entries.get(key));
    if (held) return held;
    this.entries.set(key, JSON.stringify(record));
    return null;
  }

  async get(key: string): Promise<StoredRecord | null> {
    return parseRecord(this.entries.get(key));
  }

  async replace(key: string, expected: StoredRecord, next: IdempotencyRecord): Promise<boolean> {
    if (this.entries.get(key) !== expected.raw) return false;
    this.entries.set(key, JSON.stringify(next));
    return true;
  }

  async put(key: string, record: IdempotencyRecord): Promise<void> {
    this.entries.set(key, JSON.stringify(record));
  }

  async release(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
