import type { RestoreJobKindDefinition } from '../RestoreJobSource';
import type { FlexRestoreJobModel } from './model';
import { toSnapshotRestoreModel } from '../mapping/snapshotRestore';
import type { FlexBackupRestoreJobWire } from './wire';
import { flexAutomatedRestore, flexDownload } from './requests';

/**
 * Flex cluster restore jobs: `/groups/{groupId}/flexClusters/{name}/backup/restoreJobs`, v2 only.
 * NOTE: the reference page (atlas/pages/002_*) shows `Accept: application/vnd.atlas.2025-03-12+json` in its curl
 * example; the spec lists only `2024-11-13` for these operations, and the spec wins.
 */
const MEDIA_TYPE = 'application/vnd.atlas.2024-11-13+json';

export const flex: RestoreJobKindDefinition<FlexBackupRestoreJobWire, FlexRestoreJobModel> = {
  kind: 'FLEX',
  typeName: 'FlexRestoreJob',
  mediaType: MEDIA_TYPE,
  versions: ['v2'],
  paging: 'pageNum',
  listPath: ({ projectId, clusterName }) =>
    `/groups/${encodeURIComponent(projectId)}/flexClusters/${encodeURIComponent(clusterName)}/backup/restoreJobs`,
  toModel: (wire, location) => toSnapshotRestoreModel('FLEX', wire, location),
  /** Flex restores a snapshot onto a target, or offers it for download; it has no point-in-time restore. */
  create: { AUTOMATED: flexAutomatedRestore(MEDIA_TYPE), DOWNLOAD: flexDownload(MEDIA_TYPE) },
};
