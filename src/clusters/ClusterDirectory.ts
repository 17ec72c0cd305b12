import type { AtlasClient } from '../atlas/AtlasClient';
import { AtlasApiError } from '../atlas/errors';
import {
  classifyClusterDescription,
  classifyFlexCluster,
  factsOfClusterDescription,
  factsOfFlexCluster,
  NO_FACTS,
  SERVERLESS_INSTANCE,
  type ClusterClass,
  type ClusterFacts,
} from './clusterClass';
import { readProjectClusters, type ProjectClusterModel } from './projectClusters';
import type { ClusterDescription20240805Wire, FlexClusterDescription20241113Wire } from './wire';
import type { ClusterKindCache } from './ClusterKindCache';
import { CLUSTER_ROUTES } from './routes';
import { discoveryAction, flexLookupAction } from '../restoreJobs/routing/rules';

/** A cluster by project and name. */
export interface ClusterRef {
  projectId: string;
  clusterName: string;
}

/** `GET /groups/{groupId}/clusters/{clusterName}`'s media type (ClusterDescription20240805). */
export const CLUSTER_MEDIA_TYPE = 'application/vnd.atlas.2024-08-05+json';
/** `GET /groups/{groupId}/flexClusters/{name}`'s media type (FlexClusterDescription20241113). */
export const FLEX_CLUSTER_MEDIA_TYPE = 'application/vnd.atlas.2024-11-13+json';

/**
 * One request's view of which API serves which cluster: the process-wide {@link ClusterKindCache} (keyed by this
 * request's credential identity) plus discovery, deduplicated within the request. Discovery asks the clusters API
 * first; the decisions on its refusals are the data in rules.ts (`DISCOVERY_RULES`).
 * NOTE: both lookups exist only in v2 (2024-08-05 and 2024-11-13), so they stay on v2 when v1.0 is configured.
 */
export class ClusterDirectory {
  private readonly inFlight = new Map<string, Promise<ClusterClass | null>>();
  /** What this request read of each cluster's description (a lookup or a project list). */
  private readonly facts = new Map<string, ClusterFacts>();
  private readonly projects = new Map<string, Promise<readonly ProjectClusterModel[]>>();

  constructor(
    private readonly client: AtlasClient,
    private readonly cache: ClusterKindCache,
    private readonly signal?: AbortSignal,
  ) {}

  /** What the cache remembers about the cluster for this credential; no upstream call. */
  cached(at: ClusterRef): ClusterClass | undefined {
    return this.cache.get(this.client.identity, at.projectId, at.clusterName);
  }

  /** Remembers what served the cluster. */
  remember(at: ClusterRef, value: ClusterClass): void {
    this.cache.set(this.client.identity, at.projectId, at.clusterName, value);
  }

  /** Forgets the cluster (its remembered answer proved stale), so the next question asks Atlas. */
  forget(at: ClusterRef): void {
    this.cache.delete(this.client.identity, at.projectId, at.clusterName);
    this.inFlight.delete(key(at));
  }

  /**
   * Asks Atlas what the cluster is (ignoring the cache, which it then updates); null when neither the clusters API nor
   * the flex API knows it. Concurrent questions about one cluster in one request share one discovery. Upstream
   * failures that do not classify (auth, rate limits, outages) reject with the client's error.
   */
  discover(at: ClusterRef): Promise<ClusterClass | null> {
    const k = key(at);
    let pending = this.inFlight.get(k);
    if (!pending) {
      pending = this.ask(at).then((found) => {
        if (found) this.remember(at, found);
        return found;
      });
      this.inFlight.set(k, pending);
    }
    return pending;
  }

  /**
   * The cluster's full description (its tier included): the cache when it holds one read from a description, else
   * discovery. Null when Atlas does not know the cluster.
   */
  async describe(at: ClusterRef): Promise<ClusterClass | null> {
    const known = this.cached(at);
    if (known && known.source !== 'restore-api') return known;
    return this.discover(at);
  }

  /**
   * Every cluster of a project, as the project view lists them (see {@link readProjectClusters}: both cluster lists,
   * each cluster once, free and shared-tier ones included), each with the kind whose restore-job list serves it (null
   * when it cannot hold jobs), whether Legacy Backup applies, and its description's facts (`stateName`,
   * `mongoDBVersion`, `paused`, `pitEnabled`, `createdAt`).
   * Costs two upstream calls (one per 500 clusters of each list) at most once per request, and none while the
   * process remembers the list for this credential ({@link ClusterKindCache}, 60 s by default); every cluster's kind
   * is remembered too, so a later `cluster`, `Cluster.restoreJobs` or routing decision costs no lookup. Rejects with
   * the client's error (an AtlasApiError 404 GROUP_NOT_FOUND for an unknown project).
   */
  listProject(projectId: string): Promise<readonly ProjectClusterModel[]> {
    let pending = this.projects.get(projectId);
    if (!pending) {
      const known = this.cache.getProject(this.client.identity, projectId);
      pending = (known ? Promise.resolve(known) : this.readProject(projectId)).then((clusters) => {
        for (const cluster of clusters) this.facts.set(key(refOf(cluster)), cluster.facts);
        return clusters;
      });
      this.projects.set(projectId, pending);
    }
    return pending;
  }

  /**
   * What the cluster's description says beyond its class (`stateName` and on): what this request already read of it,
   * else one lookup (shared with discovery, each cluster once per request, its class remembered). Null when Atlas
   * knows no such cluster; all null for a serverless instance, which has no description.
   */
  async factsOf(at: ClusterRef): Promise<ClusterFacts | null> {
    const read = this.facts.get(key(at));
    if (read) return read;
    const found = await this.discover(at);
    return found ? (this.facts.get(key(at)) ?? NO_FACTS) : null;
  }

  /** The facts this request already read of the cluster, if any (no upstream call). */
  knownFacts(at: ClusterRef): ClusterFacts | undefined {
    return this.facts.get(key(at));
  }

  private async readProject(projectId: string): Promise<readonly ProjectClusterModel[]> {
    const clusters = await readProjectClusters(this.client, projectId, this.signal);
    for (const c of clusters) {
      this.remember(refOf(c), { kind: c.kind, tier: c.tier, clusterType: c.clusterType, backupEnabled: c.backupEnabled, source: c.source });
    }
    this.cache.setProject(this.client.identity, projectId, clusters);
    return clusters;
  }

  private async ask(at: ClusterRef): Promise<ClusterClass | null> {
    const group = `/groups/${encodeURIComponent(at.projectId)}`;
    try {
      const body = await this.client.get<ClusterDescription20240805Wire>({
        version: 'v2',
        path: `${group}/clusters/${encodeURIComponent(at.clusterName)}`,
        mediaType: CLUSTER_MEDIA_TYPE,
        signal: this.signal,
        route: CLUSTER_ROUTES.clusterLookup,
      });
      const wire = isObject(body) ? body : {};
      this.facts.set(key(at), factsOfClusterDescription(wire));
      return classifyClusterDescription(wire);
    } catch (error) {
      if (!(error instanceof AtlasApiError)) throw error;
      const action = discoveryAction({ status: error.status, errorCode: error.errorCode });
      if (action === 'notFound') return null;
      if (action === 'serverlessInstance') return SERVERLESS_INSTANCE;
      if (action === null) throw error;
    }
    try {
      const body = await this.client.get<FlexClusterDescription20241113Wire>({
        version: 'v2',
        path: `${group}/flexClusters/${encodeURIComponent(at.clusterName)}`,
        mediaType: FLEX_CLUSTER_MEDIA_TYPE,
        signal: this.signal,
        route: CLUSTER_ROUTES.flexClusterLookup,
      });
      const wire = isObject(body) ? body : {};
      this.facts.set(key(at), factsOfFlexCluster(wire));
      return classifyFlexCluster(wire);
    } catch (error) {
      if (error instanceof AtlasApiError && flexLookupAction({ status: error.status, errorCode: error.errorCode }) === 'notFound') {
        return null;
      }
      throw error;
    }
  }
}

function key(at: ClusterRef): string {
  return `${at.projectId}\u0000${at.clusterName}`;
}

function refOf(cluster: ProjectClusterModel): ClusterRef {
  return { projectId: cluster.projectId, clusterName: cluster.name };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
