import type { RestoreJobKindDefinition } from '../RestoreJobSource';
import type { CloudBackupRestoreJobModel } from './model';
import type { DiskBackupSnapshotRestoreJobWire } from './wire';
import { toCloudBackupModel } from './mapper';
import { cloudBackupCreate } from './requests';
import type { JobLocation } from '../RestoreJobBaseModel';

/**
 * Cloud Backup restore jobs of dedicated clusters: `/groups/{groupId}/clusters/{clusterName}/backup/restoreJobs`, v2
 * only (atlas/successors.openapi.yaml lists no v1.0 path; with MONGODB_ATLAS_API_VERSION=v1.0 its calls stay on v2).
 */
const MEDIA_TYPE = 'application/vnd.atlas.2023-01-01+json';
const listPath = ({ projectId, clusterName }: JobLocation): string =>
  `/groups/${encodeURIComponent(projectId)}/clusters/${encodeURIComponent(clusterName)}/backup/restoreJobs`;

export const cloudBackup: RestoreJobKindDefinition<DiskBackupSnapshotRestoreJobWire, CloudBackupRestoreJobModel> = {
  kind: 'CLOUD_BACKUP',
  typeName: 'CloudBackupRestoreJob',
  mediaType: MEDIA_TYPE,
  versions: ['v2'],
  paging: 'pageNum',
  listPath,
  toModel: toCloudBackupModel,
  /** createGroupClusterBackupRestoreJob: one POST, the delivery in `deliveryType`. */
  create: {
    AUTOMATED: cloudBackupCreate('AUTOMATED', listPath, MEDIA_TYPE),
    DOWNLOAD: cloudBackupCreate('DOWNLOAD', listPath, MEDIA_TYPE),
    POINT_IN_TIME: cloudBackupCreate('POINT_IN_TIME', listPath, MEDIA_TYPE),
  },
  /** cancelGroupClusterBackupRestoreJob (204). Atlas cancels only download jobs; it refuses the others itself. */
  cancel: { path: (location, jobId) => `${listPath(location)}/${jobId}`, mediaType: MEDIA_TYPE },
};
