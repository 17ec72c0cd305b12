import { DEMO } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';
import { EDGE_CASES } from '../support/seeds';
import { START_AUTOMATED, START_DOWNLOAD, START_PIT } from '../support/mutations';

/**
 * Starting restores through the real gateway against the simulator: each delivery of each kind that has one, the
 * POST each sends (counted: one per start), and the whole payload.
 */
const P = DEMO.projectId;
const T = EDGE_CASES.projectId;

describe('mutations: start a restore of each kind and delivery', () => {
  let h: Harness;
  let n = 0;
  const key = () => `key-${Date.now()}-${(n += 1)}`;
  const writes = () => h.sim.calls.filter((c) => c.method !== 'GET').map((c) => ({ method: c.method, path: c.path, body: c.body }));

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  /** The payload of one created job, as the mutation answers it. */
  function created(job: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    return { restoreJob: { ...job, ...extra }, restoreJobs: [{ jobId: job.jobId }], userErrors: [], replayed: false, clientMutationId: null };
  }

  it('Cloud Backup download: one POST with deliveryType download, the new job in the payload, clientMutationId echoed', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const snapshotId = h.sim.snapshots.completedId(P, cluster);
    const result = await h.query(START_DOWNLOAD, { input: { idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'CLOUD_BACKUP', snapshotId, clientMutationId: 'm-1' } });
    const job = (result.data?.startDownloadRestore as { restoreJob: { jobId: string; id: string } }).restoreJob;
    expect(result).toEqual({
      data: {
        startDownloadRestore: {
          ...created({ id: job.id, jobId: job.jobId, kind: 'CLOUD_BACKUP', clusterName: cluster, projectId: P, snapshotId, deliveryType: 'DOWNLOAD', status: 'IN_PROGRESS', targetClusterName: null, targetProjectId: null }),
          clientMutationId: 'm-1',
        },
      },
    });
    expect(writes()).toEqual([{ method: 'POST', path: `/api/atlas/v2/groups/${P}/clusters/${cluster}/backup/restoreJobs`, body: { deliveryType: 'download', snapshotId } }]);
  });

  it('Cloud Backup automated, kind discovered: confirmation given, one POST with the target', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const target = EDGE_CASES.emptyClusters.CLOUD_BACKUP;
    const snapshotId = h.sim.snapshots.completedId(P, cluster);
    const input = { idempotencyKey: key(), projectId: P, clusterName: cluster, snapshotId, targetProjectId: T, targetClusterName: target, confirmTargetDataLoss: true };
    const result = await h.query(START_AUTOMATED, { input });
    const job = (result.data?.startAutomatedRestore as { restoreJob: { jobId: string; id: string } }).restoreJob;
    expect(result).toEqual({
      data: {
        startAutomatedRestore: created({ id: job.id, jobId: job.jobId, kind: 'CLOUD_BACKUP', clusterName: cluster, projectId: P, snapshotId, deliveryType: 'AUTOMATED', status: 'IN_PROGRESS', targetClusterName: target, targetProjectId: T }),
      },
    });
    expect(writes()).toEqual([
      { method: 'POST', path: `/api/atlas/v2/groups/${P}/clusters/${cluster}/backup/restoreJobs`, body: { deliveryType: 'automated', snapshotId, targetClusterName: target, targetGroupId: T } },
    ]);
  });

  it('Cloud Backup point in time, by time and by oplog position: integer seconds, the target project defaulting to the source', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    const byTime = await h.query(START_PIT, {
      input: { idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'CLOUD_BACKUP', targetClusterName: DEMO.today.formerServerless, pointInTime: at.toISOString(), confirmTargetDataLoss: true },
    });
    const t = (byTime.data?.startPointInTimeRestore as { restoreJob: { jobId: string; id: string } }).restoreJob;
    expect(byTime).toEqual({
      data: {
        startPointInTimeRestore: created({ id: t.id, jobId: t.jobId, kind: 'CLOUD_BACKUP', clusterName: cluster, projectId: P, snapshotId: null, deliveryType: 'POINT_IN_TIME', status: 'IN_PROGRESS', targetClusterName: DEMO.today.formerServerless, targetProjectId: P }),
      },
    });
    const oplogTs = Math.floor(at.getTime() / 1000);
    const byOplog = await h.query(START_PIT, {
      input: { idempotencyKey: key(), projectId: P, clusterName: cluster, targetClusterName: cluster, oplog: { ts: oplogTs, inc: 3 }, confirmTargetDataLoss: true },
    });
    expect([byTime.errors, byOplog.errors, (byOplog.data?.startPointInTimeRestore as { userErrors: unknown[] }).userErrors]).toEqual([undefined, undefined, []]);
    expect(writes()).toEqual([
      { method: 'POST', path: `/api/atlas/v2/groups/${P}/clusters/${cluster}/backup/restoreJobs`, body: { deliveryType: 'pointInTime', targetClusterName: DEMO.today.formerServerless, targetGroupId: P, pointInTimeUTCSeconds: oplogTs } },
      { method: 'POST', path: `/api/atlas/v2/groups/${P}/clusters/${cluster}/backup/restoreJobs`, body: { deliveryType: 'pointInTime', targetClusterName: cluster, targetGroupId: P, oplogTs, oplogInc: 3 } },
    ]);
  });

  it('flex: a download goes to backup/download and an automated restore to restoreJobs; a point-in-time restore is refused with no call', async () => {
    const cluster = DEMO.clusters.FLEX;
    const snapshotId = h.sim.snapshots.completedId(P, cluster);
    const download = await h.query(START_DOWNLOAD, { input: { idempotencyKey: key(), projectId: P, clusterName: cluster, snapshotId } });
    const target = EDGE_CASES.emptyClusters.FLEX;
    const automated = await h.query(START_AUTOMATED, {
      input: { idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'FLEX', snapshotId, targetProjectId: T, targetClusterName: target, confirmTargetDataLoss: true },
    });
    const d = (download.data?.startDownloadRestore as { restoreJob: { jobId: string; id: string } }).restoreJob;
    const a = (automated.data?.startAutomatedRestore as { restoreJob: { jobId: string; id: string } }).restoreJob;
    expect([download, automated]).toEqual([
      { data: { startDownloadRestore: created({ id: d.id, jobId: d.jobId, kind: 'FLEX', clusterName: cluster, projectId: P, snapshotId, deliveryType: 'DOWNLOAD', status: 'PENDING', targetClusterName: cluster, targetProjectId: P }) } },
      { data: { startAutomatedRestore: created({ id: a.id, jobId: a.jobId, kind: 'FLEX', clusterName: cluster, projectId: P, snapshotId, deliveryType: 'AUTOMATED', status: 'PENDING', targetClusterName: target, targetProjectId: T }) } },
    ]);
    expect(writes()).toEqual([
      { method: 'POST', path: `/api/atlas/v2/groups/${P}/flexClusters/${cluster}/backup/download`, body: { snapshotId } },
      { method: 'POST', path: `/api/atlas/v2/groups/${P}/flexClusters/${cluster}/backup/restoreJobs`, body: { snapshotId, targetDeploymentItemName: target, targetProjectId: T } },
    ]);
    h.sim.resetCalls();
    const pit = await h.query(START_PIT, {
      input: { idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'FLEX', targetClusterName: target, pointInTime: new Date(Date.now() - 60_000).toISOString(), confirmTargetDataLoss: true },
    });
    expect(pit).toEqual({
      data: {
        startPointInTimeRestore: {
          restoreJob: null,
          restoreJobs: [],
          userErrors: [{ field: ['input', 'kind'], message: 'FLEX clusters cannot start a point-in-time restore.', code: 'INVALID_INPUT', atlasErrorCode: null }],
          replayed: false,
          clientMutationId: null,
        },
      },
    });
    expect(h.sim.calls).toEqual([]);
  });

  it('legacy backup: download (HTTP), automated (AUTOMATED_RESTORE) and point in time (milliseconds), each one POST', async () => {
    const cluster = DEMO.clusters.LEGACY_BACKUP;
    const snapshotId = h.sim.snapshots.completedId(P, cluster);
    const base = { projectId: P, clusterName: cluster, kind: 'LEGACY_BACKUP' };
    const download = await h.query(START_DOWNLOAD, { input: { ...base, idempotencyKey: key(), snapshotId } });
    const target = EDGE_CASES.emptyClusters.LEGACY_BACKUP;
    const automated = await h.query(START_AUTOMATED, { input: { ...base, idempotencyKey: key(), snapshotId, targetProjectId: T, targetClusterName: target, confirmTargetDataLoss: true } });
    const at = new Date(Date.now() - 7_200_000);
    const pit = await h.query(START_PIT, { input: { ...base, idempotencyKey: key(), targetClusterName: cluster, pointInTime: at.toISOString(), confirmTargetDataLoss: true } });
    const summary = (r: typeof download, field: string) => {
      const p = r.data?.[field] as { restoreJob: { kind: string; deliveryType: string; snapshotId: string | null } | null; userErrors: unknown[] };
      return [r.errors, p.userErrors, p.restoreJob?.kind, p.restoreJob?.deliveryType];
    };
    expect([summary(download, 'startDownloadRestore'), summary(automated, 'startAutomatedRestore'), summary(pit, 'startPointInTimeRestore')]).toEqual([
      [undefined, [], 'LEGACY_BACKUP', 'DOWNLOAD'],
      [undefined, [], 'LEGACY_BACKUP', 'AUTOMATED'],
      // A legacy point-in-time restore is an AUTOMATED_RESTORE delivery with a time: Atlas's job reads as AUTOMATED (DESIGN.md's delivery table).
      [undefined, [], 'LEGACY_BACKUP', 'AUTOMATED'],
    ]);
    const path = `/api/atlas/v2/groups/${P}/clusters/${cluster}/restoreJobs`;
    expect(writes().slice(0, 2)).toEqual([
      { method: 'POST', path, body: { delivery: { methodName: 'HTTP' }, snapshotId } },
      { method: 'POST', path, body: { delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: T, targetClusterName: target }, snapshotId } },
    ]);
    expect(writes().slice(2)).toEqual([
      { method: 'POST', path, body: { delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: P, targetClusterName: cluster }, pointInTimeUTCMillis: at.getTime() } },
    ]);
  });

  it('legacy backup of a sharded cluster: one POST, and the payload holds every job Atlas created (one per shard and the config server)', async () => {
    const sharded = 'sharded-legacy-0';
    h.sim.seed.projects.find((p) => p.id === P)!.clusters.push({ name: sharded, kind: 'LEGACY_BACKUP', description: { clusterType: 'SHARDED', shards: 2 }, legacy: [] });
    const snapshotId = h.sim.snapshots.completedId(P, sharded);
    h.sim.resetCalls();
    const result = await h.query(START_DOWNLOAD, { input: { idempotencyKey: key(), projectId: P, clusterName: sharded, kind: 'LEGACY_BACKUP', snapshotId } });
    const payload = result.data?.startDownloadRestore as { restoreJob: { id: string; jobId: string }; restoreJobs: { jobId: string }[] };
    const listed = await h.query(`query ($p: ObjectID!, $c: String!) { restoreJobs(kind: LEGACY_BACKUP, projectId: $p, clusterName: $c) { nodes { jobId } } }`, { p: P, c: sharded });
    const listedIds = (listed.data?.restoreJobs as { nodes: { jobId: string }[] }).nodes.map((n) => n.jobId);
    expect({ result, jobs: payload.restoreJobs.length, distinct: new Set(payload.restoreJobs.map((j) => j.jobId)).size }).toEqual({
      result: {
        data: {
          startDownloadRestore: {
            restoreJob: { id: payload.restoreJob.id, jobId: payload.restoreJobs[0]!.jobId, kind: 'LEGACY_BACKUP', clusterName: sharded, projectId: P, snapshotId, deliveryType: 'DOWNLOAD', status: 'IN_PROGRESS', targetClusterName: null, targetProjectId: null },
            restoreJobs: payload.restoreJobs,
            userErrors: [],
            replayed: false,
            clientMutationId: null,
          },
        },
      },
      jobs: 3,
      distinct: 3,
    });
    // Atlas lists every job it created for the batch; the first is the payload's restoreJob.
    expect(listedIds.filter((id) => payload.restoreJobs.some((j) => j.jobId === id)).sort()).toEqual(payload.restoreJobs.map((j) => j.jobId).sort());
    expect(writes()).toEqual([{ method: 'POST', path: `/api/atlas/v2/groups/${P}/clusters/${sharded}/restoreJobs`, body: { delivery: { methodName: 'HTTP' }, snapshotId } }]);
  });
});

describe('mutations: writes drop the cached reads they change, and ALLOWED_PROJECT_IDS holds for targets', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ cache: { enabled: true }, access: { allowedProjectIds: [P] } });
  });
  afterAll(() => h.stop());

  it("after a create, the cluster's cached list shows the new job", async () => {
    const cluster = DEMO.clusters.FLEX;
    const LIST = `query ($p: ObjectID!, $c: String!) { restoreJobs(kind: FLEX, projectId: $p, clusterName: $c, first: 500) { nodes { jobId } } }`;
    const ids = async () => ((await h.query(LIST, { p: P, c: cluster })).data?.restoreJobs as { nodes: { jobId: string }[] }).nodes.map((n) => n.jobId);
    const before = await ids();
    h.sim.resetCalls();
    // Served from the cache: no upstream call.
    expect([await ids(), h.sim.calls.length]).toEqual([before, 0]);
    const started = await h.query(START_DOWNLOAD, { input: { idempotencyKey: `cache-${Date.now()}`, projectId: P, clusterName: cluster, kind: 'FLEX', snapshotId: h.sim.snapshots.completedId(P, cluster) } });
    const jobId = (started.data?.startDownloadRestore as { restoreJob: { jobId: string } }).restoreJob.jobId;
    expect((await ids()).sort()).toEqual([...before, jobId].sort());
  });

  it('after a create, the project view shows the new job first, though it had read the project before', async () => {
    const cluster = DEMO.clusters.FLEX;
    const VIEW = `query ($p: ObjectID!) { projectRestoreJobs(projectId: $p, first: 3) { nodes { jobId clusterName kind } } }`;
    const view = async () => ((await h.query(VIEW, { p: P })).data?.projectRestoreJobs as { nodes: { jobId: string; clusterName: string; kind: string }[] }).nodes;
    const before = await view();
    h.sim.resetCalls();
    // Read again: the cluster lists and every list page come from the caches.
    expect([await view(), h.sim.calls.length]).toEqual([before, 0]);
    const started = await h.query(START_DOWNLOAD, { input: { idempotencyKey: `view-${Date.now()}`, projectId: P, clusterName: cluster, kind: 'FLEX', snapshotId: h.sim.snapshots.completedId(P, cluster) } });
    const jobId = (started.data?.startDownloadRestore as { restoreJob: { jobId: string } }).restoreJob.jobId;
    expect(await view()).toEqual([{ jobId, clusterName: cluster, kind: 'FLEX' }, ...before.slice(0, 2)]);
  });

  it('a target project outside ALLOWED_PROJECT_IDS is FORBIDDEN, with no upstream call', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    h.sim.resetCalls();
    const result = await h.query(START_AUTOMATED, {
      input: { idempotencyKey: `access-${Date.now()}`, projectId: P, clusterName: cluster, kind: 'CLOUD_BACKUP', snapshotId: '5f0000000000000000000000', targetProjectId: T, targetClusterName: 'anything', confirmTargetDataLoss: true },
    });
    expect({ data: result.data, codes: result.errors?.map((e) => [e.extensions?.code, e.path]), calls: h.sim.calls.length }).toEqual({
      data: { startAutomatedRestore: null },
      codes: [['FORBIDDEN', ['startAutomatedRestore']]],
      calls: 0,
    });
  });
});
