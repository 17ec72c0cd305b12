import { DEMO, type SeedCluster } from '../../src/simulator';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import type { DiskBackupSnapshotRestoreJobWire } from '../../src/restoreJobs/cloudBackup/wire';
import { startHarness, type Harness } from '../support/harness';

const P = DEMO.projectId;
const DOWNLOAD_FIELDS = `
  __typename jobId status atlasStatus isTerminal deliveryType finishedAt downloadUrls
  ... on CloudBackupRestoreJob {
    atlasDeliveryType cancelled failed expired isReadyForDownload
    privateDownloadUrls { url endpointId }
    components { replicaSetName downloadUrl privateDownloadUrls { url endpointId } }
  }`;

describe('Cloud Backup restore jobs through the real server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  const seed = (name: string): SeedCluster => h.sim.seed.projects.find((p) => p.id === P)!.clusters.find((c) => c.name === name)!;
  const privateUrls = (j: { privateDownloadDeliveryUrls?: { deliveryUrl?: string; endpointId?: string }[] }) =>
    (j.privateDownloadDeliveryUrls ?? []).map((u) => ({ url: u.deliveryUrl, endpointId: u.endpointId }));

  it('a sharded cluster: one component per replica set; ready only when every component has a URL', async () => {
    const jobs = seed(DEMO.today.sharded).cloudBackup!;
    const res = await h.query(
      `query($p: ObjectID!, $c: String!) { restoreJobs(kind: CLOUD_BACKUP, projectId: $p, clusterName: $c) { totalCount nodes { ${DOWNLOAD_FIELDS} } } }`,
      { p: P, c: DEMO.today.sharded },
    );
    const expectJob = (j: DiskBackupSnapshotRestoreJobWire, status: string, ready: boolean) => ({
      __typename: 'CloudBackupRestoreJob',
      jobId: j.id,
      status,
      atlasStatus: null,
      isTerminal: status === 'COMPLETED',
      deliveryType: j.deliveryType === 'download' ? 'DOWNLOAD' : 'AUTOMATED',
      finishedAt: j.finishedAt ? new Date(j.finishedAt).toISOString() : null,
      downloadUrls: j.components!.flatMap((c) => (c.downloadUrl ? [c.downloadUrl] : [])),
      atlasDeliveryType: j.deliveryType,
      cancelled: false,
      failed: false,
      expired: false,
      isReadyForDownload: ready,
      privateDownloadUrls: [],
      components: j.components!.map((c) => ({ replicaSetName: c.replicaSetName, downloadUrl: c.downloadUrl ?? null, privateDownloadUrls: privateUrls(c) })),
    });
    expect(res).toEqual({
      data: {
        restoreJobs: {
          totalCount: 3,
          nodes: [expectJob(jobs[0]!, 'IN_PROGRESS', false), expectJob(jobs[1]!, 'COMPLETED', true), expectJob(jobs[2]!, 'COMPLETED', false)],
        },
      },
    });
    // The partly prepared download really is partial, and the ready one has public and private URLs for every part.
    expect(jobs[0]!.components!.map((c) => c.downloadUrl !== undefined)).toEqual([true, false, false]);
    expect(jobs[1]!.components!.every((c) => c.downloadUrl && c.privateDownloadDeliveryUrls?.length === 1)).toBe(true);
    expect(h.sim.calls.map((c) => [c.path, c.query, c.accept])).toEqual([
      [
        `/api/atlas/v2/groups/${P}/clusters/${DEMO.today.sharded}/backup/restoreJobs`,
        { pageNum: '1', itemsPerPage: '21', includeCount: 'true' },
        'application/vnd.atlas.2023-01-01+json',
      ],
    ]);
  });

  it('a replica set download reachable only through a private endpoint is ready, with no public URL', async () => {
    const job = seed(DEMO.clusters.CLOUD_BACKUP).cloudBackup!.find((j) => !j.deliveryUrl && j.privateDownloadDeliveryUrls)!;
    const res = await h.query(
      `query($p: ObjectID!, $c: String!, $j: ObjectID!) { restoreJob(kind: CLOUD_BACKUP, projectId: $p, clusterName: $c, jobId: $j) { ${DOWNLOAD_FIELDS} } }`,
      { p: P, c: DEMO.clusters.CLOUD_BACKUP, j: job.id },
    );
    expect(res).toEqual({
      data: {
        restoreJob: {
          __typename: 'CloudBackupRestoreJob',
          jobId: job.id,
          status: 'COMPLETED',
          atlasStatus: null,
          isTerminal: true,
          deliveryType: 'DOWNLOAD',
          finishedAt: new Date(job.finishedAt!).toISOString(),
          downloadUrls: [],
          atlasDeliveryType: 'download',
          cancelled: false,
          failed: false,
          expired: false,
          isReadyForDownload: true,
          privateDownloadUrls: privateUrls(job),
          components: [],
        },
      },
    });
  });

  it('pages with pageNum/itemsPerPage: a window after a cursor costs one page, and ids lead back to the jobs', async () => {
    const jobs = seed(DEMO.clusters.CLOUD_BACKUP).cloudBackup!;
    const LIST = `query($p: ObjectID!, $c: String!, $after: String) {
      restoreJobs(kind: CLOUD_BACKUP, projectId: $p, clusterName: $c, first: 4, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id jobId kind servedBy requestedKind }
      }
    }`;
    const first = await h.query(LIST, { p: P, c: DEMO.clusters.CLOUD_BACKUP });
    const endCursor = (first.data!.restoreJobs as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    h.sim.resetCalls();
    const second = await h.query(LIST, { p: P, c: DEMO.clusters.CLOUD_BACKUP, after: endCursor });
    const loc = { kind: 'CLOUD_BACKUP' as const, projectId: P, clusterName: DEMO.clusters.CLOUD_BACKUP };
    expect(second).toEqual({
      data: {
        restoreJobs: {
          totalCount: jobs.length,
          pageInfo: { hasNextPage: true, hasPreviousPage: true, endCursor: expect.any(String) },
          nodes: jobs.slice(4, 8).map((j) => ({ id: encodeGlobalId({ ...loc, jobId: j.id! }), jobId: j.id, kind: 'CLOUD_BACKUP', servedBy: 'CLOUD_BACKUP', requestedKind: 'CLOUD_BACKUP' })),
        },
      },
    });
    // One upstream page holds the window and its look-ahead item (the planner's choice: items 0..8).
    expect(h.sim.calls.map((c) => c.query)).toEqual([{ pageNum: '1', itemsPerPage: '9', includeCount: 'true' }]);
  });
});
