import { methodNotAllowed, resourceNotFound } from './errors';
import type { ApiVersion } from './http';
import { SIMULATED_KINDS } from './kinds';
import type { SimulatedKind, WriteRoute } from './kinds/SimulatedKind';

const KINDS: readonly SimulatedKind[] = Object.values(SIMULATED_KINDS);

/** A restore-job API request matched to its kind and operation, its path parsed. */
export interface ApiRoute {
  kind: SimulatedKind;
  /** The write operation; absent for a GET of a list or a job. */
  write?: WriteRoute;
  version: ApiVersion;
  /** The path's project, cluster and job segments, still percent-encoded (decoded once the request's headers passed). */
  segments: { groupId: string; clusterName: string; jobId?: string };
}

/**
 * The kind and operation of a restore-job API request: 404 RESOURCE_NOT_FOUND for a path no kind serves, 405
 * METHOD_NOT_ALLOWED (with `Allow`) for a method its path does not take.
 */
export function matchApiRoute(method: string, path: string): ApiRoute {
  const allowed: string[] = [];
  for (const kind of KINDS) {
    const read = kind.pattern.exec(path);
    if (read) {
      allowed.push('GET');
      if (method === 'GET') return parsed(kind, undefined, read);
    }
    for (const write of kind.writes) {
      const m = write.pattern.exec(path);
      if (!m) continue;
      allowed.push(write.method);
      if (method === write.method) return parsed(kind, write, m);
    }
  }
  if (allowed.length === 0) throw resourceNotFound(path);
  throw methodNotAllowed(method, path, [...new Set(allowed)]);
}

function parsed(kind: SimulatedKind, write: WriteRoute | undefined, m: RegExpExecArray): ApiRoute {
  return {
    kind,
    ...(write ? { write } : {}),
    version: m[1] as ApiVersion,
    segments: { groupId: m[2]!, clusterName: m[3]!, ...(m[4] === undefined ? {} : { jobId: m[4] }) },
  };
}
