import { CLUSTER_NAME } from '../mapping/globalIdEncoding';
import type { RestoreRequest } from '../RestoreJobSource';
import { userError, type RestoreUserErrorModel, type StartRestoreInput } from './model';

/** What an idempotency key may be: 1 to 255 printable ASCII characters (a UUID, a ULID, a caller's own id). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Atlas's earliest restorable moment the simulator and Atlas accept (2008-01-01), in seconds. */
const EARLIEST_SECONDS = 1_199_145_600;

/**
 * The rules every kind shares, checked before any upstream call: names Atlas would refuse, the key, the point-in-time
 * choice (exactly one of `pointInTime` and `oplog`, not in the future), and the confirmation of data loss for restores
 * that overwrite a target. Each broken rule is one userError with its field path; all are reported at once.
 */
export function checkStartInput(input: StartRestoreInput, nowMs: number): RestoreUserErrorModel[] {
  const errors: RestoreUserErrorModel[] = [];
  const at = (name: string): string[] => ['input', name];
  if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
    errors.push(userError('INVALID_INPUT', 'idempotencyKey must be 1 to 255 printable characters without spaces.', at('idempotencyKey')));
  }
  if (!CLUSTER_NAME.test(input.clusterName)) {
    errors.push(userError('INVALID_INPUT', 'clusterName must start with a letter or digit and hold only letters, digits and hyphens (at most 64).', at('clusterName')));
  }
  if (input.targetClusterName !== null && !CLUSTER_NAME.test(input.targetClusterName)) {
    errors.push(userError('INVALID_INPUT', 'targetClusterName must start with a letter or digit and hold only letters, digits and hyphens (at most 64).', at('targetClusterName')));
  }
  if (input.delivery === 'POINT_IN_TIME') {
    if ((input.pointInTime === null) === (input.oplog === null)) {
      const message = 'Give exactly one of pointInTime and oplog.';
      errors.push(userError('INVALID_INPUT', message, at(input.pointInTime === null ? 'pointInTime' : 'oplog')));
    }
    if (input.pointInTime !== null && !withinRestorableTime(input.pointInTime.getTime() / 1000, nowMs)) {
      errors.push(userError('INVALID_INPUT', 'pointInTime must be in the past (and after 2008).', at('pointInTime')));
    }
    if (input.oplog !== null) {
      if (!withinRestorableTime(input.oplog.ts, nowMs)) errors.push(userError('INVALID_INPUT', 'oplog.ts must be seconds since the epoch, in the past.', ['input', 'oplog', 'ts']));
      if (input.oplog.inc < 1) errors.push(userError('INVALID_INPUT', 'oplog.inc must be at least 1.', ['input', 'oplog', 'inc']));
    }
  }
  if (input.delivery !== 'DOWNLOAD' && input.confirmTargetDataLoss !== true) {
    const target = `${input.targetProjectId ?? input.projectId}/${input.targetClusterName ?? '?'}`;
    errors.push(
      userError(
        'CONFIRMATION_REQUIRED',
        `This restore overwrites every document of the target cluster ${target}. Set confirmTargetDataLoss: true to confirm.`,
        at('confirmTargetDataLoss'),
      ),
    );
  }
  return errors;
}

function withinRestorableTime(seconds: number, nowMs: number): boolean {
  return Number.isFinite(seconds) && seconds >= EARLIEST_SECONDS && seconds * 1000 <= nowMs;
}

/** The request in the domain's words, as each kind's create operation writes it; the target defaults to the source's project. */
export function restoreRequestOf(input: StartRestoreInput): RestoreRequest {
  const target = input.delivery !== 'DOWNLOAD';
  return {
    snapshotId: input.delivery === 'POINT_IN_TIME' ? null : input.snapshotId,
    targetProjectId: target ? (input.targetProjectId ?? input.projectId) : null,
    targetClusterName: target ? input.targetClusterName : null,
    pointInTime: input.delivery === 'POINT_IN_TIME' ? input.pointInTime : null,
    oplog: input.delivery === 'POINT_IN_TIME' ? input.oplog : null,
  };
}

/**
 * What an idempotency key is bound to: the input without the parts that do not change what is started
 * (`clientMutationId`), with the target's project made explicit, as one stable string.
 */
export function fingerprintOf(input: StartRestoreInput): string {
  const request = restoreRequestOf(input);
  return JSON.stringify([
    input.delivery,
    input.projectId,
    input.clusterName,
    input.kind,
    request.snapshotId,
    request.targetProjectId,
    request.targetClusterName,
    request.pointInTime?.getTime() ?? null,
    request.oplog ? [request.oplog.ts, request.oplog.inc] : null,
  ]);
}
