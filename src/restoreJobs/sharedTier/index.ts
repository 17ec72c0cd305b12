import type { RestoreJobKindDefinition } from '../RestoreJobSource';
import type { SharedTierRestoreJobModel } from './model';
import { toSnapshotRestoreModel } from '../mapping/snapshotRestore';
import type { TenantRestoreWire } from './wire';

/**
 * M2/M5 shared-tier ("tenant") restore jobs: `/groups/{groupId}/clusters/{clusterName}/backup/tenant/restores`.
 * NOTE: the list takes no paging parameters and returns every job; the gateway pages it. Atlas sunset this API on
 * 2026-01-15.
 */
export const sharedTier: RestoreJobKindDefinition<TenantRestoreWire, SharedTierRestoreJobModel> = {
  kind: 'SHARED_TIER',
  typeName: 'SharedTierRestoreJob',
  mediaType: 'application/vnd.atlas.2023-01-01+json',
  versions: ['v2', 'v1.0'],
  paging: 'none',
  listPath: ({ projectId, clusterName }) =>
    `/groups/${encodeURIComponent(projectId)}/clusters/${encodeURIComponent(clusterName)}/backup/tenant/restores`,
  toModel: (wire, location) => toSnapshotRestoreModel('SHARED_TIER', wire, location),
};
