import type { RestoreJobKindDefinition } from '../RestoreJobSource';
import type { LegacyBackupRestoreJobModel } from './model';
import type { BackupRestoreJobWire } from './wire';
import { toLegacyBackupModel } from './mapper';

/** Legacy Backup restore jobs: `/groups/{groupId}/clusters/{clusterName}/restoreJobs`, v2 and v1.0. */
export const legacyBackup: RestoreJobKindDefinition<BackupRestoreJobWire, LegacyBackupRestoreJobModel> = {
  kind: 'LEGACY_BACKUP',
  typeName: 'LegacyBackupRestoreJob',
  mediaType: 'application/vnd.atlas.2023-01-01+json',
  versions: ['v2', 'v1.0'],
  paging: 'pageNum',
  listPath: ({ projectId, clusterName }) =>
    `/groups/${encodeURIComponent(projectId)}/clusters/${encodeURIComponent(clusterName)}/restoreJobs`,
  toModel: toLegacyBackupModel,
};
