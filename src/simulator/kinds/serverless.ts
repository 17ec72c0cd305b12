import { clusterOf, isDedicated } from '../clusters';
import { clusterInServerlessApi, serverlessInstanceNotFound, SimulatorErrorCode } from '../errors';
import type { SimulatedKind } from './SimulatedKind';

/** Serverless restore jobs (`…/serverless/{clusterName}/backup/restoreJobs`), v2 and v1.0. */
export const serverless: SimulatedKind = {
  kind: 'SERVERLESS',
  pattern: /^\/api\/atlas\/(v2|v1\.0)\/groups\/([^/]+)\/serverless\/([^/]+)\/backup\/restoreJobs(?:\/([^/]+))?$/,
  mediaType: 'application/vnd.atlas.2023-01-01+json',
  paged: true,
  jobNotFound: SimulatorErrorCode.RestoreJobNotFound,
  servingCluster(seed, groupId, clusterName) {
    const cluster = clusterOf(seed, groupId, clusterName);
    if (cluster?.formerKind === 'SERVERLESS' || isDedicated(cluster) || cluster?.kind === 'FREE') throw clusterInServerlessApi(clusterName);
    if (cluster?.kind !== 'SERVERLESS') throw serverlessInstanceNotFound(clusterName, groupId);
    return cluster;
  },
  writes: [],
};
