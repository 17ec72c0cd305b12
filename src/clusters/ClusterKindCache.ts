import { LRUCache } from 'lru-cache';
import type { ClusterClass } from './clusterClass';
import type { ProjectClusterModel } from './projectClusters';

/** Options of {@link ClusterKindCache}. */
export interface ClusterKindCacheOptions {
  /** Most clusters remembered; the least recently used is dropped first (default 1,000). */
  maxEntries?: number;
  /** How long an answer is trusted, in ms (default 10 minutes): a cluster can be migrated or upgraded meanwhile. */
  ttlMs?: number;
  /** The clock, in ms (tests move it; default `performance.now`). */
  now?: () => number;
  /** Most projects' cluster lists remembered (default 200). */
  maxProjects?: number;
  /** How long a project's cluster list is trusted, in ms (default 60 s): clusters come and go, and change state. */
  projectTtlMs?: number;
}

/** Default bounds: small enough to hold no more than a few hundred KB, short enough to notice a migration soon. */
export const CLUSTER_KIND_CACHE_DEFAULTS = { maxEntries: 1_000, ttlMs: 10 * 60_000, maxProjects: 200, projectTtlMs: 60_000 } as const;

/**
 * What the gateway has learned about clusters: which restore-job API serves each, keyed by (credential identity,
 * project, cluster) so nothing learned with one credential is used for another, and each project's cluster list
 * (keyed by credential identity and project, trusted a shorter time). Process memory, bounded in size (LRU)
 * and time (TTL). One per process: created by the server (never at module level) and handed to every request.
 */
export class ClusterKindCache {
  private readonly lru: LRUCache<string, ClusterClass>;
  private readonly projects: LRUCache<string, readonly ProjectClusterModel[]>;

  constructor(options: ClusterKindCacheOptions = {}) {
    const now = options.now;
    this.lru = new LRUCache<string, ClusterClass>({
      max: options.maxEntries ?? CLUSTER_KIND_CACHE_DEFAULTS.maxEntries,
      ttl: options.ttlMs ?? CLUSTER_KIND_CACHE_DEFAULTS.ttlMs,
      // Read the clock on every lookup (no cached "now"), so an injected clock takes effect at once.
      ttlResolution: 0,
      ...(now ? { perf: { now } } : {}),
    });
    this.projects = new LRUCache<string, readonly ProjectClusterModel[]>({
      max: options.maxProjects ?? CLUSTER_KIND_CACHE_DEFAULTS.maxProjects,
      ttl: options.projectTtlMs ?? CLUSTER_KIND_CACHE_DEFAULTS.projectTtlMs,
      ttlResolution: 0,
      ...(now ? { perf: { now } } : {}),
    });
  }

  /** A project's cluster list as last read with this credential, or undefined when unknown or expired. */
  getProject(identity: string, projectId: string): readonly ProjectClusterModel[] | undefined {
    return this.projects.get(projectKey(identity, projectId));
  }

  /** Remembers a project's cluster list for the project TTL. */
  setProject(identity: string, projectId: string, clusters: readonly ProjectClusterModel[]): void {
    this.projects.set(projectKey(identity, projectId), clusters);
  }

  /** The remembered class, or undefined when unknown or expired. */
  get(identity: string, projectId: string, clusterName: string): ClusterClass | undefined {
    return this.lru.get(key(identity, projectId, clusterName));
  }

  /** Remembers a class for the cache's TTL. */
  set(identity: string, projectId: string, clusterName: string, value: ClusterClass): void {
    this.lru.set(key(identity, projectId, clusterName), value);
  }

  /** Forgets one cluster (its answer proved stale). */
  delete(identity: string, projectId: string, clusterName: string): void {
    this.lru.delete(key(identity, projectId, clusterName));
  }

  /** Forgets everything (an operator's reset; tests start each case from an empty memory). */
  clear(): void {
    this.lru.clear();
    this.projects.clear();
  }

  /** Entries held (expired ones may count until next touched). */
  get size(): number {
    return this.lru.size;
  }
}

function key(identity: string, projectId: string, clusterName: string): string {
  return `${identity}\u0000${projectId}\u0000${clusterName}`;
}

function projectKey(identity: string, projectId: string): string {
  return `${identity}\u0000${projectId}`;
}
