import { STATUS_CODES } from 'node:http';
import type { ApiErrorWire } from '../atlas/wire';

/** The Atlas error codes the simulator answers with. */
export const SimulatorErrorCode = {
  InvalidGroupId: 'INVALID_GROUP_ID',
  InvalidQueryParameter: 'INVALID_QUERY_PARAMETER',
  NotServerlessTenantCluster: 'NOT_SERVERLESS_TENANT_CLUSTER',
  Unauthorized: 'UNAUTHORIZED',
  GroupNotFound: 'GROUP_NOT_FOUND',
  ClusterNotFound: 'CLUSTER_NOT_FOUND',
  FlexClusterNotFound: 'FLEX_CLUSTER_NOT_FOUND',
  ServerlessInstanceNotFound: 'SERVERLESS_INSTANCE_NOT_FOUND',
  RestoreJobNotFound: 'RESTORE_JOB_NOT_FOUND',
  BackupRestoreNotFound: 'BACKUP_RESTORE_NOT_FOUND',
  ResourceNotFound: 'RESOURCE_NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  InvalidVersionDate: 'INVALID_VERSION_DATE',
  UnexpectedError: 'UNEXPECTED_ERROR',
  VersionGone: 'VERSION_GONE',
  CannotUseFlexClusterInClusterApi: 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API',
  CannotUseNonFlexClusterInFlexApi: 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API',
  CannotUseServerlessInstanceInClusterApi: 'CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API',
  CannotUseClusterInServerlessInstanceApi: 'CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API',
  FeatureUnsupported: 'FEATURE_UNSUPPORTED',
  ValidationError: 'VALIDATION_ERROR',
  InvalidAttribute: 'INVALID_ATTRIBUTE',
  MissingAttribute: 'MISSING_ATTRIBUTE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  SnapshotNotFound: 'SNAPSHOT_NOT_FOUND',
  InvalidSnapshotId: 'INVALID_SNAPSHOT_ID',
  IncompleteSnapshot: 'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT',
  RestoreInProgress: 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS',
  CannotCancelAutomatedRestore: 'CANNOT_CANCEL_AUTOMATED_RESTORE',
  CannotCancelShardRestoreJob: 'ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED',
} as const;

/** One entry of an ApiError's `badRequestDetail.fields`: the request field at fault and why. */
export interface FieldViolation {
  field: string;
  description: string;
}

/** Thrown inside request handling to answer with an Atlas error body. */
export class SimulatedApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
    /** Sent as `badRequestDetail.fields` (ApiError's own way to name the fields of a bad request). */
    readonly fields: FieldViolation[] = [],
  ) {
    super(`${status} ${errorCode}`);
  }
}

/** An `ApiError` body, as Atlas sends it with every 4xx/5xx. */
export function errorBody(status: number, errorCode: string, detail: string, fields: FieldViolation[] = []): ApiErrorWire {
  return {
    ...(fields.length ? { badRequestDetail: { fields } } : {}),
    detail,
    error: status,
    errorCode,
    reason: STATUS_CODES[status] ?? 'Error',
  };
}

/** The error code of an injected fault's default body. */
export function faultErrorCode(status: number): string {
  switch (status) {
    case 429:
      return 'RATE_LIMITED';
    case 500:
      return SimulatorErrorCode.UnexpectedError;
    case 502:
      return 'BAD_GATEWAY';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    case 504:
      return 'GATEWAY_TIMEOUT';
    default:
      return 'SIMULATED_FAULT';
  }
}

/** 404 CLUSTER_NOT_FOUND. */
export function clusterNotFound(clusterName: string, groupId: string): SimulatedApiError {
  return new SimulatedApiError(404, SimulatorErrorCode.ClusterNotFound, `No cluster named ${clusterName} exists in group ${groupId}.`);
}

/** 404 FLEX_CLUSTER_NOT_FOUND. */
export function flexClusterNotFound(name: string, groupId: string): SimulatedApiError {
  return new SimulatedApiError(404, SimulatorErrorCode.FlexClusterNotFound, `Flex cluster ${name} cannot be found in group ${groupId}.`);
}

/** 404 SERVERLESS_INSTANCE_NOT_FOUND. */
export function serverlessInstanceNotFound(name: string, groupId: string): SimulatedApiError {
  return new SimulatedApiError(404, SimulatorErrorCode.ServerlessInstanceNotFound, `No serverless instance named ${name} exists in group ${groupId}.`);
}

/** The spec's `gone` response body, verbatim. */
export function versionGone(): SimulatedApiError {
  return new SimulatedApiError(410, SimulatorErrorCode.VersionGone, 'This happens when a resource is marked for sunset and the sunset date is in the past.');
}

/** 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API. */
export function flexInClusterApi(name: string): SimulatedApiError {
  return new SimulatedApiError(400, SimulatorErrorCode.CannotUseFlexClusterInClusterApi, `Cluster ${name} is a flex cluster: use the flex cluster API.`);
}

/** 400 CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API. */
export function nonFlexInFlexApi(name: string): SimulatedApiError {
  return new SimulatedApiError(400, SimulatorErrorCode.CannotUseNonFlexClusterInFlexApi, `Cluster ${name} is not a flex cluster: use the cluster API.`);
}

/** 400 CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API. */
export function serverlessInClusterApi(name: string): SimulatedApiError {
  return new SimulatedApiError(
    400,
    SimulatorErrorCode.CannotUseServerlessInstanceInClusterApi,
    `${name} is a serverless instance: use the serverless instance API.`,
  );
}

/** 400 CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API. */
export function clusterInServerlessApi(name: string): SimulatedApiError {
  return new SimulatedApiError(
    400,
    SimulatorErrorCode.CannotUseClusterInServerlessInstanceApi,
    `Cluster ${name} is a cluster, not a serverless instance: use the cluster API.`,
  );
}

/** 400 NOT_SERVERLESS_TENANT_CLUSTER. */
export function notTenantCluster(name: string): SimulatedApiError {
  return new SimulatedApiError(400, SimulatorErrorCode.NotServerlessTenantCluster, `Cluster ${name} is not a shared-tier (M2/M5) cluster.`);
}

/** 400 FEATURE_UNSUPPORTED: a free or shared-tier cluster has no Cloud Backup. */
export function noBackupOnFree(name: string): SimulatedApiError {
  return new SimulatedApiError(400, SimulatorErrorCode.FeatureUnsupported, `Cloud Backup is not available for the tenant cluster ${name}.`);
}

/** 400 INVALID_QUERY_PARAMETER. */
export function invalidQuery(name: string, value: string, expected: string): SimulatedApiError {
  return new SimulatedApiError(
    400,
    SimulatorErrorCode.InvalidQueryParameter,
    `Invalid value "${value}" for query parameter ${name}: expected ${expected}.`,
  );
}

/** 404 RESOURCE_NOT_FOUND: no such path. */
export function resourceNotFound(path: string): SimulatedApiError {
  return new SimulatedApiError(404, SimulatorErrorCode.ResourceNotFound, `Cannot find resource ${path}.`);
}

/** 405 METHOD_NOT_ALLOWED, with the methods the path takes. */
export function methodNotAllowed(method: string, path: string, allow: string[]): SimulatedApiError {
  return new SimulatedApiError(405, SimulatorErrorCode.MethodNotAllowed, `Method ${method} is not allowed on ${path}.`, { Allow: allow.join(', ') });
}
