import { DEMO } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';
import { EDGE_CASES } from '../support/seeds';
import { PAYLOAD, START_AUTOMATED, START_DOWNLOAD, START_PIT } from '../support/mutations';

const CANCEL = `mutation ($input: CancelRestoreJobInput!) { cancelRestoreJob(input: $input) { ${PAYLOAD} } }`;
const P = DEMO.projectId;
const T = EDGE_CASES.projectId;

/** A payload that did nothing. */
function refused(...userErrors: { field: string[] | null; message: string; code: string; atlasErrorCode: string | null }[]) {
  return { restoreJob: null, restoreJobs: [], userErrors, replayed: false, clientMutationId: null };
}

/**
 * Every userError code through the real gateway and simulator, with the upstream calls each costs (never a POST for
 * what the gateway refuses itself), cancel, and the refusals that stay top-level errors.
 */
describe('mutations: userErrors, not errors', () => {
  let h: Harness;
  let n = 0;
  const key = () => `errors-${Date.now()}-${(n += 1)}`;
  const posts = () => h.sim.calls.filter((c) => c.method === 'POST').length;
  const writes = () => h.sim.calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`);

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.sim.resetCalls();
    h.sim.clearFaults();
  });

  it('INVALID_INPUT and CONFIRMATION_REQUIRED: every broken rule at once, with field paths, and no upstream call', async () => {
    const result = await h.query(START_PIT, {
      input: {
        idempotencyKey: 'has a space',
        projectId: P,
        clusterName: '-bad',
        targetClusterName: DEMO.clusters.CLOUD_BACKUP,
        pointInTime: new Date(Date.now() - 60_000).toISOString(),
        oplog: { ts: 1_700_000_000, inc: 0 },
        confirmTargetDataLoss: false,
      },
    });
    expect(result).toEqual({
      data: {
        startPointInTimeRestore: refused(
          { field: ['input', 'idempotencyKey'], message: 'idempotencyKey must be 1 to 255 printable characters without spaces.', code: 'INVALID_INPUT', atlasErrorCode: null },
          { field: ['input', 'clusterName'], message: 'clusterName must start with a letter or digit and hold only letters, digits and hyphens (at most 64).', code: 'INVALID_INPUT', atlasErrorCode: null },
          { field: ['input', 'oplog'], message: 'Give exactly one of pointInTime and oplog.', code: 'INVALID_INPUT', atlasErrorCode: null },
          { field: ['input', 'oplog', 'inc'], message: 'oplog.inc must be at least 1.', code: 'INVALID_INPUT', atlasErrorCode: null },
          {
            field: ['input', 'confirmTargetDataLoss'],
            message: `This restore overwrites every document of the target cluster ${P}/${DEMO.clusters.CLOUD_BACKUP}. Set confirmTargetDataLoss: true to confirm.`,
            code: 'CONFIRMATION_REQUIRED',
            atlasErrorCode: null,
          },
        ),
      },
    });
    expect(h.sim.calls).toEqual([]);
  });

  it('CONFIRMATION_REQUIRED: an automated restore without confirmation sends nothing', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const input = { idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'CLOUD_BACKUP', snapshotId: h.sim.snapshots.completedId(P, cluster), targetClusterName: cluster, confirmTargetDataLoss: false };
    expect(await h.query(START_AUTOMATED, { input })).toEqual({
      data: {
        startAutomatedRestore: refused({
          field: ['input', 'confirmTargetDataLoss'],
          message: `This restore overwrites every document of the target cluster ${P}/${cluster}. Set confirmTargetDataLoss: true to confirm.`,
          code: 'CONFIRMATION_REQUIRED',
          atlasErrorCode: null,
        }),
      },
    });
    expect(h.sim.calls).toEqual([]);
  });

  it('CLUSTER_NOT_FOUND: discovery finds no such cluster (no POST); Atlas knows no such target (its code kept)', async () => {
    const discovered = await h.query(START_DOWNLOAD, { input: { idempotencyKey: key(), projectId: P, clusterName: 'no-such-cluster', snapshotId: '5f0000000000000000000000' } });
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const named = await h.query(START_AUTOMATED, {
      input: { idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'CLOUD_BACKUP', snapshotId: h.sim.snapshots.completedId(P, cluster), targetClusterName: 'no-such-target', confirmTargetDataLoss: true },
    });
    expect([discovered, named]).toEqual([
      { data: { startDownloadRestore: refused({ field: ['input', 'clusterName'], message: `Atlas knows no cluster no-such-cluster in project ${P}.`, code: 'CLUSTER_NOT_FOUND', atlasErrorCode: null }) } },
      {
        data: {
          startAutomatedRestore: refused({
            field: null,
            message: `Atlas refused the request (404 CLUSTER_NOT_FOUND): No cluster named no-such-target exists in group ${P}.`,
            code: 'CLUSTER_NOT_FOUND',
            atlasErrorCode: 'CLUSTER_NOT_FOUND',
          }),
        },
      },
    ]);
    expect(posts()).toBe(1);
  });

  it('SNAPSHOT_NOT_FOUND and SNAPSHOT_NOT_READY, from Atlas, with its codes', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const unknown = await h.query(START_DOWNLOAD, { input: { idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'CLOUD_BACKUP', snapshotId: '5f0000000000000000000000' } });
    const running = h.sim.snapshots.inProgressId(P, cluster);
    const notReady = await h.query(START_DOWNLOAD, { input: { idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'CLOUD_BACKUP', snapshotId: running } });
    expect([unknown, notReady]).toEqual([
      {
        data: {
          startDownloadRestore: refused({
            field: null,
            message: `Atlas refused the request (404 SNAPSHOT_NOT_FOUND): No snapshot with ID 5f0000000000000000000000 exists for cluster ${cluster}.`,
            code: 'SNAPSHOT_NOT_FOUND',
            atlasErrorCode: 'SNAPSHOT_NOT_FOUND',
          }),
        },
      },
      {
        data: {
          startDownloadRestore: refused({
            field: null,
            message: `Atlas refused the request (400 CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT): Cannot start a restore job from snapshot ${running}: the snapshot is not complete yet.`,
            code: 'SNAPSHOT_NOT_READY',
            atlasErrorCode: 'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT',
          }),
        },
      },
    ]);
    expect(posts()).toBe(2);
  });

  it("RESTORE_IN_PROGRESS: Atlas's 409 for a second restore onto a running target", async () => {
    const cluster = DEMO.clusters.LEGACY_BACKUP;
    const target = EDGE_CASES.clusters.LEGACY_BACKUP;
    const input = () => ({ idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'LEGACY_BACKUP', snapshotId: h.sim.snapshots.completedId(P, cluster), targetProjectId: T, targetClusterName: target, confirmTargetDataLoss: true });
    const first = await h.query(START_AUTOMATED, { input: input() });
    const second = await h.query(START_AUTOMATED, { input: input() });
    expect([(first.data?.startAutomatedRestore as { userErrors: unknown[] }).userErrors, second]).toEqual([
      [],
      {
        data: {
          startAutomatedRestore: refused({
            field: null,
            message: `Atlas refused the request (409 ATLAS_CLUSTER_RESTORE_IN_PROGRESS): A restore onto cluster ${target} in group ${T} is already in progress.`,
            code: 'RESTORE_IN_PROGRESS',
            atlasErrorCode: 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS',
          }),
        },
      },
    ]);
    expect(posts()).toBe(2);
  });

  it('KIND_RETIRED: a retired kind names the successor that serves the cluster now, and nothing is posted', async () => {
    const result = await h.query(START_DOWNLOAD, { input: { idempotencyKey: key(), projectId: P, clusterName: DEMO.today.formerM2, kind: 'SHARED_TIER', snapshotId: '5f0000000000000000000000' } });
    expect(result).toEqual({
      data: {
        startDownloadRestore: refused({
          field: ['input', 'kind'],
          message: 'SHARED_TIER restores can no longer be started: M2/M5 clusters became flex clusters (FLEX) on 2026-01-15; this cluster is served by FLEX: start the restore with kind FLEX.',
          code: 'KIND_RETIRED',
          atlasErrorCode: null,
        }),
      },
    });
    expect(posts()).toBe(0);
  });

  it('an unknown Atlas code on a 4xx is INVALID_INPUT with the code kept; a 429 and a 5xx stay top-level errors', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const input = () => ({ idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'CLOUD_BACKUP', snapshotId: h.sim.snapshots.completedId(P, cluster) });
    const onPost = (c: { method: string }) => c.method === 'POST';
    h.sim.inject({ match: onPost, status: 422, body: JSON.stringify({ error: 422, errorCode: 'SOMETHING_NEW', detail: 'A rule Atlas added.', reason: 'Unprocessable Entity' }) });
    const unknown = await h.query(START_DOWNLOAD, { input: input() });
    h.sim.inject({ match: onPost, status: 503 });
    const outage = await h.query(START_DOWNLOAD, { input: input() });
    expect(unknown).toEqual({
      data: { startDownloadRestore: refused({ field: null, message: 'Atlas refused the request (422 SOMETHING_NEW): A rule Atlas added.', code: 'INVALID_INPUT', atlasErrorCode: 'SOMETHING_NEW' }) },
    });
    expect({ data: outage.data, codes: outage.errors?.map((e) => [e.extensions?.code, e.path]) }).toEqual({
      data: { startDownloadRestore: null },
      codes: [['UPSTREAM_UNAVAILABLE', ['startDownloadRestore']]],
    });
    // The 503 is never retried: one POST each.
    expect(posts()).toBe(2);
  });

  it("a refusal whose detail echoes a secret or a signed URL is scrubbed; the gateway's own messages are kept as written", async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const input = { idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'CLOUD_BACKUP', snapshotId: h.sim.snapshots.completedId(P, cluster) };
    const detail = 'Bad request for https://dl.example.net/x.tar.gz?sig=s3cr3t-sig with privateKey=abcdef123456.';
    h.sim.inject({ match: (c) => c.method === 'POST', status: 400, body: JSON.stringify({ error: 400, errorCode: 'VALIDATION_ERROR', detail, reason: 'Bad Request' }) });
    const answer = await h.query(START_DOWNLOAD, { input });
    const message = (answer.data?.startDownloadRestore as { userErrors: { message: string }[] }).userErrors[0]!.message;
    expect([message.startsWith('Atlas refused the request (400 VALIDATION_ERROR): Bad request for '), message.includes('s3cr3t-sig'), message.includes('abcdef123456')]).toEqual([true, false, false]);
  });

  it('cancelRestoreJob: a Cloud Backup download is DELETEd once and answered as Atlas then reports it', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const started = await h.query(START_DOWNLOAD, { input: { idempotencyKey: key(), projectId: P, clusterName: cluster, snapshotId: h.sim.snapshots.completedId(P, cluster) } });
    const job = (started.data?.startDownloadRestore as { restoreJob: Record<string, unknown> & { id: string; jobId: string } }).restoreJob;
    const cancelled = await h.query(CANCEL, { input: { id: job.id, clientMutationId: 'c-1' } });
    expect(cancelled).toEqual({
      data: { cancelRestoreJob: { restoreJob: { ...job, status: 'CANCELLED' }, restoreJobs: [{ jobId: job.jobId }], userErrors: [], replayed: false, clientMutationId: 'c-1' } },
    });
    const path = `/api/atlas/v2/groups/${P}/clusters/${cluster}/backup/restoreJobs`;
    expect(writes()).toEqual([`POST ${path}`, `DELETE ${path}/${job.jobId}`]);
  });

  it('NOT_CANCELLABLE with no DELETE: a flex job, a Cloud Backup automated restore; JOB_NOT_FOUND for a job Atlas does not know; a bad id is INVALID_INPUT', async () => {
    const flexCluster = DEMO.clusters.FLEX;
    const flex = await h.query(START_DOWNLOAD, { input: { idempotencyKey: key(), projectId: P, clusterName: flexCluster, snapshotId: h.sim.snapshots.completedId(P, flexCluster) } });
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const automated = await h.query(START_AUTOMATED, {
      input: { idempotencyKey: key(), projectId: P, clusterName: cluster, snapshotId: h.sim.snapshots.completedId(P, cluster), targetClusterName: DEMO.today.sharded, confirmTargetDataLoss: true },
    });
    const idOf = (r: typeof flex, field: string) => (r.data?.[field] as { restoreJob: { id: string } }).restoreJob.id;
    const automatedId = idOf(automated, 'startAutomatedRestore');
    const unknownId = Buffer.from(`RestoreJob:CLOUD_BACKUP:${P}:${cluster}:5f0000000000000000000000`).toString('base64url');
    h.sim.resetCalls();
    const results = [];
    for (const id of [idOf(flex, 'startDownloadRestore'), automatedId, unknownId, 'not-an-id']) results.push(await h.query(CANCEL, { input: { id } }));
    expect(results).toEqual([
      { data: { cancelRestoreJob: refused({ field: ['input', 'id'], message: 'FLEX restore jobs cannot be cancelled; only Cloud Backup download jobs can.', code: 'NOT_CANCELLABLE', atlasErrorCode: null }) } },
      {
        data: {
          cancelRestoreJob: refused({
            field: ['input', 'id'],
            message: 'Only download restore jobs can be cancelled; an automated or point-in-time restore runs to its end.',
            code: 'NOT_CANCELLABLE',
            atlasErrorCode: null,
          }),
        },
      },
      {
        data: {
          cancelRestoreJob: refused({
            field: ['input', 'id'],
            message: `Atlas refused the request (404 RESTORE_JOB_NOT_FOUND): No restore job with ID 5f0000000000000000000000 exists in ${cluster}.`,
            code: 'JOB_NOT_FOUND',
            atlasErrorCode: 'RESTORE_JOB_NOT_FOUND',
          }),
        },
      },
      { data: { cancelRestoreJob: refused({ field: ['input', 'id'], message: 'id is not a restore job id of this graph.', code: 'INVALID_INPUT', atlasErrorCode: null }) } },
    ]);
    expect(writes()).toEqual([]);
  });

  it('IDEMPOTENCY_KEY_REUSED and replay: the same key and input answers the first job again with no POST; another input is refused', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const snapshotId = h.sim.snapshots.completedId(P, cluster);
    const input = { idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'CLOUD_BACKUP', snapshotId };
    const first = await h.query(START_DOWNLOAD, { input });
    const again = await h.query(START_DOWNLOAD, { input: { ...input, clientMutationId: 'retry' } });
    const other = await h.query(START_DOWNLOAD, { input: { ...input, kind: null } });
    const firstPayload = first.data?.startDownloadRestore as Record<string, unknown>;
    expect([again, other]).toEqual([
      { data: { startDownloadRestore: { ...firstPayload, replayed: true, clientMutationId: 'retry' } } },
      {
        data: {
          startDownloadRestore: refused({
            field: ['input', 'idempotencyKey'],
            message: 'This idempotency key was used with another input in the last 24 hours: use a new key for a new restore.',
            code: 'IDEMPOTENCY_KEY_REUSED',
            atlasErrorCode: null,
          }),
        },
      },
    ]);
    expect(posts()).toBe(1);
  });

  it('two calls with the same key at once post once; both answer the job', async () => {
    const cluster = DEMO.clusters.FLEX;
    const input = { idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'FLEX', snapshotId: h.sim.snapshots.completedId(P, cluster) };
    const [a, b] = await Promise.all([h.query(START_DOWNLOAD, { input }), h.query(START_DOWNLOAD, { input })]);
    const pa = a.data?.startDownloadRestore as { restoreJob: { jobId: string }; replayed: boolean };
    const pb = b.data?.startDownloadRestore as { restoreJob: { jobId: string }; replayed: boolean };
    expect([pa.restoreJob.jobId === pb.restoreJob.jobId, [pa.replayed, pb.replayed].sort(), posts()]).toEqual([true, [false, true], 1]);
  });

  it('a lost answer: OUTCOME_UNKNOWN, then the retry with the same key finds the job in the list instead of posting again', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const snapshotId = h.sim.snapshots.completedId(P, cluster);
    const input = { idempotencyKey: key(), projectId: P, clusterName: cluster, kind: 'CLOUD_BACKUP', snapshotId };
    h.sim.inject({ match: (c) => c.method === 'POST', afterHandling: 'destroy' });
    const lost = await h.query(START_DOWNLOAD, { input });
    const retry = await h.query(START_DOWNLOAD, { input });
    expect(lost).toEqual({
      data: {
        startDownloadRestore: refused({
          field: ['input', 'idempotencyKey'],
          message: 'The request reached Atlas but its answer was lost: the restore may have started. Retry with the same idempotencyKey: the gateway looks for the job before it starts another.',
          code: 'OUTCOME_UNKNOWN',
          atlasErrorCode: null,
        }),
      },
    });
    const job = (retry.data?.startDownloadRestore as { restoreJob: { jobId: string; id: string } }).restoreJob;
    expect(retry).toEqual({
      data: {
        startDownloadRestore: {
          restoreJob: { id: job.id, jobId: job.jobId, kind: 'CLOUD_BACKUP', clusterName: cluster, projectId: P, snapshotId, deliveryType: 'DOWNLOAD', status: 'IN_PROGRESS', targetClusterName: null, targetProjectId: null },
          restoreJobs: [{ jobId: job.jobId }],
          userErrors: [],
          replayed: true,
          clientMutationId: null,
        },
      },
    });
    // Exactly one job was created, and it is the one the retry holds.
    const created = h.sim.calls.filter((c) => c.method === 'POST');
    expect([created.length, created[0]!.status, created[0]!.unsentStatus]).toEqual([1, 0, 200]);
  });
});

describe('mutations and MUTATIONS in production', () => {
  it('off in production unless MUTATIONS=on: FORBIDDEN and nothing sent; on when the operator opts in', async () => {
    const off = await startHarness({ nodeEnv: 'production' });
    const on = await startHarness({ nodeEnv: 'production', mutations: true });
    try {
      const cluster = DEMO.clusters.FLEX;
      const input = { idempotencyKey: 'prod-1', projectId: P, clusterName: cluster, kind: 'FLEX', snapshotId: off.sim.snapshots.completedId(P, cluster) };
      const refusedAnswer = await off.query(START_DOWNLOAD, { input });
      expect(refusedAnswer).toEqual({
        data: { startDownloadRestore: null },
        errors: [{ message: 'Mutations are off on this gateway: its operator turns them on with MUTATIONS=on.', path: ['startDownloadRestore'], locations: [{ line: 1, column: 49 }], extensions: { code: 'FORBIDDEN' } }],
      });
      expect(off.sim.calls).toEqual([]);
      const allowed = await on.query(START_DOWNLOAD, { input });
      expect([(allowed.data?.startDownloadRestore as { userErrors: unknown[] }).userErrors, on.sim.calls.filter((c) => c.method === 'POST').length]).toEqual([[], 1]);
    } finally {
      await off.stop();
      await on.stop();
    }
  });
});
