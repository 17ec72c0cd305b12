import { DEMO, type SeedSnapshot } from '../../src/simulator';
import { apiError, badRequest, get, iso, send, useClockedSimulator, V2 } from '../support/simulatorHttp';

/**
 * Legacy Backup writes (restore-jobs.openapi.yaml): createGroupClusterRestoreJob and its v1.0 twin
 * createLegacyBackupRestoreJob, answering a page of the jobs created (one per shard and the config server for a
 * sharded cluster), and those jobs moving with the clock.
 */

const P = DEMO.projectId;
const C = DEMO.clusters.LEGACY_BACKUP;
const TARGET = DEMO.bigCluster.name;
const T0 = Date.UTC(2026, 1, 2, 9, 0, 0);
const STEP = 30_000;
const { sim, base, clock } = useClockedSimulator(T0, STEP);

const list = (cluster = C, version = 'v2') => `/api/atlas/${version}/groups/${P}/clusters/${cluster}/restoreJobs`;
const links = (cluster: string, id: string) => [
  { href: `https://cloud.mongodb.com/api/atlas/v2/groups/${P}/clusters/${cluster}/restoreJobs/${id}`, rel: 'self' },
  { href: `https://cloud.mongodb.com/api/atlas/v2/groups/${P}/clusters/${cluster}`, rel: 'http://cloud.mongodb.com/cluster' },
];
const create = (body: unknown, cluster = C) => send(base(), 'POST', list(cluster), V2, body);
const results = (reply: { body: unknown }) => (reply.body as { results: { id: string; batchId?: string; clusterId: string }[] }).results;
const read = async (id: string, cluster = C) => (await get(base(), `${list(cluster)}/${id}`, { accept: V2 })).body;
const clusterId = async (name: string) => ((await get(base(), `/api/atlas/v2/groups/${P}/clusters/${name}`, { accept: 'application/vnd.atlas.2024-08-05+json' })).body as { id: string }).id;
const createdOf = (snapshot: SeedSnapshot) => (snapshot.shape === 'legacy' ? snapshot.body.created : undefined);

describe('createGroupClusterRestoreJob', () => {
  it('creates a download (HTTP): a page of one job, IN_PROGRESS, then READY and FINISHED with its URLs two steps later', async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const timestamp = createdOf(sim().snapshots.find(P, C, snapshotId)!);
    const reply = await create({ delivery: { methodName: 'HTTP' }, snapshotId });
    const [job] = results(reply);
    const id = job!.id;
    const common = { clusterId: job!.clusterId, clusterName: C, created: iso(T0), encryptionEnabled: false, groupId: P, id, links: links(C, id), snapshotId, timestamp };
    const delivery = { expirationHours: 48, maxDownloads: 3, methodName: 'HTTP' };
    expect(reply).toEqual({
      status: 200,
      contentType: V2,
      wwwAuthenticate: undefined,
      body: { links: [{ href: `${base()}${list()}`, rel: 'self' }], results: [{ ...common, delivery: { ...delivery, statusName: 'NOT_STARTED' }, statusName: 'IN_PROGRESS' }], totalCount: 1 },
    });
    expect(job!.clusterId).toBe(await clusterId(C));
    clock.ms = T0 + STEP;
    expect(await read(id)).toEqual({ ...common, delivery: { ...delivery, statusName: 'IN_PROGRESS' }, statusName: 'IN_PROGRESS' });
    clock.ms = T0 + 2 * STEP;
    const file = `${C}-${snapshotId}.tar.gz`;
    const urlV2 = `https://restore-${job!.clusterId}.mongodb.net:27017/${id}/${file}`;
    expect(await read(id)).toEqual({
      ...common,
      delivery: {
        authHeader: 'X-Restore-Verification-Key',
        authValue: expect.stringMatching(/^sim-[0-9a-f]{40}$/),
        ...delivery,
        expires: iso(T0 + 2 * STEP + 48 * 3_600_000),
        statusName: 'READY',
        url: expect.stringMatching(new RegExp(`^${urlV2.replace(/[.?]/g, '\\$&')}\\?token=sim-[0-9a-f]{32}$`)),
        urlV2,
      },
      hashes: [{ fileName: file, hash: expect.stringMatching(/^[0-9a-f]{40}$/), links: [{ href: links(C, id)[0]!.href, rel: 'http://cloud.mongodb.com/restoreJob' }], typeName: 'SHA1' }],
      statusName: 'FINISHED',
    });
    // Newest first in the list.
    expect(results(await get(base(), `${list()}?itemsPerPage=1`, { accept: V2 })).map((j) => j.id)).toEqual([id]);
  });

  it('creates an automated restore; as the spec says, its delivery reads HTTP with the target', async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const reply = await create({ delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: P, targetClusterName: TARGET }, snapshotId });
    const [job] = results(reply);
    expect(job).toEqual({
      clusterId: await clusterId(C),
      clusterName: C,
      created: iso(T0),
      delivery: { methodName: 'HTTP', statusName: 'NOT_STARTED', targetClusterName: TARGET, targetGroupId: P },
      encryptionEnabled: false,
      groupId: P,
      id: job!.id,
      links: links(C, job!.id),
      snapshotId,
      statusName: 'IN_PROGRESS',
      timestamp: createdOf(sim().snapshots.find(P, C, snapshotId)!),
    });
    const conflict = apiError(409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', `A restore onto cluster ${TARGET} in group ${P} is already in progress.`, 'Conflict');
    expect((await create({ delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: P, targetClusterId: await clusterId(TARGET) }, snapshotId })).body).toEqual(conflict);
    clock.ms = T0 + 2 * STEP;
    expect((await read(job!.id)) as { statusName: string; delivery: unknown }).toMatchObject({ statusName: 'FINISHED', delivery: { methodName: 'HTTP', statusName: 'READY', targetClusterName: TARGET, targetGroupId: P } });
    expect((await create({ delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: P, targetClusterId: await clusterId(TARGET) }, snapshotId })).status).toBe(200);
  });

  it('restores to a point in time: pointInTimeUTCMillis within the last 24 hours, or oplogTs (ISO) with oplogInc', async () => {
    const delivery = { methodName: 'AUTOMATED_RESTORE', targetGroupId: P, targetClusterName: TARGET };
    const byMillis = results(await create({ delivery, pointInTimeUTCMillis: T0 - 3_600_000 }))[0]!;
    expect(byMillis).toEqual({
      clusterId: await clusterId(C),
      clusterName: C,
      created: iso(T0),
      delivery: { methodName: 'HTTP', statusName: 'NOT_STARTED', targetClusterName: TARGET, targetGroupId: P },
      encryptionEnabled: false,
      groupId: P,
      id: byMillis.id,
      links: links(C, byMillis.id),
      statusName: 'IN_PROGRESS',
    });
    clock.ms = T0 + 2 * STEP;
    const byOplog = await create({ delivery, oplogTs: '2026-02-02T08:30:00Z', oplogInc: 4 });
    expect([byOplog.status, results(byOplog).length]).toEqual([200, 1]);
    const field = (name: string, description: string) => [{ field: name, description }];
    expect((await create({ delivery, pointInTimeUTCMillis: T0 - 25 * 3_600_000 })).body).toEqual(
      badRequest('INVALID_ATTRIBUTE', 'Invalid attribute pointInTimeUTCMillis specified: must fall within the last 24 hours.', field('pointInTimeUTCMillis', 'must fall within the last 24 hours')),
    );
    expect((await create({ delivery, oplogTs: '1700000000', oplogInc: 1 })).body).toEqual(
      badRequest('INVALID_ATTRIBUTE', 'Invalid attribute oplogTs specified: must be a past ISO 8601 date and time.', field('oplogTs', 'must be a past ISO 8601 date and time')),
    );
  });

  it('creates one job per shard plus one for the config server for a sharded cluster, in one batch', async () => {
    const sharded = 'sharded-legacy-0';
    sim().seed.projects[0]!.clusters.push({ name: sharded, kind: 'LEGACY_BACKUP', description: { clusterType: 'SHARDED', shards: 2 }, legacy: [] });
    const snapshotId = sim().snapshots.completedId(P, sharded);
    const reply = await create({ delivery: { methodName: 'HTTP' }, snapshotId }, sharded);
    const jobs = results(reply);
    const batchId = jobs[0]!.batchId!;
    expect({ count: jobs.length, totalCount: (reply.body as { totalCount: number }).totalCount, batches: [...new Set(jobs.map((j) => j.batchId))], clusterIds: new Set(jobs.map((j) => j.clusterId)).size }).toEqual({
      count: 3,
      totalCount: 3,
      batches: [batchId],
      clusterIds: 3,
    });
    expect(batchId).toMatch(/^[a-f0-9]{24}$/);
    const page = results(await get(base(), `${list(sharded)}?batchId=${batchId}`, { accept: V2 }));
    expect(page.map((j) => j.id).sort()).toEqual(jobs.map((j) => j.id).sort());
  });

  it('has a v1.0 twin (createLegacyBackupRestoreJob) that takes and answers application/json', async () => {
    const body = JSON.stringify({ delivery: { methodName: 'HTTP' }, snapshotId: sim().snapshots.completedId(P, C) });
    const v1 = await get(base(), list(C, 'v1.0'), { 'content-type': 'application/json' }, 'POST', body);
    expect([v1.status, v1.contentType, results(v1).length]).toEqual([200, 'application/json', 1]);
    const versioned = await get(base(), list(C, 'v1.0'), { 'content-type': V2 }, 'POST', body);
    expect([versioned.status, versioned.body]).toEqual([415, apiError(415, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported Content-Type "${V2}": this resource takes application/json.`, 'Unsupported Media Type')]);
  });

  it('refuses bodies against the schema and the rules its descriptions state', async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const automated = { methodName: 'AUTOMATED_RESTORE', targetGroupId: P, targetClusterName: TARGET };
    const field = (name: string, description: string) => [{ field: name, description }];
    const both = (a: string, b: string) => badRequest('VALIDATION_ERROR', `${a} and ${b} cannot be specified together: a restore starts from one snapshot or one point in time.`, [
      { field: a, description: 'a restore starts from one snapshot or one point in time' },
      { field: b, description: 'a restore starts from one snapshot or one point in time' },
    ]);
    const cases: [unknown, ReturnType<typeof badRequest>][] = [
      [{ snapshotId }, badRequest('MISSING_ATTRIBUTE', 'The required attribute delivery was not specified.', field('delivery', 'must be specified'))],
      [{ delivery: {}, snapshotId }, badRequest('MISSING_ATTRIBUTE', 'The required attribute delivery.methodName was not specified.', field('delivery.methodName', 'must be specified'))],
      [{ delivery: { methodName: 'FTP' }, snapshotId }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute delivery.methodName specified: must be one of CLIENT_PIT_HTTP, QUERY, AUTOMATED_RESTORE, HTTP, THIRD_PARTY_COPY, CLIENT_PIT_SCP, SCP.', field('delivery.methodName', 'must be one of CLIENT_PIT_HTTP, QUERY, AUTOMATED_RESTORE, HTTP, THIRD_PARTY_COPY, CLIENT_PIT_SCP, SCP'))],
      [{ delivery: { methodName: 'SCP' }, snapshotId }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute delivery.methodName specified: the simulator creates AUTOMATED_RESTORE and HTTP restores only.', field('delivery.methodName', 'the simulator creates AUTOMATED_RESTORE and HTTP restores only'))],
      [{ delivery: { methodName: 'HTTP', urlV2: 'x' }, snapshotId }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute delivery.urlV2 specified: this operation does not take it.', field('delivery.urlV2', 'this operation does not take it'))],
      [{ delivery: automated, checkpointId: '0123456789abcdef01234567' }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute checkpointId specified: checkpoint restores are not supported by this operation.', field('checkpointId', 'checkpoint restores are not supported by this operation'))],
      [{ delivery: { methodName: 'HTTP' } }, badRequest('MISSING_ATTRIBUTE', 'The required attribute snapshotId was not specified.', field('snapshotId', 'must be specified'))],
      [{ delivery: automated, snapshotId, pointInTimeUTCMillis: T0 }, both('snapshotId', 'pointInTimeUTCMillis')],
      [{ delivery: automated, snapshotId, oplogTs: '2026-02-02T08:00:00Z', oplogInc: 1 }, both('snapshotId', 'oplogTs')],
      [{ delivery: automated, oplogTs: '2026-02-02T08:00:00Z' }, badRequest('MISSING_ATTRIBUTE', 'The required attribute oplogInc was not specified.', field('oplogInc', 'must be specified'))],
      [{ delivery: { methodName: 'HTTP' }, pointInTimeUTCMillis: T0 }, badRequest('VALIDATION_ERROR', 'pointInTimeUTCMillis applies when delivery.methodName is AUTOMATED_RESTORE.', field('pointInTimeUTCMillis', 'AUTOMATED_RESTORE only'))],
      [{ delivery: { methodName: 'HTTP', targetGroupId: P }, snapshotId }, badRequest('VALIDATION_ERROR', 'An HTTP (download) restore names no target: delivery.targetGroupId cannot be specified.', field('delivery.targetGroupId', 'AUTOMATED_RESTORE only'))],
      [{ delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: P }, snapshotId }, badRequest('MISSING_ATTRIBUTE', 'The required attribute delivery.targetClusterName was not specified.', field('delivery.targetClusterName', 'must be specified'))],
      [{ delivery: { methodName: 'AUTOMATED_RESTORE', targetClusterName: TARGET }, snapshotId }, badRequest('MISSING_ATTRIBUTE', 'The required attribute delivery.targetGroupId was not specified.', field('delivery.targetGroupId', 'must be specified'))],
      [{ delivery: { methodName: 'HTTP', maxDownloads: 0 }, snapshotId }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute delivery.maxDownloads specified: must be at least 1.', field('delivery.maxDownloads', 'must be at least 1'))],
      [{ delivery: automated, snapshotId: 'abc' }, badRequest('INVALID_SNAPSHOT_ID', 'Invalid snapshot ID abc: expected a 24-hexadecimal digit string.')],
      [{ delivery: { ...automated, targetClusterName: 'nope' }, snapshotId }, apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named nope exists in group ${P}.`, 'Not Found')],
      [{ delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: P, targetClusterId: '0123456789abcdef01234567' }, snapshotId }, apiError(404, 'CLUSTER_NOT_FOUND', `No cluster with ID 0123456789abcdef01234567 exists in group ${P}.`, 'Not Found')],
      [{ delivery: { methodName: 'HTTP' }, snapshotId: sim().snapshots.inProgressId(P, C) }, badRequest('CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT', `Cannot start a restore job from snapshot ${sim().snapshots.inProgressId(P, C)}: the snapshot is not complete yet.`)],
    ];
    for (const [body, error] of cases) expect({ body, reply: (await create(body)).body }).toEqual({ body, reply: error });
    const mismatch = await create({ delivery: { ...automated, targetClusterId: await clusterId(C) }, snapshotId });
    expect(mismatch.body).toEqual(
      badRequest('VALIDATION_ERROR', 'delivery.targetClusterName and delivery.targetClusterId name different clusters.', field('delivery.targetClusterId', `is not the id of ${TARGET}`)),
    );
    expect((await create({ delivery: { methodName: 'HTTP' }, snapshotId }, DEMO.clusters.CLOUD_BACKUP)).body).toEqual(
      apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named ${DEMO.clusters.CLOUD_BACKUP} exists in group ${P}.`, 'Not Found'),
    );
    // Nothing was created.
    expect(sim().jobs.all()).toEqual([]);
  });
});
