import { decodeSnapshotId, isSnapshotGlobalId } from '../clusters/snapshots/snapshotGlobalId';
import type { NodeModel } from '../clusters/snapshots/BackupSnapshotModel';
import { badUserInput, unwrap } from '../errors';
import { decodeGlobalId, GlobalIdError } from '../restoreJobs/globalId';
import type { RestoreJobModel } from '../restoreJobs/RestoreJobModel';
import type { Context } from '../context';

/**
 * Resolves a global id through the request's router (and so its loaders): `node`, `nodes` and federation's
 * `__resolveReference` all use it. The kind in the id is the API asked: one call for an id this gateway minted, since
 * a routed job's id names the kind that served it; an id of a retired kind is routed like the `kind` argument. A
 * malformed id is BAD_USER_INPUT; a well-formed id of a job Atlas does not know is null.
 */
export async function jobByGlobalId(id: unknown, context: Context): Promise<RestoreJobModel | null> {
  try {
    const ref = decodeGlobalId(String(id));
    return unwrap(await context.router.job(ref.kind, ref));
  } catch (error) {
    if (error instanceof GlobalIdError) throw badUserInput(`"${String(id).slice(0, 64)}" is not an id of this graph.`, 'id');
    throw error;
  }
}

/**
 * `node` and `nodes`: a snapshot's id (its text says so) is read from its list's get-one (one call; null when its
 * cluster has no such snapshot), any other id is a restore job's ({@link jobByGlobalId}). A malformed id is
 * BAD_USER_INPUT either way.
 */
export async function nodeByGlobalId(id: unknown, context: Context): Promise<NodeModel | null> {
  const text = String(id);
  if (!isSnapshotGlobalId(text)) return jobByGlobalId(id, context);
  const ref = decodeSnapshotId(text);
  if (!ref) throw badUserInput(`"${text.slice(0, 64)}" is not an id of this graph.`, 'id');
  return unwrap(await context.snapshots.get(ref));
}
