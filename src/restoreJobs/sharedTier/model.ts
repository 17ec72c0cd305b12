import type { RestoreJobBaseModel, SnapshotRestoreFieldsModel } from '../RestoreJobBaseModel';

/** `SharedTierRestoreJob`. */
export interface SharedTierRestoreJobModel extends RestoreJobBaseModel, SnapshotRestoreFieldsModel {
  kind: 'SHARED_TIER';
}

