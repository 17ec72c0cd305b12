import type { JobLocation } from './RestoreJobBaseModel';
import { isRestoreJobKind } from './sources';
import { GlobalIdError, parseGlobalId } from './mapping/globalIdEncoding';

export { CLUSTER_NAME, encodeGlobalId, GlobalIdError } from './mapping/globalIdEncoding';

/** What a restore job's global id encodes. */
export interface RestoreJobRef extends JobLocation {
  jobId: string;
}

/** Decodes and validates a global id; throws GlobalIdError on anything this gateway would not have issued. */
export function decodeGlobalId(id: string): RestoreJobRef {
  const parts = parseGlobalId(id);
  if (!isRestoreJobKind(parts.kind)) throw new GlobalIdError('Not a global id of this graph.');
  return { ...parts, kind: parts.kind };
}
