import type { RestoreJobKind } from '../RestoreJobKind';

/**
 * What the router answers: a value, or a typed failure. The domain never builds a GraphQL error; the resolvers turn a
 * failure into one, once, at the edge (src/errors.ts, `failureToGraphQLError`).
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** How routing went past a retired or mismatched API (shown to callers as `extensions.routing`). */
export interface RoutingTrace {
  /** The kind the caller named; null when the gateway discovered it. */
  requestedKind: RestoreJobKind | null;
  /** The restore APIs called, in order. */
  triedKinds: RestoreJobKind[];
  /** The kind that serves the cluster now, when routing found one; null for a free cluster or none. */
  successorKind: RestoreJobKind | null;
  /** The upstream answer that started routing. */
  trigger: { status: number | null; errorCode: string | null } | null;
}

/** Why the router could not answer. */
export type Failure =
  /** Atlas (or the way to it) failed: `error` is one of src/atlas/errors.ts's errors, or anything unexpected. */
  | { reason: 'upstream'; error: unknown; routing: RoutingTrace | null }
  /** Atlas answered 404 for something the caller named, with no Atlas error to show (`what` says which). */
  | { reason: 'notFound'; what: 'resource' | 'cluster'; clusterName: string; routing: RoutingTrace | null }
  /** A job asked for by a retired or mismatched kind that the successor does not know (or a free cluster's). */
  | { reason: 'notMigrated'; requestedKind: RestoreJobKind; jobId: string; routing: RoutingTrace }
  /** Paging arguments the gateway refuses before any call. */
  | { reason: 'badInput'; message: string; argument: string }
  /** The cluster is still served by a retired API (SHARED_TIER, SERVERLESS), which has no list in the snapshot APIs. */
  | { reason: 'noSnapshotList'; kind: RestoreJobKind; clusterName: string };

/** A value. */
export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

/** A failure. */
export function failed<T>(failure: Failure): Outcome<T> {
  return { ok: false, failure };
}
