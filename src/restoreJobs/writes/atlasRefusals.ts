import { AtlasApiError } from '../../atlas/errors';
import { userError, type RestoreUserErrorCode, type RestoreUserErrorModel } from './model';

/**
 * Atlas's errorCodes for creates and cancels, each as the userError it is (DESIGN.md, "Mutations", from Atlas's
 * error-code reference). NOTE: `FLEX_CLUSTER_NOT_FOUND` is the flex API's name for an unknown cluster; DESIGN.md's
 * list names only `CLUSTER_NOT_FOUND`, and a caller can fix either the same way.
 */
export const ATLAS_CODE_TO_USER_ERROR: Readonly<Record<string, RestoreUserErrorCode>> = {
  VALIDATION_ERROR: 'INVALID_INPUT',
  INVALID_ATTRIBUTE: 'INVALID_INPUT',
  MISSING_ATTRIBUTE: 'INVALID_INPUT',
  CLUSTER_NOT_FOUND: 'CLUSTER_NOT_FOUND',
  FLEX_CLUSTER_NOT_FOUND: 'CLUSTER_NOT_FOUND',
  SNAPSHOT_NOT_FOUND: 'SNAPSHOT_NOT_FOUND',
  INVALID_SNAPSHOT_ID: 'SNAPSHOT_NOT_FOUND',
  CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT: 'SNAPSHOT_NOT_READY',
  ATLAS_CLUSTER_RESTORE_IN_PROGRESS: 'RESTORE_IN_PROGRESS',
  CANNOT_CANCEL_AUTOMATED_RESTORE: 'NOT_CANCELLABLE',
  ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED: 'NOT_CANCELLABLE',
  RESTORE_JOB_NOT_FOUND: 'JOB_NOT_FOUND',
  VERSION_GONE: 'KIND_RETIRED',
};

/** Statuses that stay top-level errors whatever the code: the caller's credential, rate limits. */
const TOP_LEVEL_4XX = new Set([401, 403, 429]);

/**
 * A refusal the caller can fix, from Atlas's answer to a create or cancel; null for anything that stays a top-level
 * error (auth, rate limits, 5xx, transport failures). An unknown code on a 4xx is INVALID_INPUT, its code kept.
 */
export function atlasRefusal(error: unknown): RestoreUserErrorModel | null {
  if (!(error instanceof AtlasApiError)) return null;
  if (error.status < 400 || error.status >= 500 || TOP_LEVEL_4XX.has(error.status)) return null;
  const known = error.errorCode !== null ? ATLAS_CODE_TO_USER_ERROR[error.errorCode] : undefined;
  const code = known ?? (error.status === 410 ? 'KIND_RETIRED' : 'INVALID_INPUT');
  const quoted = userError(code, `Atlas refused the request (${error.status}${error.errorCode ? ` ${error.errorCode}` : ''})${error.detail ? `: ${error.detail}` : '.'}`, null, error.errorCode);
  return { ...quoted, quotesAtlas: true };
}
