import type { RestoreJobKindDefinition } from '../RestoreJobSource';
import type { CloudBackupRestoreJobModel } from './model';
import type { DiskBackupSnapshotRestoreJobWire } from './wire';
import { toCloudBackupModel } from './mapper';

/**
 * Cloud Backup restore jobs of dedicated clusters: `/groups/{groupId}/clusters/{clusterName}/backup/restoreJobs`, v2
 * only (atlas/successors.openapi.yaml lists no v1.0 path; with MONGODB_ATLAS_API_VERSION=v1.0 its calls stay on v2).
 */
export const cloudBackup: RestoreJobKindDefinition<DiskBackupSnapshotRestoreJobWire, CloudBackupRestoreJobModel> = {
  kind: 'CLOUD_BACKUP',
  typeName: 'CloudBackupRestoreJob',
  mediaType: 'application/vnd.atlas.2023-01-01+json',
  versions: ['v2'],
  paging: 'pageNum',
  listPath: ({ projectId, clusterName }) =>
    `/groups/${encodeURIComponent(projectId)}/clusters/${encodeURIComponent(clusterName)}/backup/restoreJobs`,
  toModel: toCloudBackupModel,
};
