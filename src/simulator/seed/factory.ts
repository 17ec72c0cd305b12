/** Links in seeded bodies point at Atlas itself, as real bodies do. */
export const ATLAS_V2 = 'https://cloud.mongodb.com/api/atlas/v2';
/** One hour in milliseconds. */
export const HOUR = 3_600_000;
/**
 * NOTE: the spec gives `ApiBSONTimestampView.increment` a minimum of 1199145600 (an upstream copy of the epoch
 * minimum of `oplogTs`); the seed respects it, so every body validates against the contract.
 */
export const INCREMENT_BASE = 1_199_145_600;

/** ISO 8601 in UTC without milliseconds, as Atlas writes it. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Options of {@link SeedFactory}: another stream of ids and random-looking parts. */
export interface SeedFactoryOptions {
  /** The PRNG's initial state. */
  state?: number;
  /** The 10-hex "machine" part of every id (two factories with different parts never make the same id). */
  machine?: string;
}

/**
 * Deterministic ids, tokens and UUIDs: a counter for uniqueness and mulberry32 for the random-looking parts. The seed
 * is a sequence: every id and hex string drawn moves the counter or the PRNG, so data added to the seed must come from
 * another factory or after everything else, or the ids of existing jobs shift.
 */
export class SeedFactory {
  private counter = 0;
  private state: number;
  private readonly machine: string;

  constructor(options: SeedFactoryOptions = {}) {
    this.state = options.state ?? 0x5eed_a71a;
    this.machine = options.machine ?? 'c0ffee5eed';
  }

  /** An ObjectId-shaped id: the time in seconds, a fixed "machine" part, a counter unique across the factory. */
  id(atMs: number): string {
    this.counter += 1;
    const seconds = Math.floor(atMs / 1000).toString(16).padStart(8, '0');
    return `${seconds}${this.machine}${this.counter.toString(16).padStart(6, '0')}`;
  }

  /** `length` random-looking hex digits. */
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i += 1) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  /** A random-looking version-4 UUID. */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  private next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
}

/** What every job builder of one cluster needs. */
export interface ClusterContext {
  f: SeedFactory;
  projectId: string;
  clusterName: string;
  /** The source cluster's id (legacy `clusterId`). */
  clusterId: string;
}

/** The context of one cluster; draws the cluster's id from the factory (so the call's place in the sequence counts). */
export function context(f: SeedFactory, projectId: string, clusterName: string, clusterCreatedMs: number): ClusterContext {
  return { f, projectId, clusterName, clusterId: f.id(clusterCreatedMs) };
}

/** Jobs built oldest first, in list order (Atlas lists newest first). Reverses in place. */
export function newestFirst<T>(jobs: T[]): T[] {
  return jobs.reverse();
}
