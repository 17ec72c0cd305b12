import type { RestoreJobKind } from '../restoreJobs/RestoreJobKind';
import type { JobLedger } from './JobLedger';
import { SIMULATED_KINDS } from './kinds';
import type { Job } from './SeedData';
import type { RestoreTarget } from './kinds/SimulatedKind';
import { seedJobsOf, type SeedCluster, type SeedData } from './SeedData';

/** A cluster's jobs of one kind, as listed at `now`: those created through the API (newest first), then the seeded ones. */
export function clusterJobs(jobs: JobLedger, kind: RestoreJobKind, projectId: string, cluster: SeedCluster, now: number): Job[] {
  const created = jobs.of(kind, projectId, cluster.name);
  const seeded = seedJobsOf(cluster, kind);
  // The seeded array as it is when nothing was created (big lists are read often, by the bench among others).
  return created.length === 0 ? seeded : [...created.map((job) => jobs.render(job, now)), ...seeded];
}

/**
 * Whether any job the simulator holds, of any kind, seeded or created, is an automated or point-in-time restore still
 * running onto `target` at `now` (what answers 409 ATLAS_CLUSTER_RESTORE_IN_PROGRESS).
 */
export function restoreRunningOnto(seed: SeedData, jobs: JobLedger, target: RestoreTarget, now: number): boolean {
  return seed.projects.some((project) =>
    project.clusters.some((cluster) =>
      Object.values(SIMULATED_KINDS).some((kind) =>
        clusterJobs(jobs, kind.kind, project.id, cluster, now).some((job) => {
          const running = kind.runningRestoreTarget(job, project.id);
          return running !== null && running.groupId === target.groupId && running.clusterName === target.clusterName;
        }),
      ),
    ),
  );
}
