import type { RestoreJobKindDefinition } from '../RestoreJobSource';
import type { LegacyBackupRestoreJobModel } from './model';
import type { BackupRestoreJobWire } from './wire';
import { toLegacyBackupModel } from './mapper';
import { legacyCreate } from './requests';
import type { JobLocation } from '../RestoreJobBaseModel';

/** Legacy Backup restore jobs: `/groups/{groupId}/clusters/{clusterName}/restoreJobs`, v2 and v1.0. */
const MEDIA_TYPE = 'application/vnd.atlas.2023-01-01+json';
const listPath = ({ projectId, clusterName }: JobLocation): string =>
  `/groups/${encodeURIComponent(projectId)}/clusters/${encodeURIComponent(clusterName)}/restoreJobs`;

export const legacyBackup: RestoreJobKindDefinition<BackupRestoreJobWire, LegacyBackupRestoreJobModel> = {
  kind: 'LEGACY_BACKUP',
  typeName: 'LegacyBackupRestoreJob',
  mediaType: MEDIA_TYPE,
  versions: ['v2', 'v1.0'],
  paging: 'pageNum',
  listPath,
  toModel: toLegacyBackupModel,
  /** createGroupClusterRestoreJob (v1.0: createLegacyBackupRestoreJob), the delivery in `delivery.methodName`. */
  create: {
    AUTOMATED: legacyCreate('AUTOMATED', listPath, MEDIA_TYPE),
    DOWNLOAD: legacyCreate('DOWNLOAD', listPath, MEDIA_TYPE),
    POINT_IN_TIME: legacyCreate('POINT_IN_TIME', listPath, MEDIA_TYPE),
  },
};
