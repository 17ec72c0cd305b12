import type { RestoreJobKind } from '../../restoreJobs/RestoreJobKind';
import type { ApiVersion } from '../http';
import type { JobLedger } from '../JobLedger';
import type { Job, SeedCluster, SeedData } from '../SeedData';
import type { SnapshotStore } from '../SnapshotStore';

/** A restore's target: a cluster of a project. */
export interface RestoreTarget {
  groupId: string;
  clusterName: string;
}

/** What a write handler reaches: the data, the jobs it created, the snapshots, the time of the request. */
export interface WriteContext {
  seed: SeedData;
  jobs: JobLedger;
  snapshots: SnapshotStore;
  /** The simulator clock's time for this request (ms since the epoch). */
  now: number;
  baseUrl: string;
  /** Whether an automated or point-in-time restore onto the cluster is running now (any kind, seeded or created). */
  restoreRunningOnto(target: RestoreTarget): boolean;
}

/** One write request, its path parsed. */
export interface WriteRequest {
  version: ApiVersion;
  groupId: string;
  clusterName: string;
  /** The job of a DELETE. */
  jobId?: string;
  /** The request path (for the `self` link of a list answer). */
  path: string;
  /** The body as sent (empty for a DELETE). */
  bodyText: string;
}

/** What a write answers: a status and a JSON body (null: none, as for a 204). */
export interface WriteAnswer {
  status: number;
  body: unknown;
}

/** One write operation of the spec. */
export interface WriteRoute {
  /** The spec's operationId (v2), for the reader. */
  operationId: string;
  method: 'POST' | 'DELETE';
  /** Groups: 1 the API version, 2 the project id, 3 the cluster name, 4 the job id (DELETE). */
  pattern: RegExp;
  handle(ctx: WriteContext, request: WriteRequest): WriteAnswer;
}

/**
 * How the simulator serves one kind of restore job, independently of the gateway: where its API lives, what it takes
 * and answers, which clusters it serves (or which Atlas error it gives for the others), and its writes.
 */
export interface SimulatedKind {
  kind: RestoreJobKind;
  /** The list and get-one path. Groups: 1 the API version, 2 the project id, 3 the cluster name, 4 the job id. */
  pattern: RegExp;
  /** The v2 media type (v1.0 is `application/json`). */
  mediaType: string;
  /** Whether the list takes pageNum/itemsPerPage/includeCount (the shared-tier list does not). */
  paged: boolean;
  /** The error code of an unknown job of a known cluster. */
  jobNotFound: string;
  /**
   * The cluster whose jobs of this kind a request names, or the Atlas error for a project or cluster that is missing,
   * of another kind, or migrated away from this API.
   */
  servingCluster(seed: SeedData, groupId: string, clusterName: string): SeedCluster;
  /** A list filter from the query (legacy `batchId`); null when the list is not filtered. */
  listFilter?(query: URLSearchParams): ((job: Job) => boolean) | null;
  /**
   * The target of a job of this kind that is an automated or point-in-time restore still running, else null (the
   * 409 ATLAS_CLUSTER_RESTORE_IN_PROGRESS check; `projectId` is the source's, a default target project).
   */
  runningRestoreTarget(job: Job, projectId: string): RestoreTarget | null;
  /** The writes the spec has for this kind. */
  writes: readonly WriteRoute[];
}
