import { clusterOf, isDedicated } from '../clusters';
import { flexClusterNotFound, nonFlexInFlexApi, SimulatorErrorCode } from '../errors';
import type { SeedCluster, SeedData } from '../SeedData';
import type { SimulatedKind } from './SimulatedKind';
import { createSnapshotRestore, runningSnapshotRestoreTarget } from './snapshotRestore';

const BACKUP = '^\\/api\\/atlas\\/(v2)\\/groups\\/([^/]+)\\/flexClusters\\/([^/]+)\\/backup';

/** The cluster a request names, or the Atlas error for one the API does not serve. */
function flexCluster(seed: SeedData, groupId: string, clusterName: string): SeedCluster {
  const cluster = clusterOf(seed, groupId, clusterName);
  if (isDedicated(cluster) || cluster?.kind === 'FREE') throw nonFlexInFlexApi(clusterName);
  if (cluster?.kind !== 'FLEX') throw flexClusterNotFound(clusterName, groupId);
  return cluster;
}

const KIND = { kind: 'FLEX', servingCluster: flexCluster } as const;

/**
 * createGroupFlexClusterBackupRestoreJob (`FlexBackupRestoreJobCreate20241113`: snapshotId, targetDeploymentItemName,
 * targetProjectId) and downloadGroupFlexClusterBackup (`…/backup/download`, `FlexBackupSnapshotDownloadCreate20241113`:
 * snapshotId). Both answer a `FlexBackupRestoreJob20241113`, in the 2024-11-13 media type.
 */
const WRITES: SimulatedKind['writes'] = [
  {
    operationId: 'createGroupFlexClusterBackupRestoreJob',
    method: 'POST',
    pattern: new RegExp(`${BACKUP}\\/restoreJobs$`),
    handle: createSnapshotRestore(KIND, 'flex', 'RESTORE', ['snapshotId', 'targetDeploymentItemName', 'targetProjectId']),
  },
  {
    operationId: 'downloadGroupFlexClusterBackup',
    method: 'POST',
    pattern: new RegExp(`${BACKUP}\\/download$`),
    handle: createSnapshotRestore(KIND, 'flex', 'DOWNLOAD', ['snapshotId']),
  },
];

/** Flex restore jobs (`…/flexClusters/{name}/backup/restoreJobs`), v2 only, media type 2024-11-13. */
export const flex: SimulatedKind = {
  kind: 'FLEX',
  pattern: new RegExp(`${BACKUP}\\/restoreJobs(?:\\/([^/]+))?$`),
  mediaType: 'application/vnd.atlas.2024-11-13+json',
  paged: true,
  jobNotFound: SimulatorErrorCode.RestoreJobNotFound,
  servingCluster: flexCluster,
  runningRestoreTarget: runningSnapshotRestoreTarget,
  writes: WRITES,
};

