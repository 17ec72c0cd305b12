import type { SeedData } from './SeedData';
import { isSnapshotCompleted, seedSnapshots, snapshotIdOf, type SeedSnapshot } from './seed/snapshots';

/**
 * The backup snapshots of every cluster the simulator serves, where restores and the snapshot reads
 * (snapshotLists.ts) read them: one source of truth. A cluster's snapshots are made from the cluster ({@link seedSnapshots}) the first time they are asked
 * for, then kept: a test may edit the array (add, remove, complete a snapshot) before its requests. They live beside
 * the seed, not in it, so the seed's JSON and every job id stay as they were.
 */
export class SnapshotStore {
  private readonly byCluster = new Map<string, SeedSnapshot[]>();

  constructor(private readonly seed: SeedData) {}

  /** The snapshots of one cluster, newest first ([] for an unknown cluster, a free one, or one with backup off). */
  of(projectId: string, clusterName: string): SeedSnapshot[] {
    const key = `${projectId}/${clusterName}`;
    let snapshots = this.byCluster.get(key);
    if (!snapshots) {
      const cluster = this.seed.projects.find((p) => p.id === projectId)?.clusters.find((c) => c.name === clusterName);
      if (!cluster) return [];
      snapshots = seedSnapshots(projectId, cluster);
      this.byCluster.set(key, snapshots);
    }
    return snapshots;
  }

  /** One snapshot of a cluster by id. */
  find(projectId: string, clusterName: string, snapshotId: string): SeedSnapshot | undefined {
    return this.of(projectId, clusterName).find((s) => snapshotIdOf(s) === snapshotId);
  }

  /** The id of the newest completed snapshot of a cluster (what a restore can start from); throws when it has none. */
  completedId(projectId: string, clusterName: string): string {
    return this.idWhere(projectId, clusterName, true);
  }

  /** The id of a snapshot of the cluster still being taken (a restore from it is refused); throws when it has none. */
  inProgressId(projectId: string, clusterName: string): string {
    return this.idWhere(projectId, clusterName, false);
  }

  private idWhere(projectId: string, clusterName: string, completed: boolean): string {
    const found = this.of(projectId, clusterName).find((s) => isSnapshotCompleted(s) === completed);
    if (!found) throw new Error(`${clusterName} has no ${completed ? 'completed' : 'in-progress'} snapshot`);
    return snapshotIdOf(found);
  }
}
