/**
 * The text format of restore-job global ids, without knowledge of which kinds exist (that check is in `globalId.ts`),
 * so mappers can mint ids without importing the registry.
 */

/** What a restore job's global id encodes; `kind` is checked against the registry by `decodeGlobalId`. */
export interface GlobalIdParts {
  kind: string;
  projectId: string;
  clusterName: string;
  jobId: string;
}

/** The id was not one this gateway issued. */
export class GlobalIdError extends Error {
  override readonly name = 'GlobalIdError';
}

const PREFIX = 'RestoreJob';
const OBJECT_ID = /^[a-f0-9]{24}$/;
const KIND_WORD = /^[A-Z][A-Z_]{0,31}$/;
/** Atlas's cluster-name pattern (`^[a-zA-Z0-9][a-zA-Z0-9-]*$`), bounded in length. */
export const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,63}$/;

/** Encodes (kind, projectId, clusterName, jobId) as an opaque base64url id. */
export function encodeGlobalId(ref: GlobalIdParts): string {
  return Buffer.from(`${PREFIX}:${ref.kind}:${ref.projectId}:${ref.clusterName}:${ref.jobId}`).toString('base64url');
}

/** Splits and validates an id's parts; throws GlobalIdError on anything this gateway would not have issued. */
export function parseGlobalId(id: string): GlobalIdParts {
  if (typeof id !== 'string' || id.length > 256 || !/^[A-Za-z0-9_-]+$/.test(id)) {
    throw new GlobalIdError('Not a global id of this graph.');
  }
  const parts = Buffer.from(id, 'base64url').toString('utf8').split(':');
  const [prefix, kind, projectId, clusterName, jobId] = parts;
  if (
    parts.length !== 5 ||
    prefix !== PREFIX ||
    !KIND_WORD.test(kind ?? '') ||
    !OBJECT_ID.test(projectId ?? '') ||
    !CLUSTER_NAME.test(clusterName ?? '') ||
    !OBJECT_ID.test(jobId ?? '')
  ) {
    throw new GlobalIdError('Not a global id of this graph.');
  }
  return { kind: kind!, projectId: projectId!, clusterName: clusterName!, jobId: jobId! };
}
