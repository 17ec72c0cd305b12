import type { AtlasSchemas, RequestView } from '../../atlas/wire';
import type { CreateOperation } from '../RestoreJobSource';
import type { JobLocation } from '../RestoreJobBaseModel';

/** `FlexBackupRestoreJobCreate20241113`, as POSTed. */
export type FlexBackupRestoreJobCreateWire = RequestView<AtlasSchemas['FlexBackupRestoreJobCreate20241113']>;

/** `FlexBackupSnapshotDownloadCreate20241113`, as POSTed. */
export type FlexBackupSnapshotDownloadCreateWire = RequestView<AtlasSchemas['FlexBackupSnapshotDownloadCreate20241113']>;

const group = ({ projectId, clusterName }: JobLocation): string =>
  `/groups/${encodeURIComponent(projectId)}/flexClusters/${encodeURIComponent(clusterName)}/backup`;

/**
 * createGroupFlexClusterBackupRestoreJob: restores a snapshot onto a target (`targetDeploymentItemName`, in
 * `targetProjectId` or, without one, the source's project). Answers the new job.
 * NOTE: the spec's request schema also lists read-only response fields; only its writeOnly ones are sent.
 */
export function flexAutomatedRestore(mediaType: string): CreateOperation {
  return {
    path: (location) => `${group(location)}/restoreJobs`,
    mediaType,
    body: (request): FlexBackupRestoreJobCreateWire => ({
      snapshotId: request.snapshotId ?? '',
      targetDeploymentItemName: request.targetClusterName ?? '',
      ...(request.targetProjectId !== null ? { targetProjectId: request.targetProjectId } : {}),
    }),
    jobs: (answer) => [answer],
  };
}

/** downloadGroupFlexClusterBackup (`…/backup/download`): a download of one snapshot. Answers the new restore job. */
export function flexDownload(mediaType: string): CreateOperation {
  return {
    path: (location) => `${group(location)}/download`,
    mediaType,
    body: (request): FlexBackupSnapshotDownloadCreateWire => ({ snapshotId: request.snapshotId ?? '' }),
    jobs: (answer) => [answer],
  };
}
