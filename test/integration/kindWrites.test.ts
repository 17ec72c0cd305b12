import { Agent } from 'undici';
import { AtlasClient } from '../../src/atlas/AtlasClient';
import { NoAuth } from '../../src/atlas/auth/NoAuth';
import type { RestoreRequest } from '../../src/restoreJobs/RestoreJobSource';
import { UnsupportedOperationError } from '../../src/restoreJobs/RestoreJobSource';
import { createSources, type RestoreJobSources } from '../../src/restoreJobs/sources';
import { AtlasSimulator, DEMO } from '../../src/simulator';
import { EDGE_CASES, OTHER_PROJECT, createTestSeed } from '../support/seeds';

/**
 * Each kind's declared create and cancel operations (src/restoreJobs/<kind>/index.ts) against the simulator, through a
 * request's sources: the body each sends, what comes back, and that a kind without the operation sends nothing.
 */
describe('the kinds can write: create and cancel as declared', () => {
  const sim = new AtlasSimulator({ seed: createTestSeed() });
  const dispatcher = new Agent();
  let sources: RestoreJobSources;
  const P = DEMO.projectId;
  const none: RestoreRequest = { snapshotId: null, targetProjectId: null, targetClusterName: null, pointInTime: null, oplog: null };
  const writes = () => sim.calls.filter((c) => c.method !== 'GET').map((c) => ({ method: c.method, path: c.path, contentType: c.contentType, body: c.body }));

  beforeAll(async () => {
    const baseUrl = await sim.start(0, '127.0.0.1');
    const client = new AtlasClient({ baseUrl, dispatcher, auth: new NoAuth(), timeouts: { connectMs: 2_000, attemptMs: 5_000 } });
    sources = createSources(client, 'v2');
  });
  afterAll(async () => {
    await sim.stop();
    await dispatcher.close();
  });
  beforeEach(() => sim.resetCalls());

  it('Cloud Backup: a download restore POSTs deliveryType download with the snapshot, and answers the new job', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const snapshotId = sim.snapshots.completedId(P, cluster);
    const [job, ...more] = await sources.CLOUD_BACKUP.create({ kind: 'CLOUD_BACKUP', projectId: P, clusterName: cluster }, 'DOWNLOAD', { ...none, snapshotId });
    expect(more).toEqual([]);
    expect({ kind: job!.kind, deliveryType: job!.deliveryType, snapshotId: job!.snapshotId, status: job!.status, clusterName: job!.clusterName }).toEqual({
      kind: 'CLOUD_BACKUP',
      deliveryType: 'DOWNLOAD',
      snapshotId,
      status: 'IN_PROGRESS',
      clusterName: cluster,
    });
    expect(writes()).toEqual([
      {
        method: 'POST',
        path: `/api/atlas/v2/groups/${P}/clusters/${cluster}/backup/restoreJobs`,
        contentType: 'application/vnd.atlas.2023-01-01+json',
        body: { deliveryType: 'download', snapshotId },
      },
    ]);
    // The job now exists in Atlas, and cancelling it is a DELETE of it.
    await sources.CLOUD_BACKUP.cancel({ kind: 'CLOUD_BACKUP', projectId: P, clusterName: cluster }, job!.jobId);
    const read = await sources.CLOUD_BACKUP.get({ kind: 'CLOUD_BACKUP', projectId: P, clusterName: cluster }, job!.jobId);
    expect([read.status, writes().map((w) => [w.method, w.path])]).toEqual([
      'CANCELLED',
      [
        ['POST', `/api/atlas/v2/groups/${P}/clusters/${cluster}/backup/restoreJobs`],
        ['DELETE', `/api/atlas/v2/groups/${P}/clusters/${cluster}/backup/restoreJobs/${job!.jobId}`],
      ],
    ]);
  });

  it('Cloud Backup: a point-in-time restore sends integer seconds and the target; Atlas refuses a bad one with its code', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const at = new Date(Date.now() - 3_600_000);
    // An empty cluster: no restore is running onto it (Atlas would answer 409 ATLAS_CLUSTER_RESTORE_IN_PROGRESS).
    const target = { targetProjectId: EDGE_CASES.projectId, targetClusterName: EDGE_CASES.emptyClusters.CLOUD_BACKUP };
    const [job] = await sources.CLOUD_BACKUP.create({ kind: 'CLOUD_BACKUP', projectId: P, clusterName: cluster }, 'POINT_IN_TIME', { ...none, ...target, pointInTime: at });
    expect([job!.deliveryType, job!.targetClusterName, job!.targetProjectId]).toEqual(['POINT_IN_TIME', target.targetClusterName, target.targetProjectId]);
    expect(writes()[0]!.body).toEqual({
      deliveryType: 'pointInTime',
      targetClusterName: target.targetClusterName,
      targetGroupId: target.targetProjectId,
      pointInTimeUTCSeconds: Math.floor(at.getTime() / 1000),
    });
    await expect(sources.CLOUD_BACKUP.create({ kind: 'CLOUD_BACKUP', projectId: P, clusterName: cluster }, 'DOWNLOAD', { ...none, snapshotId: sim.snapshots.inProgressId(P, cluster) })).rejects.toMatchObject(
      { status: 400, errorCode: 'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT' },
    );
  });

  it('flex: a download goes to backup/download, an automated restore to restoreJobs with targetDeploymentItemName', async () => {
    const cluster = DEMO.clusters.FLEX;
    const at = { kind: 'FLEX' as const, projectId: P, clusterName: cluster };
    const snapshotId = sim.snapshots.completedId(P, cluster);
    const [download] = await sources.FLEX.create(at, 'DOWNLOAD', { ...none, snapshotId });
    const target = { targetClusterName: EDGE_CASES.emptyClusters.FLEX, targetProjectId: EDGE_CASES.projectId };
    const [automated] = await sources.FLEX.create(at, 'AUTOMATED', { ...none, snapshotId, ...target });
    expect([download!.deliveryType, automated!.deliveryType, automated!.targetClusterName]).toEqual(['DOWNLOAD', 'AUTOMATED', target.targetClusterName]);
    expect(writes()).toEqual([
      { method: 'POST', path: `/api/atlas/v2/groups/${P}/flexClusters/${cluster}/backup/download`, contentType: 'application/vnd.atlas.2024-11-13+json', body: { snapshotId } },
      {
        method: 'POST',
        path: `/api/atlas/v2/groups/${P}/flexClusters/${cluster}/backup/restoreJobs`,
        contentType: 'application/vnd.atlas.2024-11-13+json',
        body: { snapshotId, targetDeploymentItemName: target.targetClusterName, targetProjectId: target.targetProjectId },
      },
    ]);
  });

  it('flex has no point-in-time restore and no cancel: refused before any call', async () => {
    const at = { kind: 'FLEX' as const, projectId: P, clusterName: DEMO.clusters.FLEX };
    await expect(sources.FLEX.create(at, 'POINT_IN_TIME', { ...none, pointInTime: new Date() })).rejects.toEqual(new UnsupportedOperationError('FLEX', 'create (POINT_IN_TIME)'));
    await expect(sources.FLEX.cancel(at, '6600000000000000000000aa')).rejects.toEqual(new UnsupportedOperationError('FLEX', 'cancel'));
    await expect(sources.SERVERLESS.create({ ...at, kind: 'SERVERLESS' }, 'DOWNLOAD', none)).rejects.toBeInstanceOf(UnsupportedOperationError);
    expect(sim.calls).toEqual([]);
  });

  it('legacy backup: a download is delivery HTTP, answered as a list of the jobs created', async () => {
    const cluster = DEMO.clusters.LEGACY_BACKUP;
    const snapshotId = sim.snapshots.completedId(P, cluster);
    const jobs = await sources.LEGACY_BACKUP.create({ kind: 'LEGACY_BACKUP', projectId: P, clusterName: cluster }, 'DOWNLOAD', { ...none, snapshotId });
    expect(jobs.map((j) => [j.kind, j.deliveryType, j.snapshotId])).toEqual([['LEGACY_BACKUP', 'DOWNLOAD', snapshotId]]);
    expect(writes()).toEqual([
      {
        method: 'POST',
        path: `/api/atlas/v2/groups/${P}/clusters/${cluster}/restoreJobs`,
        contentType: 'application/vnd.atlas.2023-01-01+json',
        body: { delivery: { methodName: 'HTTP' }, snapshotId },
      },
    ]);
  });

  it('legacy backup: a point-in-time restore sends milliseconds, or the oplog position as an ISO date', async () => {
    const cluster = DEMO.clusters.LEGACY_BACKUP;
    const target = { targetProjectId: OTHER_PROJECT.projectId, targetClusterName: OTHER_PROJECT.clusters.LEGACY_BACKUP };
    const at = new Date(Date.now() - 600_000);
    const oplogTs = Math.floor((Date.now() - 1_200_000) / 1000);
    const location = { kind: 'LEGACY_BACKUP' as const, projectId: P, clusterName: cluster };
    await sources.LEGACY_BACKUP.create(location, 'POINT_IN_TIME', { ...none, ...target, pointInTime: at });
    // Another target: the first restore is still running onto OTHER_PROJECT's cluster, which Atlas refuses (409).
    await expect(sources.LEGACY_BACKUP.create(location, 'POINT_IN_TIME', { ...none, ...target, oplog: { ts: oplogTs, inc: 2 } })).rejects.toEqual(
      expect.objectContaining({ status: 409, errorCode: 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS' }),
    );
    expect(writes().map((w) => w.body)).toEqual([
      { delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: target.targetProjectId, targetClusterName: target.targetClusterName }, pointInTimeUTCMillis: at.getTime() },
      {
        delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: target.targetProjectId, targetClusterName: target.targetClusterName },
        oplogTs: new Date(oplogTs * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        oplogInc: 2,
      },
    ]);
  });
});
