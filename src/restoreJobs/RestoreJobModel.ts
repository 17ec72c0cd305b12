/**
 * The normalized restore job: every kind's mapper produces one of these, so interface fields need no resolvers.
 * Discriminated on `kind`; the union is what the compiler's exhaustive switches run over. Both the kinds and the union
 * are derived from the registry in `sources.ts` (type-only, so no module cycle), so a new kind is its folder plus one
 * line there.
 */
import type { RestoreJobKind, RestoreJobModel } from './sources';

export type { RestoreJobKind, RestoreJobModel };

/** `RestoreJobStatus`. */
export type RestoreJobStatus =
  | 'PENDING'
  | 'QUEUED'
  | 'IN_PROGRESS'
  | 'COMPLETED'
  | 'FAILED'
  | 'CANCELLED'
  | 'EXPIRED'
  | 'UNKNOWN';

/** `RestoreDeliveryType`. */
export type RestoreDeliveryType = 'AUTOMATED' | 'DOWNLOAD' | 'POINT_IN_TIME' | 'QUERY' | 'THIRD_PARTY_COPY' | 'UNKNOWN';

/** `Link`. */
export interface LinkModel {
  href: string | null;
  rel: string | null;
}

/** `BsonTimestamp`. */
export interface BsonTimestampModel {
  date: Date | null;
  increment: number | null;
}

/** Where a job lives: the three coordinates every lookup needs. */
export interface JobLocation {
  kind: RestoreJobKind;
  projectId: string;
  clusterName: string;
}

/** Fields of the `RestoreJob` interface, normalized once per kind. */
export interface RestoreJobBaseModel extends JobLocation {
  /** The opaque global id. */
  id: string;
  /**
   * The kind the caller named for this lookup (the `kind` argument, or the kind inside a global id); null when the
   * gateway discovered the kind. Set by routing on the copy it returns; undefined on a mapper's output (the slot keeps
   * the copy's shape, see baseModel).
   */
  requestedKind?: RestoreJobKind | null;
  jobId: string;
  snapshotId: string | null;
  status: RestoreJobStatus;
  atlasStatus: string | null;
  isTerminal: boolean;
  deliveryType: RestoreDeliveryType;
  createdAt: Date | null;
  finishedAt: Date | null;
  expiresAt: Date | null;
  targetProjectId: string | null;
  targetClusterName: string | null;
  downloadUrls: string[];
  links: LinkModel[];
}

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

/** Fields shared by the shared-tier and flex jobs, whose wire shapes are twins. */
export interface SnapshotRestoreFieldsModel {
  atlasDeliveryType: string | null;
  snapshotFinishedAt: Date | null;
  snapshotUrl: string | null;
}

/** `SharedTierRestoreJob`. */
export interface SharedTierRestoreJobModel extends RestoreJobBaseModel, SnapshotRestoreFieldsModel {
  kind: 'SHARED_TIER';
}

/** `FlexRestoreJob`. */
export interface FlexRestoreJobModel extends RestoreJobBaseModel, SnapshotRestoreFieldsModel {
  kind: 'FLEX';
}

/** Fields shared by the serverless and Cloud Backup jobs, whose wire shapes are twins. */
export interface FlagRestoreFieldsModel {
  atlasDeliveryType: string | null;
  cancelled: boolean | null;
  failed: boolean | null;
  expired: boolean | null;
  desiredTimestamp: BsonTimestampModel | null;
  oplogTimestamp: BsonTimestampModel | null;
  pointInTime: Date | null;
  snapshotTakenAt: Date | null;
}

/** `ServerlessRestoreJob`. */
export interface ServerlessRestoreJobModel extends RestoreJobBaseModel, FlagRestoreFieldsModel {
  kind: 'SERVERLESS';
}

/** Statuses after which a job never changes. */
export function isTerminalStatus(status: RestoreJobStatus): boolean {
  return status === 'COMPLETED' || status === 'FAILED' || status === 'CANCELLED' || status === 'EXPIRED';
}

/** Fails to compile when a switch over kinds misses one. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}
