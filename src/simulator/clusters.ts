import { createHash } from 'node:crypto';
import { clusterNotFound, flexClusterNotFound, flexInClusterApi, nonFlexInFlexApi, serverlessInClusterApi, SimulatedApiError, SimulatorErrorCode } from './errors';
import type { SeedCluster, SeedData, SeedProject } from './SeedData';

/** The versioned media types of the cluster lookups (atlas/successors.openapi.yaml). */
export const SIMULATOR_LOOKUP_MEDIA_TYPES = {
  cluster: 'application/vnd.atlas.2024-08-05+json',
  flexCluster: 'application/vnd.atlas.2024-11-13+json',
} as const;

/** One cluster lookup route (v2 only): the clusters API's or the flex API's. */
export interface LookupRoute {
  lookup: keyof typeof SIMULATOR_LOOKUP_MEDIA_TYPES;
  /** Groups: 1 the project id, 2 the cluster name. */
  pattern: RegExp;
}

/** The cluster lookups: one cluster (clusters API) and one flex cluster (flex API). */
export const LOOKUP_ROUTES: readonly LookupRoute[] = [
  { lookup: 'cluster', pattern: /^\/api\/atlas\/v2\/groups\/([^/]+)\/clusters\/([^/]+)$/ },
  { lookup: 'flexCluster', pattern: /^\/api\/atlas\/v2\/groups\/([^/]+)\/flexClusters\/([^/]+)$/ },
];

/** A deterministic 24-hex id for a simulated resource that has none of its own. */
export function stableId(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 24);
}

/** The id the clusters API gives a cluster (`ClusterDescription20240805.id`), also the simulator's `clusterId`. */
export function clusterIdOf(groupId: string, clusterName: string): string {
  return stableId(`cluster:${groupId}:${clusterName}`);
}

/** A project of the seed, or 404 GROUP_NOT_FOUND. */
export function projectOf(seed: SeedData, groupId: string): SeedProject {
  const project = seed.projects.find((p) => p.id === groupId);
  if (!project) throw new SimulatedApiError(404, SimulatorErrorCode.GroupNotFound, `No group with ID ${groupId} exists.`);
  return project;
}

/** A cluster of a known project (undefined when the project has none by that name; 404 for an unknown project). */
export function clusterOf(seed: SeedData, groupId: string, clusterName: string): SeedCluster | undefined {
  return projectOf(seed, groupId).clusters.find((c) => c.name === clusterName);
}

/** True for a dedicated cluster (on Legacy Backup or Cloud Backup). */
export function isDedicated(cluster: SeedCluster | undefined): boolean {
  return cluster?.kind === 'LEGACY_BACKUP' || cluster?.kind === 'CLOUD_BACKUP';
}

/** True for a sharded (or geo-sharded) dedicated cluster. */
export function isSharded(cluster: SeedCluster): boolean {
  const type = cluster.description?.clusterType;
  return type === 'SHARDED' || type === 'GEOSHARDED';
}

/** The shards of a cluster (1 for a replica set). */
export function shardCount(cluster: SeedCluster): number {
  return isSharded(cluster) ? (cluster.description?.shards ?? 2) : 1;
}

/**
 * `GET /groups/{groupId}/clusters/{clusterName}`: a `ClusterDescription20240805` (trimmed as in the spec's cut). A flex
 * cluster is refused unless the clusters API holds it too (`description.viaClustersApi`).
 */
export function describeCluster(seed: SeedData, groupId: string, clusterName: string): Record<string, unknown> {
  const cluster = clusterOf(seed, groupId, clusterName);
  if (!cluster) throw clusterNotFound(clusterName, groupId);
  if (cluster.kind === 'FLEX' && !cluster.description?.viaClustersApi) throw flexInClusterApi(clusterName);
  if (cluster.kind === 'SERVERLESS') throw serverlessInClusterApi(clusterName);
  return clusterDescription(groupId, cluster);
}

/** Whether the clusters API describes and lists the cluster (everything but serverless instances and most flex clusters). */
export function inClustersApi(cluster: SeedCluster): boolean {
  if (cluster.kind === 'SERVERLESS') return false;
  return cluster.kind !== 'FLEX' || cluster.description?.viaClustersApi === true;
}

/**
 * The clusters API's `ClusterDescription20240805` of a cluster it holds (the lookup's body, and each entry of the
 * list). A flex cluster it holds is a TENANT one of effective size FLEX, as Atlas shows one made by Create Cluster.
 */
export function clusterDescription(groupId: string, cluster: SeedCluster): Record<string, unknown> {
  const clusterName = cluster.name;
  const d = cluster.description ?? {};
  const flex = cluster.kind === 'FLEX';
  const tenant = cluster.kind === 'SHARED_TIER' || cluster.kind === 'FREE' || flex;
  const instanceSize = d.instanceSize ?? (cluster.kind === 'FREE' ? 'M0' : tenant ? 'M2' : 'M30');
  const clusterType = d.clusterType ?? 'REPLICASET';
  const shards = clusterType === 'REPLICASET' ? 1 : (d.shards ?? 2);
  const electableSpecs = flex
    ? { effectiveInstanceSize: 'FLEX' }
    : tenant
      ? { effectiveInstanceSize: instanceSize, instanceSize }
      : { instanceSize, nodeCount: 3 };
  return {
    backupEnabled: d.backupEnabled ?? cluster.kind !== 'LEGACY_BACKUP',
    clusterType,
    createDate: d.createDate ?? '2024-01-02T03:04:05Z',
    groupId,
    id: clusterIdOf(groupId, clusterName),
    links: [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${groupId}/clusters/${clusterName}`, rel: 'self' }],
    mongoDBVersion: d.mongoDBVersion ?? '8.0.4',
    name: clusterName,
    paused: d.paused ?? false,
    pitEnabled: d.pitEnabled ?? false,
    replicationSpecs: Array.from({ length: shards }, (_, i) => ({
      id: stableId(`spec:${groupId}:${clusterName}:${i}`),
      regionConfigs: [{ electableSpecs, priority: 7, providerName: tenant ? 'TENANT' : (d.providerName ?? 'AWS') }],
      zoneId: stableId(`zone:${groupId}:${clusterName}`),
      zoneName: 'Zone 1',
    })),
    stateName: d.stateName ?? 'IDLE',
    terminationProtectionEnabled: false,
  };
}

/** `GET /groups/{groupId}/flexClusters/{name}`: a `FlexClusterDescription20241113` (trimmed as in the spec's cut). */
export function describeFlexCluster(seed: SeedData, groupId: string, name: string): Record<string, unknown> {
  const cluster = clusterOf(seed, groupId, name);
  if (isDedicated(cluster) || cluster?.kind === 'FREE') throw nonFlexInFlexApi(name);
  if (cluster?.kind !== 'FLEX') throw flexClusterNotFound(name, groupId);
  return flexClusterDescription(groupId, cluster);
}

/** The flex API's `FlexClusterDescription20241113` of a flex cluster (the lookup's body, and each entry of the list). */
export function flexClusterDescription(groupId: string, cluster: SeedCluster): Record<string, unknown> {
  const name = cluster.name;
  const d = cluster.description ?? {};
  return {
    backupSettings: { enabled: true },
    clusterType: 'REPLICASET',
    createDate: d.createDate ?? '2025-02-01T00:00:00Z',
    groupId,
    id: stableId(`flex:${groupId}:${name}`),
    links: [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${groupId}/flexClusters/${name}`, rel: 'self' }],
    mongoDBVersion: d.mongoDBVersion ?? '8.0.4',
    name,
    providerSettings: { backingProviderName: 'AWS', diskSizeGB: 5, providerName: 'FLEX', regionName: 'US_EAST_1' },
    stateName: d.stateName ?? 'IDLE',
    terminationProtectionEnabled: false,
  };
}
