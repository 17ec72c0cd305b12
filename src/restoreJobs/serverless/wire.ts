import type { BsonTimestampWire, LinkWire } from '../../atlas/wire';

/** `ServerlessBackupRestoreJob`. */
export interface ServerlessBackupRestoreJobWire {
  cancelled?: boolean;
  deliveryType: string;
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
  snapshotId?: string;
  targetClusterName: string;
  targetGroupId: string;
  timestamp?: string;
}
