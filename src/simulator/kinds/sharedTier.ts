import { clusterOf, isDedicated } from '../clusters';
import { clusterNotFound, noBackupOnFree, notTenantCluster, SimulatorErrorCode, versionGone } from '../errors';
import type { SeedCluster, SeedData } from '../SeedData';
import type { SimulatedKind } from './SimulatedKind';
import { createSnapshotRestore, runningSnapshotRestoreTarget } from './snapshotRestore';

const TENANT = '^\\/api\\/atlas\\/(v2|v1\\.0)\\/groups\\/([^/]+)\\/clusters\\/([^/]+)\\/backup\\/tenant';

/** The cluster a request names, or the Atlas error for one the API does not serve. */
function tenantCluster(seed: SeedData, groupId: string, clusterName: string): SeedCluster {
  const cluster = clusterOf(seed, groupId, clusterName);
  if (cluster?.formerKind === 'SHARED_TIER') throw versionGone();
  if (isDedicated(cluster)) throw notTenantCluster(clusterName);
  if (cluster?.kind === 'FREE') throw noBackupOnFree(clusterName);
  if (cluster?.kind !== 'SHARED_TIER') throw clusterNotFound(clusterName, groupId);
  return cluster;
}

/** The writable fields of `TenantRestore` (the rest is readOnly). */
const TENANT_RESTORE_FIELDS = ['snapshotId', 'targetDeploymentItemName', 'targetProjectId'];

const KIND = { kind: 'SHARED_TIER', servingCluster: tenantCluster } as const;

/**
 * createSharedClusterBackupRestoreJob (`…/backup/tenant/restore`) and downloadSharedClusterBackup
 * (`…/backup/tenant/download`), v2 and v1.0: `TenantRestore` in and out, for a cluster still on the tenant API.
 * NOTE: the download's body is `TenantRestore` too, which requires `targetDeploymentItemName`; the simulator holds
 * clients to the schema, though a download writes to no cluster (its job names the source as target).
 */
const WRITES: SimulatedKind['writes'] = [
  {
    operationId: 'createSharedClusterBackupRestoreJob',
    method: 'POST',
    pattern: new RegExp(`${TENANT}\\/restore$`),
    handle: createSnapshotRestore(KIND, 'tenant', 'RESTORE', TENANT_RESTORE_FIELDS),
  },
  {
    operationId: 'downloadSharedClusterBackup',
    method: 'POST',
    pattern: new RegExp(`${TENANT}\\/download$`),
    handle: createSnapshotRestore(KIND, 'tenant', 'DOWNLOAD', TENANT_RESTORE_FIELDS),
  },
];

/** Shared-tier (M2/M5, "tenant") restore jobs (`…/clusters/{clusterName}/backup/tenant/restores`), v2 and v1.0. */
export const sharedTier: SimulatedKind = {
  kind: 'SHARED_TIER',
  pattern: new RegExp(`${TENANT}\\/restores(?:\\/([^/]+))?$`),
  mediaType: 'application/vnd.atlas.2023-01-01+json',
  paged: false,
  jobNotFound: SimulatorErrorCode.BackupRestoreNotFound,
  /** A migrated (former M2/M5) cluster answers 410 VERSION_GONE: the API is past its sunset (2026-01-15) for it. */
  servingCluster: tenantCluster,
  runningRestoreTarget: runningSnapshotRestoreTarget,
  writes: WRITES,
};

