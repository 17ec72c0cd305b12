import { clusterOf, isDedicated } from '../clusters';
import { clusterNotFound, noBackupOnFree, notTenantCluster, SimulatorErrorCode, versionGone } from '../errors';
import type { SimulatedKind } from './SimulatedKind';

/** Shared-tier (M2/M5, "tenant") restore jobs (`…/clusters/{clusterName}/backup/tenant/restores`), v2 and v1.0. */
export const sharedTier: SimulatedKind = {
  kind: 'SHARED_TIER',
  pattern: /^\/api\/atlas\/(v2|v1\.0)\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/tenant\/restores(?:\/([^/]+))?$/,
  mediaType: 'application/vnd.atlas.2023-01-01+json',
  paged: false,
  jobNotFound: SimulatorErrorCode.BackupRestoreNotFound,
  servingCluster(seed, groupId, clusterName) {
    const cluster = clusterOf(seed, groupId, clusterName);
    if (cluster?.formerKind === 'SHARED_TIER') throw versionGone();
    if (isDedicated(cluster)) throw notTenantCluster(clusterName);
    if (cluster?.kind === 'FREE') throw noBackupOnFree(clusterName);
    if (cluster?.kind !== 'SHARED_TIER') throw clusterNotFound(clusterName, groupId);
    return cluster;
  },
  writes: [],
};
