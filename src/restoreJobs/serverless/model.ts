import type { FlagRestoreFieldsModel, RestoreJobBaseModel } from '../RestoreJobBaseModel';

/** `ServerlessRestoreJob`. */
export interface ServerlessRestoreJobModel extends RestoreJobBaseModel, FlagRestoreFieldsModel {
  kind: 'SERVERLESS';
}

