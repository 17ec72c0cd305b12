import type { RestoreJobBaseModel, SnapshotRestoreFieldsModel } from '../RestoreJobBaseModel';

/** `FlexRestoreJob`. */
export interface FlexRestoreJobModel extends RestoreJobBaseModel, SnapshotRestoreFieldsModel {
  kind: 'FLEX';
}

