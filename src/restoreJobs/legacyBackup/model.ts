import type { BsonTimestampModel, LinkModel, RestoreJobBaseModel } from '../RestoreJobBaseModel';

/** `LegacyRestoreDelivery`. */
export interface LegacyRestoreDeliveryModel {
  method: string | null;
  downloadStatus: string | null;
  authHeader: string | null;
  authValue: string | null;
  expirationHours: number | null;
  expiresAt: Date | null;
  maxDownloads: number | null;
  targetClusterId: string | null;
  targetClusterName: string | null;
  targetProjectId: string | null;
  url: string | null;
  urlV2: string | null;
}


/** `RestoreFileHash`. */
export interface RestoreFileHashModel {
  fileName: string | null;
  hash: string | null;
  algorithm: string | null;
  links: LinkModel[];
}


/** `LegacyBackupRestoreJob`. */
export interface LegacyBackupRestoreJobModel extends RestoreJobBaseModel {
  kind: 'LEGACY_BACKUP';
  batchId: string | null;
  sourceClusterId: string | null;
  deploymentJobId: string | null;
  encryptionEnabled: boolean | null;
  masterKeyUuid: string | null;
  snapshotTimestamp: BsonTimestampModel | null;
  delivery: LegacyRestoreDeliveryModel | null;
  hashes: RestoreFileHashModel[];
}

