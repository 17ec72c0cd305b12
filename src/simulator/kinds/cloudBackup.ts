import { clusterOf, isDedicated } from '../clusters';
import { clusterNotFound, flexInClusterApi, noBackupOnFree, serverlessInClusterApi, SimulatorErrorCode } from '../errors';
import type { SimulatedKind } from './SimulatedKind';

/** Cloud Backup restore jobs of dedicated clusters (`…/clusters/{clusterName}/backup/restoreJobs`), v2 only. */
export const cloudBackup: SimulatedKind = {
  kind: 'CLOUD_BACKUP',
  pattern: /^\/api\/atlas\/(v2)\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/restoreJobs(?:\/([^/]+))?$/,
  mediaType: 'application/vnd.atlas.2023-01-01+json',
  paged: true,
  jobNotFound: SimulatorErrorCode.RestoreJobNotFound,
  /**
   * NOTE: the successors spec lists no error codes for a cluster of another kind; the codes are the ones Atlas
   * documents in its error-code list (CANNOT_USE_*, FEATURE_UNSUPPORTED).
   */
  servingCluster(seed, groupId, clusterName) {
    const cluster = clusterOf(seed, groupId, clusterName);
    if (cluster?.kind === 'FLEX') throw flexInClusterApi(clusterName);
    if (cluster?.kind === 'SERVERLESS') throw serverlessInClusterApi(clusterName);
    if (cluster?.kind === 'FREE' || cluster?.kind === 'SHARED_TIER') throw noBackupOnFree(clusterName);
    // A cluster still on Legacy Backup has no Cloud Backup jobs.
    if (cluster && isDedicated(cluster)) return cluster;
    throw clusterNotFound(clusterName, groupId);
  },
  writes: [],
};
