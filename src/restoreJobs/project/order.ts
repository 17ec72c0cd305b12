import type { RestoreJobKind } from '../RestoreJobKind';

/** What the project view orders a job by: its id (whose first 8 hex digits are its second), cluster and kind. */
export interface OrderedJob {
  jobId: string;
  clusterName: string;
  kind: RestoreJobKind;
}

/** The second a job was requested at (the ObjectId's time, as 8 lower-case hex digits: they sort as the time does). */
export function secondOf(jobId: string): string {
  return jobId.slice(0, 8).toLowerCase();
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The project view's order, newest first: by `requestedAt` (the second in the ObjectId), then by cluster name, then by
 * job id, each descending (and, for two lists of one cluster that hold the same id, by kind). Negative when `a` comes
 * first. A total order, so a page is the same whatever order each Atlas list came in.
 */
export function compareNewestFirst(a: OrderedJob, b: OrderedJob): number {
  return (
    compareText(secondOf(b.jobId), secondOf(a.jobId)) ||
    compareText(b.clusterName, a.clusterName) ||
    compareText(b.jobId.toLowerCase(), a.jobId.toLowerCase()) ||
    compareText(b.kind, a.kind)
  );
}

/**
 * The newest a list's unread jobs can be, when its read part ended at `second` and it is newest first by second:
 * no job of a later second, none of that second in a cluster named after it. A job at or after this bound
 * (`compareToBound(job, bound) <= 0`) cannot be overtaken by anything the list has not shown yet.
 */
export interface UnreadBound {
  second: string;
  clusterName: string;
}

/** Negative when `job` comes before every job the bound allows (it is safe to serve), positive when it may not. */
export function compareToBound(job: OrderedJob, bound: UnreadBound): number {
  return compareText(bound.second, secondOf(job.jobId)) || compareText(bound.clusterName, job.clusterName) || 1;
}
