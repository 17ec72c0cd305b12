import type { RestoreJobKind } from '../RestoreJobKind';
import type { RestoreJobModel } from '../RestoreJobModel';
import type { RestoreDelivery } from '../RestoreJobSource';

/** Why a mutation did not do what was asked: the domain's declaration of the GraphQL enum `RestoreUserErrorCode`. */
export const RESTORE_USER_ERROR_CODES = [
  'INVALID_INPUT',
  'CONFIRMATION_REQUIRED',
  'CLUSTER_NOT_FOUND',
  'SNAPSHOT_NOT_FOUND',
  'SNAPSHOT_NOT_READY',
  'RESTORE_IN_PROGRESS',
  'KIND_RETIRED',
  'NOT_CANCELLABLE',
  'JOB_NOT_FOUND',
  'IDEMPOTENCY_KEY_REUSED',
  'OUTCOME_UNKNOWN',
] as const;

export type RestoreUserErrorCode = (typeof RESTORE_USER_ERROR_CODES)[number];

/** `RestoreUserError`: something the caller can fix. */
export interface RestoreUserErrorModel {
  /** The input field at fault, from the mutation's arguments (`['input', 'snapshotId']`); null when no one field is. */
  field: string[] | null;
  message: string;
  code: RestoreUserErrorCode;
  /** Atlas's own code, when Atlas refused the request. */
  atlasErrorCode: string | null;
  /** True when the message quotes Atlas's `detail` (the edge scrubs such messages; the gateway's own are kept). */
  quotesAtlas?: boolean;
}

/** Every mutation's payload. */
export interface RestorePayloadModel {
  restoreJob: RestoreJobModel | null;
  restoreJobs: RestoreJobModel[];
  userErrors: RestoreUserErrorModel[];
  replayed: boolean;
  clientMutationId: string | null;
}

/** What a caller asks to start, in the domain's words (the three mutations' inputs, one shape). */
export interface StartRestoreInput {
  delivery: RestoreDelivery;
  idempotencyKey: string;
  projectId: string;
  clusterName: string;
  kind: RestoreJobKind | null;
  snapshotId: string | null;
  targetProjectId: string | null;
  targetClusterName: string | null;
  pointInTime: Date | null;
  oplog: { ts: number; inc: number } | null;
  /** Absent for a download. */
  confirmTargetDataLoss: boolean | null;
  clientMutationId: string | null;
}

/** A user error. */
export function userError(code: RestoreUserErrorCode, message: string, field: string[] | null = null, atlasErrorCode: string | null = null): RestoreUserErrorModel {
  return { field, message, code, atlasErrorCode };
}

/** A payload with user errors and nothing done. */
export function refused(clientMutationId: string | null, ...userErrors: RestoreUserErrorModel[]): RestorePayloadModel {
  return { restoreJob: null, restoreJobs: [], userErrors, replayed: false, clientMutationId };
}

/** A payload with jobs. */
export function answered(jobs: RestoreJobModel[], replayed: boolean, clientMutationId: string | null): RestorePayloadModel {
  return { restoreJob: jobs[0] ?? null, restoreJobs: jobs, userErrors: [], replayed, clientMutationId };
}
