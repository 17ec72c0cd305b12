import { DEMO } from '../../src/simulator';
import type { Harness } from './harness';
import { START_DOWNLOAD } from './mutations';

const P = DEMO.projectId;

/** The subscription the watch tests send, with the fields they assert. */
export const WATCH = `subscription ($id: ID!, $until: RestoreJobWatchEnd) {
  restoreJobUpdates(id: $id, until: $until) { change observedAt nextCheckAt job { id jobId status isTerminal } }
}`;

/** A download started through the gateway's mutation (the simulator then moves it on every `jobStepMs`). */
export async function startDownload(h: Pick<Harness, 'query' | 'sim'>, kind: 'FLEX' | 'CLOUD_BACKUP', headers?: Record<string, string>): Promise<{ id: string; jobId: string; path: string }> {
  const cluster = DEMO.clusters[kind];
  const input = { idempotencyKey: `watch-${kind}-${Date.now()}-${Math.random()}`, projectId: P, clusterName: cluster, kind, snapshotId: h.sim.snapshots.completedId(P, cluster) };
  const answer = await h.query(START_DOWNLOAD, { input }, headers);
  const job = (answer.data?.startDownloadRestore as { restoreJob: { id: string; jobId: string } } | undefined)?.restoreJob;
  if (!job) throw new Error(`no job started: ${JSON.stringify(answer)}`);
  const path =
    kind === 'FLEX'
      ? `/api/atlas/v2/groups/${P}/flexClusters/${cluster}/backup/restoreJobs/${job.jobId}`
      : `/api/atlas/v2/groups/${P}/clusters/${cluster}/backup/restoreJobs/${job.jobId}`;
  return { ...job, path };
}

/** An ISO 8601 instant, as DateTime serializes. */
export const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
