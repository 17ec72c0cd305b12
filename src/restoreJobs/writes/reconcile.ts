import type { RestoreJobModel } from '../RestoreJobModel';
import type { RestoreDelivery, RestoreRequest } from '../RestoreJobSource';

/** Clock skew allowed between the gateway and Atlas when matching a job to a lost answer (DESIGN.md: "a few seconds"). */
export const CLOCK_SKEW_SECONDS = 5;

/** How many of the cluster's newest jobs reconciliation reads (one page). */
export const RECONCILE_PAGE_SIZE = 100;

/** The creation second in an ObjectId (its first four bytes); null for anything else. */
export function objectIdSeconds(id: string): number | null {
  return /^[0-9a-f]{24}$/i.test(id) ? Number.parseInt(id.slice(0, 8), 16) : null;
}

/**
 * The jobs of a cluster's newest page that a lost POST may have created: the same snapshot, delivery and target, and
 * an ObjectId time no earlier than the first try's second minus {@link CLOCK_SKEW_SECONDS} (ObjectId times are whole
 * seconds). A field the kind's job does not report (null) does not rule a job out.
 * Of the jobs that match, the newest is the lost POST's (ObjectIds grow within a second too), with the other jobs of
 * its legacy batch (`batchId`: a sharded restore's jobs); an older match is another restore of the same snapshot.
 * NOTE: a legacy point-in-time restore is an AUTOMATED_RESTORE delivery with a time (legacyBackup/requests.ts), so its
 * job reads as AUTOMATED; both are accepted for it.
 */
export function matchingJobs(jobs: readonly RestoreJobModel[], delivery: RestoreDelivery, request: RestoreRequest, firstTryAtMs: number): RestoreJobModel[] {
  const since = Math.floor(firstTryAtMs / 1000) - CLOCK_SKEW_SECONDS;
  const deliveries: string[] = delivery === 'POINT_IN_TIME' ? ['POINT_IN_TIME', 'AUTOMATED'] : [delivery];
  const same = (mine: string | null, theirs: string | null): boolean => mine === null || theirs === null || mine === theirs;
  const matches = jobs.filter((job) => {
    const seconds = objectIdSeconds(job.jobId);
    return (
      seconds !== null &&
      seconds >= since &&
      deliveries.includes(job.deliveryType) &&
      same(request.snapshotId, job.snapshotId) &&
      same(request.targetClusterName, job.targetClusterName) &&
      same(request.targetProjectId, job.targetProjectId)
    );
  });
  const newest = matches.reduce<RestoreJobModel | null>((best, job) => (best === null || job.jobId > best.jobId ? job : best), null);
  if (newest === null) return [];
  const batch = batchOf(newest);
  return batch === null ? [newest] : matches.filter((job) => batchOf(job) === batch).sort((a, b) => (a.jobId < b.jobId ? -1 : 1));
}

function batchOf(job: RestoreJobModel): string | null {
  return job.kind === 'LEGACY_BACKUP' ? job.batchId : null;
}
