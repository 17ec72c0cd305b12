import type { FlagRestoreFieldsModel, RestoreJobBaseModel } from '../RestoreJobBaseModel';

/** `PrivateDownloadUrl`. */
export interface PrivateDownloadUrlModel {
  url: string | null;
  endpointId: string | null;
}

/** `CloudBackupRestoreComponent`: one replica set of a sharded cluster's restore. */
export interface CloudBackupRestoreComponentModel {
  replicaSetName: string | null;
  downloadUrl: string | null;
  privateDownloadUrls: PrivateDownloadUrlModel[];
}

/** `CloudBackupRestoreJob`. */
export interface CloudBackupRestoreJobModel extends RestoreJobBaseModel, FlagRestoreFieldsModel {
  kind: 'CLOUD_BACKUP';
  components: CloudBackupRestoreComponentModel[];
  privateDownloadUrls: PrivateDownloadUrlModel[];
  isReadyForDownload: boolean;
}
