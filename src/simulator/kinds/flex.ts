import { clusterOf, isDedicated } from '../clusters';
import { flexClusterNotFound, nonFlexInFlexApi, SimulatorErrorCode } from '../errors';
import type { SimulatedKind } from './SimulatedKind';

/** Flex restore jobs (`…/flexClusters/{name}/backup/restoreJobs`), v2 only, media type 2024-11-13. */
export const flex: SimulatedKind = {
  kind: 'FLEX',
  pattern: /^\/api\/atlas\/(v2)\/groups\/([^/]+)\/flexClusters\/([^/]+)\/backup\/restoreJobs(?:\/([^/]+))?$/,
  mediaType: 'application/vnd.atlas.2024-11-13+json',
  paged: true,
  jobNotFound: SimulatorErrorCode.RestoreJobNotFound,
  servingCluster(seed, groupId, clusterName) {
    const cluster = clusterOf(seed, groupId, clusterName);
    if (isDedicated(cluster) || cluster?.kind === 'FREE') throw nonFlexInFlexApi(clusterName);
    if (cluster?.kind !== 'FLEX') throw flexClusterNotFound(clusterName, groupId);
    return cluster;
  },
  writes: [],
};
