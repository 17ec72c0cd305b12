import type { RestoreJobKindDefinition } from '../RestoreJobSource';
import type { ServerlessRestoreJobModel } from './model';
import type { ServerlessBackupRestoreJobWire } from './wire';
import { toServerlessModel } from './mapper';

/**
 * Serverless restore jobs: `/groups/{groupId}/serverless/{clusterName}/backup/restoreJobs`, v2 and v1.0. Atlas
 * sunset this API on 2026-01-22.
 */
export const serverless: RestoreJobKindDefinition<ServerlessBackupRestoreJobWire, ServerlessRestoreJobModel> = {
  kind: 'SERVERLESS',
  typeName: 'ServerlessRestoreJob',
  mediaType: 'application/vnd.atlas.2023-01-01+json',
  versions: ['v2', 'v1.0'],
  paging: 'pageNum',
  listPath: ({ projectId, clusterName }) =>
    `/groups/${encodeURIComponent(projectId)}/serverless/${encodeURIComponent(clusterName)}/backup/restoreJobs`,
  toModel: toServerlessModel,
};
