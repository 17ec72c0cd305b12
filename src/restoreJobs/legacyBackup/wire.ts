import type { BsonTimestampWire, LinkWire } from '../../atlas/wire';

/** `BackupRestoreJobDelivery` (response view: writeOnly request fields left out). */
export interface BackupRestoreJobDeliveryWire {
  authHeader?: string;
  /** NOTE: a download credential. Never logged or put in an error. */
  authValue?: string;
  expirationHours?: number;
  expires?: string;
  maxDownloads?: number;
  methodName: string;
  statusName?: string;
  targetClusterId?: string;
  targetClusterName?: string;
  targetGroupId?: string;
  /** Deprecated upstream; embeds the verification key, so it is a signed URL. */
  url?: string;
  urlV2?: string;
}

/** `RestoreJobFileHash`. */
export interface RestoreJobFileHashWire {
  fileName?: string;
  hash?: string;
  links?: LinkWire[];
  typeName?: string;
}

/** `BackupRestoreJob` as returned by GET (writeOnly request fields left out). */
export interface BackupRestoreJobWire {
  batchId?: string;
  clusterId?: string;
  clusterName?: string;
  created?: string;
  delivery: BackupRestoreJobDeliveryWire;
  deploymentJobId?: string;
  encryptionEnabled?: boolean;
  groupId?: string;
  hashes?: RestoreJobFileHashWire[];
  id?: string;
  links?: LinkWire[];
  masterKeyUUID?: string;
  snapshotId?: string;
  statusName?: string;
  timestamp?: BsonTimestampWire;
}
