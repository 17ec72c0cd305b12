import type { LinkWire, PaginatedWire } from '../atlas/wire';
import { clusterDescription, flexClusterDescription, inClustersApi, projectOf, SIMULATOR_LOOKUP_MEDIA_TYPES } from './clusters';
import type { Fault } from './faults';
import { checkAccept, checkGroupId, decodeSegment, parsePaging } from './http';
import { methodNotAllowed } from './errors';
import { matchApiRoute } from './routes';
import type { PageLinks } from './reads';
import type { SeedData } from './SeedData';

/** One of a project's cluster lists (v2 only): the clusters API's (`listGroupClusters`) or the flex API's. */
interface ClusterListRoute {
  list: keyof typeof SIMULATOR_LOOKUP_MEDIA_TYPES;
  /** Group 1: the project id. */
  pattern: RegExp;
}

const CLUSTER_LIST_ROUTES: readonly ClusterListRoute[] = [
  { list: 'cluster', pattern: /^\/api\/atlas\/v2\/groups\/([^/]+)\/clusters$/ },
  { list: 'flexCluster', pattern: /^\/api\/atlas\/v2\/groups\/([^/]+)\/flexClusters$/ },
];

/** What a cluster list answers: a page and its media type. */
export interface ClusterListAnswer {
  body: PaginatedWire<Record<string, unknown>>;
  mediaType: string;
}

/** A cluster list request as the simulator's router has it. */
export interface ClusterListRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  accept: string | undefined;
}

/**
 * `listGroupClusters` (`GET /groups/{groupId}/clusters`, `PaginatedClusterDescription20240805`, 2024-08-05) and
 * `listGroupFlexClusters` (`GET /groups/{groupId}/flexClusters`, `PaginatedFlexClusters20241113`, 2024-11-13), paged
 * as Atlas pages (pageNum, itemsPerPage up to 500, includeCount; `previous`/`next` links); null for any other path.
 * The clusters API lists every cluster of the project but serverless instances and flex clusters it does not hold
 * (see `inClustersApi`), in seed order; the flex API lists the flex clusters. Each entry is the lookup's body.
 * 404 GROUP_NOT_FOUND for an unknown project, 406 for a wrong `Accept`, 405 for another method.
 */
export function clusterListAnswer(seed: SeedData, request: ClusterListRequest, links: PageLinks): ClusterListAnswer | null {
  for (const route of CLUSTER_LIST_ROUTES) {
    const found = route.pattern.exec(request.path);
    if (!found) continue;
    if (request.method !== 'GET') throw methodNotAllowed(request.method, request.path, ['GET']);
    const mediaType = SIMULATOR_LOOKUP_MEDIA_TYPES[route.list];
    checkAccept(request.accept, 'v2', mediaType);
    const groupId = decodeSegment(found[1]!, request.path);
    checkGroupId(groupId);
    const paging = parsePaging(request.query);
    const clusters = projectOf(seed, groupId).clusters;
    const all =
      route.list === 'cluster'
        ? clusters.filter(inClustersApi).map((c) => clusterDescription(groupId, c))
        : clusters.filter((c) => c.kind === 'FLEX').map((c) => flexClusterDescription(groupId, c));
    const start = (paging.pageNum - 1) * paging.itemsPerPage;
    const pageLinks: LinkWire[] = [{ href: links.self, rel: 'self' }];
    if (paging.pageNum > 1) pageLinks.push({ href: links.page(paging.pageNum - 1), rel: 'previous' });
    if (start + paging.itemsPerPage < all.length) pageLinks.push({ href: links.page(paging.pageNum + 1), rel: 'next' });
    const body = {
      links: pageLinks,
      results: all.slice(start, start + paging.itemsPerPage),
      ...(paging.includeCount ? { totalCount: all.length } : {}),
    };
    return { body, mediaType };
  }
  return null;
}

/**
 * The fault a seeded cluster's misbehaviour (`SeedCluster.misbehaves`) causes for a request: a restore-job read (list
 * or one job, of any kind) of such a cluster answers 500, or only after its `hangMs`. Null for anything else.
 */
export function seededFault(seed: SeedData, method: string, path: string): Fault | null {
  if (method !== 'GET') return null;
  let groupId: string;
  let clusterName: string;
  try {
    const route = matchApiRoute(method, path);
    groupId = decodeURIComponent(route.segments.groupId);
    clusterName = decodeURIComponent(route.segments.clusterName);
  } catch {
    return null;
  }
  const cluster = seed.projects.find((p) => p.id === groupId)?.clusters.find((c) => c.name === clusterName);
  const misbehaviour = cluster?.misbehaves;
  if (!misbehaviour) return null;
  return misbehaviour.restoreJobs === 'error' ? { status: 500 } : { delayMs: misbehaviour.hangMs };
}
