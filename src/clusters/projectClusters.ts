import type { AtlasClient } from '../atlas/AtlasClient';
import type { RestoreJobKind } from '../restoreJobs/RestoreJobKind';
import {
  classifyClusterDescription,
  classifyFlexCluster,
  factsOfClusterDescription,
  factsOfFlexCluster,
  type ClusterClass,
  type ClusterFacts,
} from './clusterClass';
import type { ClusterModel } from './clusterConnection';
import { CLUSTER_ROUTES } from './routes';
import type { ClusterDescription20240805Wire, FlexClusterDescription20241113Wire, PaginatedClusterDescription20240805Wire, PaginatedFlexClusters20241113Wire } from './wire';

/** `listGroupClusters`' media type (PaginatedClusterDescription20240805). */
export const CLUSTER_LIST_MEDIA_TYPE = 'application/vnd.atlas.2024-08-05+json';
/** `listGroupFlexClusters`' media type (PaginatedFlexClusters20241113). */
export const FLEX_CLUSTER_LIST_MEDIA_TYPE = 'application/vnd.atlas.2024-11-13+json';
/** Atlas's largest `itemsPerPage`: a project's list costs one call per 500 clusters. */
const LIST_PAGE_SIZE = 500;
/** Most pages read of one list (20 × 500 clusters): a list that never ends is cut there, not followed forever. */
const MAX_LIST_PAGES = 20;

/**
 * One cluster of a project as the project view needs it: its class (what serves it, its tier), what its description
 * says (`facts`), and which restore-job lists may hold jobs of it.
 */
export interface ProjectClusterModel extends ClusterModel {
  facts: ClusterFacts;
  /**
   * The restore-job kind whose list holds this cluster's jobs; null when it cannot hold any: a free (M0) cluster, or
   * one whose backups are off (`backupEnabled: false`). Differs from `kind` only in that second case.
   */
  restoreJobKind: RestoreJobKind | null;
  /**
   * True for a dedicated cluster: Legacy Backup (`LEGACY_BACKUP`, never discovered) may hold old jobs of it.
   * NOTE: the 2024-08-05 description cannot tell whether any are left (it has no `providerBackupEnabled`); the legacy
   * list of a dedicated cluster that never used Legacy Backup answers 404 CLUSTER_NOT_FOUND (the simulator does so).
   */
  legacyBackup: boolean;
}

/** A project's cluster from its description's class and facts. */
export function projectCluster(projectId: string, name: string, cls: ClusterClass, facts: ClusterFacts): ProjectClusterModel {
  const dedicated = cls.kind === 'CLOUD_BACKUP' && cls.source === 'clusters-api';
  return {
    ...cls,
    projectId,
    name,
    facts,
    restoreJobKind: cls.backupEnabled === false ? null : cls.kind,
    legacyBackup: dedicated,
  };
}

/**
 * Every cluster of a project, in Atlas's order: every page of `listGroupClusters` (free and shared-tier clusters
 * included), then the flex clusters of `listGroupFlexClusters` that the first list did not hold (it may hold flex
 * clusters made through the clusters API), each once by name. Two calls, made at once, for a project of up to 500
 * clusters of each list. Rejects with the client's error (404 GROUP_NOT_FOUND for an unknown project).
 */
export async function readProjectClusters(client: AtlasClient, projectId: string, signal?: AbortSignal): Promise<ProjectClusterModel[]> {
  const group = `/groups/${encodeURIComponent(projectId)}`;
  const out: ProjectClusterModel[] = [];
  const seen = new Set<string>();
  const add = (model: ProjectClusterModel | null): void => {
    if (!model || seen.has(model.name)) return;
    seen.add(model.name);
    out.push(model);
  };
  // Both lists at once (one round trip for a project of up to 500 clusters of each); an unknown project fails both.
  // Both are settled before anything is answered, so no call outlives the answer.
  const [clustersRead, flexRead] = await Promise.allSettled([
    readAllPages<PaginatedClusterDescription20240805Wire, ClusterDescription20240805Wire>(client, {
      path: `${group}/clusters`,
      mediaType: CLUSTER_LIST_MEDIA_TYPE,
      route: CLUSTER_ROUTES.clusterList,
      signal,
    }),
    readAllPages<PaginatedFlexClusters20241113Wire, FlexClusterDescription20241113Wire>(client, {
      path: `${group}/flexClusters`,
      mediaType: FLEX_CLUSTER_LIST_MEDIA_TYPE,
      route: CLUSTER_ROUTES.flexClusterList,
      signal,
    }),
  ]);
  if (clustersRead.status === 'rejected') throw clustersRead.reason;
  if (flexRead.status === 'rejected') throw flexRead.reason;
  for (const wire of clustersRead.value) {
    const name = typeof wire.name === 'string' ? wire.name : null;
    add(name === null ? null : projectCluster(projectId, name, classifyClusterDescription(wire), factsOfClusterDescription(wire)));
  }
  for (const wire of flexRead.value) {
    const name = typeof wire.name === 'string' ? wire.name : null;
    add(name === null ? null : projectCluster(projectId, name, classifyFlexCluster(wire), factsOfFlexCluster(wire)));
  }
  return out;
}

/** Every page of one list: pages of 500 until one is short or has no `next` link (at most {@link MAX_LIST_PAGES}). */
async function readAllPages<P extends { results?: T[]; links?: { rel?: string }[] }, T>(
  client: AtlasClient,
  list: { path: string; mediaType: string; route: (typeof CLUSTER_ROUTES)[keyof typeof CLUSTER_ROUTES]; signal: AbortSignal | undefined },
): Promise<T[]> {
  const items: T[] = [];
  for (let pageNum = 1; pageNum <= MAX_LIST_PAGES; pageNum += 1) {
    const page = await client.get<P>({
      version: 'v2',
      path: list.path,
      query: { pageNum, itemsPerPage: LIST_PAGE_SIZE, includeCount: false },
      mediaType: list.mediaType,
      signal: list.signal,
      route: list.route,
    });
    const results = isObject(page) && Array.isArray(page.results) ? page.results.filter(isObject) : [];
    items.push(...(results as T[]));
    const hasNext = isObject(page) && Array.isArray(page.links) && page.links.some((link) => isObject(link) && link.rel === 'next');
    if (results.length < LIST_PAGE_SIZE || !hasNext) break;
  }
  return items;
}

function isObject(value: unknown): value is Record<string, unknown> & { results?: unknown; links?: unknown; rel?: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
