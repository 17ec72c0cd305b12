import type { BsonTimestampWire, LinkWire } from '../../atlas/wire';

/** `ApiPrivateDownloadDeliveryUrl`: a download URL reachable through one private endpoint. */
export interface ApiPrivateDownloadDeliveryUrlWire {
  /** NOTE: a signed download URL. Never logged or put in an error. */
  deliveryUrl?: string;
  endpointId?: string;
}

/** `DiskBackupRestoreMember`: one replica set of a sharded cluster's restore. */
export interface DiskBackupRestoreMemberWire {
  /** NOTE: a signed download URL. Never logged or put in an error. */
  downloadUrl?: string;
  privateDownloadDeliveryUrls?: ApiPrivateDownloadDeliveryUrlWire[];
  replicaSetName?: string;
}

/**
 * `DiskBackupSnapshotRestoreJob` as returned by GET (media type `application/vnd.atlas.2023-01-01+json`), from
 * atlas/successors.openapi.yaml. Only `deliveryType` is required by the spec; everything else may be missing.
 */
export interface DiskBackupSnapshotRestoreJobWire {
  cancelled?: boolean;
  components?: DiskBackupRestoreMemberWire[];
  deliveryType: string;
  /** NOTE: signed download URLs. Never logged or put in an error. */
  deliveryUrl?: string[];
  desiredTimestamp?: BsonTimestampWire;
  expired?: boolean;
  expiresAt?: string;
  failed?: boolean;
  finishedAt?: string;
  id?: string;
  links?: LinkWire[];
  oplogInc?: number;
  oplogTs?: number;
  pointInTimeUTCSeconds?: number;
  privateDownloadDeliveryUrls?: ApiPrivateDownloadDeliveryUrlWire[];
  snapshotId?: string;
  targetClusterName?: string;
  targetGroupId?: string;
  timestamp?: string;
}
