import type { UpstreamRoute } from '../atlas/resilience';

/**
 * The routes (metrics labels `kind` and `operation`, and one circuit breaker each) of the reads that are not a restore
 * job's own: a restore job's route is its kind and `get`/`list`/`create`/`cancel`; the clusters APIs are `CLUSTERS`
 * and `FLEX_CLUSTERS`, and a kind's snapshot list is that kind with `snapshots`.
 */
export const CLUSTER_ROUTES = {
  /** `GET /groups/{groupId}/clusters/{clusterName}` (kind discovery, `cluster`). */
  clusterLookup: { kind: 'CLUSTERS', operation: 'lookup' },
  /** `GET /groups/{groupId}/flexClusters/{name}`. */
  flexClusterLookup: { kind: 'FLEX_CLUSTERS', operation: 'lookup' },
  /** `GET /groups/{groupId}/clusters` (a project's clusters). */
  clusterList: { kind: 'CLUSTERS', operation: 'list' },
  /** `GET /groups/{groupId}/flexClusters`. */
  flexClusterList: { kind: 'FLEX_CLUSTERS', operation: 'list' },
} as const satisfies Record<string, UpstreamRoute>;

/** The route of a kind's snapshot list (e.g. `CLOUD_BACKUP` + `snapshots`). */
export function snapshotsRoute(kind: string): UpstreamRoute {
  return { kind, operation: 'snapshots' };
}
