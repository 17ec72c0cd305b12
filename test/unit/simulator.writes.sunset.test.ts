import { DEMO } from '../../src/simulator';
import { OTHER_PROJECT } from '../support/seeds';
import { apiError, badRequest, get, iso, send, useClockedSimulator, V2 } from '../support/simulatorHttp';

/**
 * The writes of the two kinds past their 2026 sunsets (restore-jobs.openapi.yaml): shared tier
 * (createSharedClusterBackupRestoreJob, downloadSharedClusterBackup) and serverless
 * (createGroupServerlessBackupRestoreJob), v2 and v1.0. A migrated cluster answers 410 VERSION_GONE; a cluster still
 * seeded as M2/M5 or serverless is served as the spec says.
 */

const P = DEMO.projectId;
const T0 = Date.UTC(2026, 1, 2, 9, 0, 0);
const STEP = 10_000;
const { sim, base, clock } = useClockedSimulator(T0, STEP);

const gone = apiError(410, 'VERSION_GONE', 'This happens when a resource is marked for sunset and the sunset date is in the past.', 'Gone');
const idOf = (reply: { body: unknown }): string => (reply.body as { id: string }).id;

describe('shared tier (M2/M5)', () => {
  const M2 = DEMO.clusters.SHARED_TIER;
  const tenant = (cluster: string, op: string, version = 'v2') => `/api/atlas/${version}/groups/${P}/clusters/${cluster}/backup/tenant/${op}`;
  const self = (id: string, version = 'v2') => [{ href: `https://cloud.mongodb.com/api/atlas/${version}/groups/${P}/clusters/${M2}/backup/tenant/restores/${id}`, rel: 'self' }];

  it('restores a snapshot onto a target as a TenantRestore, listed first in the (unpaged) list, COMPLETED three steps later', async () => {
    const snapshotId = sim().snapshots.completedId(P, M2);
    const target = DEMO.clusters.CLOUD_BACKUP;
    const reply = await send(base(), 'POST', tenant(M2, 'restore'), V2, { snapshotId, targetDeploymentItemName: target });
    const id = idOf(reply);
    const job = {
      clusterName: M2,
      deliveryType: 'RESTORE',
      id,
      links: self(id),
      projectId: P,
      restoreScheduledDate: iso(T0),
      snapshotFinishedDate: '2026-01-20T06:06:00Z',
      snapshotId,
      status: 'PENDING',
      targetDeploymentItemName: target,
      targetProjectId: P,
    };
    expect(reply).toEqual({ status: 200, contentType: V2, wwwAuthenticate: undefined, body: job });
    clock.ms = T0 + 3 * STEP;
    const listed = (await get(base(), tenant(M2, 'restores'), { accept: V2 })).body as { results: unknown[]; totalCount: number };
    expect({ first: listed.results[0], totalCount: listed.totalCount }).toEqual({ first: { ...job, restoreFinishedDate: iso(T0 + 3 * STEP), status: 'COMPLETED' }, totalCount: 26 });
  });

  it('answers 409 onto a cluster a seeded restore is still writing to (a running restore from the second project)', async () => {
    const snapshotId = sim().snapshots.completedId(P, M2);
    expect((await send(base(), 'POST', tenant(M2, 'restore'), V2, { snapshotId, targetDeploymentItemName: M2 })).body).toEqual(
      apiError(409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', `A restore onto cluster ${M2} in group ${P} is already in progress.`, 'Conflict'),
    );
    const other = { snapshotId, targetDeploymentItemName: OTHER_PROJECT.clusters.SHARED_TIER, targetProjectId: OTHER_PROJECT.projectId };
    expect((await send(base(), 'POST', tenant(M2, 'restore'), V2, other)).status).toBe(409);
  });

  it('downloads a snapshot (the schema requires targetDeploymentItemName there too), v1.0 as application/json', async () => {
    const snapshotId = sim().snapshots.completedId(P, M2);
    expect((await send(base(), 'POST', tenant(M2, 'download'), V2, { snapshotId })).body).toEqual(
      badRequest('MISSING_ATTRIBUTE', 'The required attribute targetDeploymentItemName was not specified.', [{ field: 'targetDeploymentItemName', description: 'must be specified' }]),
    );
    const reply = await send(base(), 'POST', tenant(M2, 'download', 'v1.0'), 'application/json', { snapshotId, targetDeploymentItemName: M2 });
    const id = idOf(reply);
    expect(reply).toEqual({
      status: 200,
      contentType: 'application/json',
      wwwAuthenticate: undefined,
      body: {
        clusterName: M2,
        deliveryType: 'DOWNLOAD',
        expirationDate: iso(T0 + 4 * 3_600_000),
        id,
        links: self(id, 'v1.0'),
        projectId: P,
        restoreScheduledDate: iso(T0),
        snapshotFinishedDate: '2026-01-20T06:06:00Z',
        snapshotId,
        status: 'PENDING',
        targetDeploymentItemName: M2,
        targetProjectId: P,
      },
    });
  });

  it('answers 410 VERSION_GONE for a migrated (former M2) cluster, both operations, v2 and v1.0; the tenant codes for others', async () => {
    const snapshotId = sim().snapshots.completedId(P, DEMO.today.formerM2);
    const body = { snapshotId, targetDeploymentItemName: DEMO.today.formerM2 };
    const replies = [];
    for (const op of ['restore', 'download']) {
      replies.push((await send(base(), 'POST', tenant(DEMO.today.formerM2, op), V2, body)).body);
      replies.push((await send(base(), 'POST', tenant(DEMO.today.formerM2, op, 'v1.0'), 'application/json', body)).body);
    }
    expect(replies).toEqual([gone, gone, gone, gone]);
    expect((await send(base(), 'POST', tenant(DEMO.clusters.CLOUD_BACKUP, 'restore'), V2, body)).body).toEqual(
      apiError(400, 'NOT_SERVERLESS_TENANT_CLUSTER', `Cluster ${DEMO.clusters.CLOUD_BACKUP} is not a shared-tier (M2/M5) cluster.`, 'Bad Request'),
    );
    expect(sim().jobs.all()).toEqual([]);
  });
});

describe('serverless', () => {
  const S = DEMO.clusters.SERVERLESS;
  const jobs = (cluster: string, version = 'v2') => `/api/atlas/${version}/groups/${P}/serverless/${cluster}/backup/restoreJobs`;
  const self = (id: string) => [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${P}/serverless/${S}/backup/restoreJobs/${id}`, rel: 'self' }];
  const target = { targetClusterName: S, targetGroupId: P };

  it('restores a snapshot (automated) and finishes one step later', async () => {
    const snapshotId = sim().snapshots.completedId(P, S);
    const reply = await send(base(), 'POST', jobs(S), V2, { deliveryType: 'automated', snapshotId, ...target });
    const id = idOf(reply);
    const running = { cancelled: false, deliveryType: 'automated', expired: false, failed: false, id, links: self(id), snapshotId, ...target, timestamp: '2026-01-20T06:00:00Z' };
    expect(reply).toEqual({ status: 200, contentType: V2, wwwAuthenticate: undefined, body: running });
    clock.ms = T0 + STEP;
    expect((await get(base(), `${jobs(S)}/${id}`, { accept: V2 })).body).toEqual({ ...running, finishedAt: iso(T0 + STEP) });
  });

  it('downloads with the target the schema requires, v1.0 too, and gains its URL when finished', async () => {
    const snapshotId = sim().snapshots.completedId(P, S);
    expect((await send(base(), 'POST', jobs(S), V2, { deliveryType: 'download', snapshotId })).body).toEqual(
      badRequest('MISSING_ATTRIBUTE', 'The required attribute targetClusterName was not specified.', [{ field: 'targetClusterName', description: 'must be specified' }]),
    );
    const reply = await send(base(), 'POST', jobs(S, 'v1.0'), 'application/json', { deliveryType: 'download', snapshotId, ...target });
    expect([reply.status, reply.contentType]).toEqual([200, 'application/json']);
    const id = idOf(reply);
    clock.ms = T0 + STEP;
    expect((await get(base(), `${jobs(S)}/${id}`, { accept: V2 })).body).toEqual({
      cancelled: false,
      deliveryType: 'download',
      deliveryUrl: [expect.stringMatching(new RegExp(`^https://restore-${snapshotId}\\.mongodb\\.net:27017/${S}/${id}/part-0\\.tar\\.gz\\?token=sim-[0-9a-f]{32}$`))],
      expired: false,
      expiresAt: iso(T0 + STEP + 48 * 3_600_000),
      failed: false,
      finishedAt: iso(T0 + STEP),
      id,
      links: self(id),
      snapshotId,
      ...target,
      timestamp: '2026-01-20T06:00:00Z',
    });
  });

  it('answers 409 onto an instance a seeded point-in-time restore is still writing to, 404 for an unknown target', async () => {
    const snapshotId = sim().snapshots.completedId(P, S);
    const busy = { targetClusterName: OTHER_PROJECT.clusters.SERVERLESS, targetGroupId: OTHER_PROJECT.projectId };
    expect((await send(base(), 'POST', jobs(S), V2, { deliveryType: 'automated', snapshotId, ...busy })).body).toEqual(
      apiError(409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', `A restore onto cluster ${busy.targetClusterName} in group ${busy.targetGroupId} is already in progress.`, 'Conflict'),
    );
    expect((await send(base(), 'POST', jobs(S), V2, { deliveryType: 'pointInTime', pointInTimeUTCSeconds: T0 / 1000 - 60, targetClusterName: 'nope', targetGroupId: P })).body).toEqual(
      apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named nope exists in group ${P}.`, 'Not Found'),
    );
  });

  it('answers 410 VERSION_GONE for a migrated instance, v2 and v1.0, while its reads keep their CANNOT_USE_CLUSTER code', async () => {
    const body = { deliveryType: 'automated', snapshotId: sim().snapshots.completedId(P, DEMO.today.formerServerless), ...target };
    expect([
      (await send(base(), 'POST', jobs(DEMO.today.formerServerless), V2, body)).body,
      (await send(base(), 'POST', jobs(DEMO.today.formerServerless, 'v1.0'), 'application/json', body)).body,
      (await get(base(), jobs(DEMO.today.formerServerless), { accept: V2 })).body,
    ]).toEqual([
      gone,
      gone,
      apiError(400, 'CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API', `Cluster ${DEMO.today.formerServerless} is a cluster, not a serverless instance: use the cluster API.`, 'Bad Request'),
    ]);
    expect((await send(base(), 'POST', jobs(DEMO.clusters.FLEX), V2, body)).body).toEqual(
      apiError(404, 'SERVERLESS_INSTANCE_NOT_FOUND', `No serverless instance named ${DEMO.clusters.FLEX} exists in group ${P}.`, 'Not Found'),
    );
  });
});
