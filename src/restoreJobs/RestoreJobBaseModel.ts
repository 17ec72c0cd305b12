/**
 * What every restore job has, whatever its kind: the interface fields, and the domain's status and delivery
 * vocabularies (declared here, in the domain; codegen maps the GraphQL enums onto these types). Each kind's model, in
 * its folder, extends {@link RestoreJobBaseModel}; RestoreJobModel.ts is their union.
 */
import type { RestoreJobKind } from './RestoreJobKind';

export type { RestoreJobKind };

/** `RestoreJobStatus`: where a job is in its life, in one vocabulary for every kind. */
export const RESTORE_JOB_STATUSES = ['PENDING', 'QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED', 'UNKNOWN'] as const;
export type RestoreJobStatus = (typeof RESTORE_JOB_STATUSES)[number];

/** `RestoreDeliveryType`: how the restored data is delivered, in one vocabulary for every kind. */
export const RESTORE_DELIVERY_TYPES = ['AUTOMATED', 'DOWNLOAD', 'POINT_IN_TIME', 'QUERY', 'THIRD_PARTY_COPY', 'UNKNOWN'] as const;
export type RestoreDeliveryType = (typeof RESTORE_DELIVERY_TYPES)[number];

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


/** Fields shared by the shared-tier and flex jobs, whose wire shapes are twins. */
export interface SnapshotRestoreFieldsModel {
  atlasDeliveryType: string | null;
  snapshotFinishedAt: Date | null;
  snapshotUrl: string | null;
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


/** Statuses after which a job never changes. */
export function isTerminalStatus(status: RestoreJobStatus): boolean {
  return status === 'COMPLETED' || status === 'FAILED' || status === 'CANCELLED' || status === 'EXPIRED';
}


/** Fails to compile when a switch over kinds misses one. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}

