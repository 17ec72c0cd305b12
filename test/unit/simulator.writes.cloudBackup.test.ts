import { DEMO, shardRestoreJobId } from '../../src/simulator';
import { OTHER_PROJECT } from '../support/seeds';
import { apiError, badRequest, get, iso, seedCluster, send, useClockedSimulator, V2 } from '../support/simulatorHttp';

/**
 * Cloud Backup writes (successors.openapi.yaml): createGroupClusterBackupRestoreJob and
 * cancelGroupClusterBackupRestoreJob, their validation and error codes, and created jobs moving with the clock.
 */

const P = DEMO.projectId;
const C = DEMO.clusters.CLOUD_BACKUP;
const SHARDED = DEMO.today.sharded;
const T0 = Date.UTC(2026, 1, 2, 9, 0, 0);
const STEP = 60_000;
const { sim, base, clock } = useClockedSimulator(T0, STEP);

const list = (cluster: string, project = P) => `/api/atlas/v2/groups/${project}/clusters/${cluster}/backup/restoreJobs`;
const self = (cluster: string, id: string) => [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${P}/clusters/${cluster}/backup/restoreJobs/${id}`, rel: 'self' }];
/** The newest completed snapshot of every seeded cluster was taken then. */
const SNAPSHOT_TAKEN = '2026-01-20T06:00:00Z';
const create = (body: unknown, cluster = C) => send(base(), 'POST', list(cluster), V2, body);
const read = async (cluster: string, id: string) => (await get(base(), `${list(cluster)}/${id}`, { accept: V2 })).body;
const idOf = (reply: { body: unknown }): string => (reply.body as { id: string }).id;
const ok = (body: unknown) => ({ status: 200, contentType: V2, wwwAuthenticate: undefined, body });
const failed = (body: { error: number }) => ({ status: body.error, contentType: 'application/json', wwwAuthenticate: undefined, body });
const tokenUrl = (snapshotId: string, cluster: string, id: string, file: string) =>
  expect.stringMatching(new RegExp(`^https://restore-${snapshotId}\\.mongodb\\.net:27017/${cluster}/${id}/${file}\\.tar\\.gz\\?token=sim-[0-9a-f]{32}$`)) as unknown as string;

describe('createGroupClusterBackupRestoreJob', () => {
  it('creates a download job: running with no finishedAt, then one step later finished with its URL, listed first', async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const reply = await create({ deliveryType: 'download', snapshotId });
    const id = idOf(reply);
    const running = { cancelled: false, deliveryType: 'download', expired: false, failed: false, id, links: self(C, id), snapshotId, timestamp: SNAPSHOT_TAKEN };
    expect(reply).toEqual(ok(running));
    // An ObjectId of the moment it was created.
    expect([id.length, parseInt(id.slice(0, 8), 16) * 1000]).toEqual([24, T0]);
    clock.ms = T0 + STEP - 1;
    expect(await read(C, id)).toEqual(running);
    clock.ms = T0 + STEP;
    const finished = { ...running, deliveryUrl: [tokenUrl(snapshotId, C, id, 'restore')], expiresAt: iso(T0 + STEP + 48 * 3_600_000), finishedAt: iso(T0 + STEP) };
    expect(await read(C, id)).toEqual(finished);
    const page = (await get(base(), `${list(C)}?itemsPerPage=2`, { accept: V2 })).body as { results: unknown[]; totalCount: number };
    expect({ first: page.results[0], second: page.results[1], totalCount: page.totalCount }).toEqual({
      first: finished,
      second: seedCluster(P, C).cloudBackup![0],
      totalCount: 13,
    });
    // Two days after it finished the download has expired.
    clock.ms = T0 + STEP + 48 * 3_600_000;
    expect(await read(C, id)).toEqual({ ...finished, expired: true });
  });

  it('creates an automated restore onto an existing cluster; a second onto the same target is 409 until the first finished', async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const target = { targetClusterName: DEMO.today.formerServerless, targetGroupId: P };
    const reply = await create({ deliveryType: 'automated', snapshotId, ...target });
    const id = idOf(reply);
    expect(reply).toEqual(ok({ cancelled: false, deliveryType: 'automated', expired: false, failed: false, id, links: self(C, id), snapshotId, ...target, timestamp: SNAPSHOT_TAKEN }));
    const conflict = apiError(409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', `A restore onto cluster ${target.targetClusterName} in group ${P} is already in progress.`, 'Conflict');
    expect(await create({ deliveryType: 'automated', snapshotId, ...target })).toEqual(failed(conflict));
    // From another source too: it is the target that is busy.
    const other = sim().snapshots.completedId(P, SHARDED);
    expect(await create({ deliveryType: 'automated', snapshotId: other, ...target }, SHARDED)).toEqual(failed(conflict));
    clock.ms = T0 + STEP;
    expect(await read(C, id)).toEqual({ cancelled: false, deliveryType: 'automated', expired: false, failed: false, finishedAt: iso(T0 + STEP), id, links: self(C, id), snapshotId, ...target, timestamp: SNAPSHOT_TAKEN });
    expect((await create({ deliveryType: 'automated', snapshotId, ...target })).status).toBe(200);
  });

  it("answers 409 for a target a seeded restore is still writing to (the second project's running point-in-time restore)", async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const target = { targetClusterName: OTHER_PROJECT.clusters.CLOUD_BACKUP, targetGroupId: OTHER_PROJECT.projectId };
    expect((await create({ deliveryType: 'automated', snapshotId, ...target })).body).toEqual(
      apiError(409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', `A restore onto cluster ${target.targetClusterName} in group ${target.targetGroupId} is already in progress.`, 'Conflict'),
    );
  });

  it('creates point-in-time restores at a second or at an oplog timestamp, with no snapshot', async () => {
    const target = { targetClusterName: C, targetGroupId: P };
    const seconds = T0 / 1000 - 600;
    const bySeconds = await create({ deliveryType: 'pointInTime', pointInTimeUTCSeconds: seconds, ...target });
    const a = idOf(bySeconds);
    expect(bySeconds).toEqual(ok({ cancelled: false, deliveryType: 'pointInTime', expired: false, failed: false, id: a, links: self(C, a), pointInTimeUTCSeconds: seconds, ...target }));
    clock.ms = T0 + STEP;
    const byOplog = await create({ deliveryType: 'pointInTime', oplogTs: seconds, oplogInc: 3, targetClusterName: DEMO.today.formerServerless, targetGroupId: P });
    const b = idOf(byOplog);
    expect(byOplog.body).toEqual({
      cancelled: false,
      deliveryType: 'pointInTime',
      expired: false,
      failed: false,
      id: b,
      links: self(C, b),
      oplogInc: 3,
      oplogTs: seconds,
      pointInTimeUTCSeconds: seconds,
      targetClusterName: DEMO.today.formerServerless,
      targetGroupId: P,
    });
  });

  it('gives a sharded cluster\'s job one component per shard and the config host, each with its URL once finished', async () => {
    const snapshotId = sim().snapshots.completedId(P, SHARDED);
    const reply = await create({ deliveryType: 'download', snapshotId }, SHARDED);
    const id = idOf(reply);
    const names = [`${SHARDED}-shard-0`, `${SHARDED}-shard-1`, `${SHARDED}-config-0`];
    const running = { cancelled: false, components: names.map((replicaSetName) => ({ replicaSetName })), deliveryType: 'download', expired: false, failed: false, id, links: self(SHARDED, id), snapshotId, timestamp: SNAPSHOT_TAKEN };
    expect(reply.body).toEqual(running);
    clock.ms = T0 + STEP;
    expect(await read(SHARDED, id)).toEqual({
      ...running,
      components: names.map((replicaSetName) => ({ downloadUrl: tokenUrl(snapshotId, SHARDED, id, replicaSetName), replicaSetName })),
      expiresAt: iso(T0 + STEP + 48 * 3_600_000),
      finishedAt: iso(T0 + STEP),
    });
  });

  it('refuses bodies that break the schema or its rules with VALIDATION_ERROR, INVALID_ATTRIBUTE or MISSING_ATTRIBUTE', async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const target = { targetClusterName: C, targetGroupId: P };
    const field = (name: string, description: string) => [{ field: name, description }];
    const cases: [unknown, ReturnType<typeof badRequest>][] = [
      [{ snapshotId }, badRequest('MISSING_ATTRIBUTE', 'The required attribute deliveryType was not specified.', field('deliveryType', 'must be specified'))],
      [{ deliveryType: 'teleport', snapshotId }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute deliveryType specified: must be one of automated, download, pointInTime.', field('deliveryType', 'must be one of automated, download, pointInTime'))],
      [{ deliveryType: 'download' }, badRequest('MISSING_ATTRIBUTE', 'The required attribute snapshotId was not specified.', field('snapshotId', 'must be specified'))],
      [{ deliveryType: 'automated', snapshotId, targetGroupId: P }, badRequest('MISSING_ATTRIBUTE', 'The required attribute targetClusterName was not specified.', field('targetClusterName', 'must be specified'))],
      [{ deliveryType: 'automated', snapshotId, targetClusterName: C }, badRequest('MISSING_ATTRIBUTE', 'The required attribute targetGroupId was not specified.', field('targetGroupId', 'must be specified'))],
      [{ deliveryType: 'automated', snapshotId, ...target, targetGroupId: 'nope' }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute targetGroupId specified: must match ^[a-f0-9]{24}$.', field('targetGroupId', 'must match ^[a-f0-9]{24}$'))],
      [{ deliveryType: 'download', snapshotId, targetClusterName: C }, badRequest('VALIDATION_ERROR', 'A download restore names no target cluster: targetClusterName cannot be specified.', field('targetClusterName', 'not for a download'))],
      [{ deliveryType: 'automated', snapshotId, ...target, pointInTimeUTCSeconds: 1_700_000_000 }, badRequest('VALIDATION_ERROR', 'pointInTimeUTCSeconds applies to a pointInTime restore only.', field('pointInTimeUTCSeconds', 'pointInTime only'))],
      [{ deliveryType: 'pointInTime', ...target }, badRequest('MISSING_ATTRIBUTE', 'The required attribute pointInTimeUTCSeconds was not specified.', field('pointInTimeUTCSeconds', 'must be specified'))],
      [
        { deliveryType: 'pointInTime', ...target, pointInTimeUTCSeconds: 1_700_000_000, oplogTs: 1_700_000_000, oplogInc: 1 },
        badRequest('VALIDATION_ERROR', 'Specify either pointInTimeUTCSeconds or oplogTs with oplogInc, not both.', [
          { field: 'pointInTimeUTCSeconds', description: 'exclusive with the oplog timestamp' },
          { field: 'oplogTs', description: 'exclusive with pointInTimeUTCSeconds' },
        ]),
      ],
      [{ deliveryType: 'pointInTime', ...target, oplogTs: 1_700_000_000 }, badRequest('MISSING_ATTRIBUTE', 'The required attribute oplogInc was not specified.', field('oplogInc', 'must be specified'))],
      [{ deliveryType: 'pointInTime', ...target, oplogTs: 1_700_000_000, oplogInc: 0 }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute oplogInc specified: must be at least 1.', field('oplogInc', 'must be at least 1'))],
      [{ deliveryType: 'pointInTime', ...target, pointInTimeUTCSeconds: 1_000 }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute pointInTimeUTCSeconds specified: must be at least 1199145600.', field('pointInTimeUTCSeconds', 'must be at least 1199145600'))],
      [{ deliveryType: 'pointInTime', ...target, pointInTimeUTCSeconds: T0 / 1000 + 60 }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute pointInTimeUTCSeconds specified: must not be in the future.', field('pointInTimeUTCSeconds', 'must not be in the future'))],
      [{ deliveryType: 'pointInTime', ...target, pointInTimeUTCSeconds: '1700000000' }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute pointInTimeUTCSeconds specified: must be an integer.', field('pointInTimeUTCSeconds', 'must be an integer'))],
      [{ deliveryType: 'download', snapshotId, cancelled: false }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute cancelled specified: this operation does not take it.', field('cancelled', 'this operation does not take it'))],
      [[{ deliveryType: 'download', snapshotId }], badRequest('VALIDATION_ERROR', 'The request body must be a JSON object.')],
    ];
    for (const [body, error] of cases) expect({ body, reply: await create(body) }).toEqual({ body, reply: failed(error) });
    expect((await send(base(), 'POST', list(C), V2, undefined, { 'content-type': V2 })).body).toEqual(badRequest('VALIDATION_ERROR', 'A request body is required.'));
    expect((await get(base(), list(C), { accept: V2, 'content-type': V2 }, 'POST', '{"deliveryType":')).body).toEqual(badRequest('VALIDATION_ERROR', 'The request body is not valid JSON.'));
    // Nothing was created.
    expect(((await get(base(), list(C), { accept: V2 })).body as { totalCount: number }).totalCount).toBe(12);
  });

  it('answers INVALID_SNAPSHOT_ID, SNAPSHOT_NOT_FOUND and CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT', async () => {
    const otherClusters = sim().snapshots.completedId(P, SHARDED);
    const inProgress = sim().snapshots.inProgressId(P, C);
    const unknown = '0123456789abcdef01234567';
    expect((await create({ deliveryType: 'download', snapshotId: 'latest' })).body).toEqual(
      badRequest('INVALID_SNAPSHOT_ID', 'Invalid snapshot ID latest: expected a 24-hexadecimal digit string.'),
    );
    for (const snapshotId of [unknown, otherClusters]) {
      expect(await create({ deliveryType: 'download', snapshotId })).toEqual(failed(apiError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${snapshotId} exists for cluster ${C}.`, 'Not Found')));
    }
    expect((await create({ deliveryType: 'download', snapshotId: inProgress })).body).toEqual(
      badRequest('CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT', `Cannot start a restore job from snapshot ${inProgress}: the snapshot is not complete yet.`),
    );
  });

  it('answers CLUSTER_NOT_FOUND for an unknown source or target, and the read side\'s codes for clusters of other kinds', async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const unknownProject = '5f5f5f5f5f5f5f5f5f5f5f5f';
    const cases: [string, unknown, ReturnType<typeof apiError>][] = [
      [list('nope'), { deliveryType: 'download', snapshotId }, apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named nope exists in group ${P}.`, 'Not Found')],
      [list(C), { deliveryType: 'automated', snapshotId, targetClusterName: 'nope', targetGroupId: P }, apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named nope exists in group ${P}.`, 'Not Found')],
      [list(C), { deliveryType: 'automated', snapshotId, targetClusterName: C, targetGroupId: unknownProject }, apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named ${C} exists in group ${unknownProject}.`, 'Not Found')],
      [list(C, unknownProject), { deliveryType: 'download', snapshotId }, apiError(404, 'GROUP_NOT_FOUND', `No group with ID ${unknownProject} exists.`, 'Not Found')],
      [list(DEMO.clusters.FLEX), { deliveryType: 'download', snapshotId }, apiError(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', `Cluster ${DEMO.clusters.FLEX} is a flex cluster: use the flex cluster API.`, 'Bad Request')],
      [list(DEMO.today.free), { deliveryType: 'download', snapshotId }, apiError(400, 'FEATURE_UNSUPPORTED', `Cloud Backup is not available for the tenant cluster ${DEMO.today.free}.`, 'Bad Request')],
      // A cluster on Legacy Backup has no Cloud Backup snapshot.
      [list(DEMO.clusters.LEGACY_BACKUP), { deliveryType: 'download', snapshotId }, apiError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${snapshotId} exists for cluster ${DEMO.clusters.LEGACY_BACKUP}.`, 'Not Found')],
    ];
    for (const [path, body, error] of cases) expect({ path, reply: await send(base(), 'POST', path, V2, body) }).toEqual({ path, reply: failed(error) });
  });

  it('takes the versioned media type only: 406 for another Accept, 415 for another Content-Type', async () => {
    const body = JSON.stringify({ deliveryType: 'download', snapshotId: sim().snapshots.completedId(P, C) });
    const unsupported = (sent: string) => apiError(415, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported Content-Type ${sent}: this resource takes ${V2}.`, 'Unsupported Media Type');
    const replies = [
      await get(base(), list(C), { accept: V2, 'content-type': 'application/json' }, 'POST', body),
      await get(base(), list(C), { accept: V2, 'content-type': 'application/vnd.atlas.2024-11-13+json' }, 'POST', body),
      await get(base(), list(C), { accept: V2 }, 'POST', body),
      await get(base(), list(C), { accept: 'application/json', 'content-type': V2 }, 'POST', body),
      await get(base(), list(C), { accept: V2, 'content-type': `${V2}; charset=utf-8` }, 'POST', body),
    ];
    expect(replies.map((r) => [r.status, r.body])).toEqual([
      [415, unsupported('"application/json"')],
      [415, unsupported('"application/vnd.atlas.2024-11-13+json"')],
      [415, unsupported('(none)')],
      [406, apiError(406, 'INVALID_VERSION_DATE', 'Invalid accept header or version date.', 'Not Acceptable')],
      [200, expect.objectContaining({ deliveryType: 'download' })],
    ]);
    expect(sim().calls.map((c) => [c.method, c.contentType, c.status])).toEqual([
      ['POST', 'application/json', 415],
      ['POST', 'application/vnd.atlas.2024-11-13+json', 415],
      ['POST', undefined, 415],
      ['POST', V2, 406],
      ['POST', `${V2}; charset=utf-8`, 200],
    ]);
  });
});

describe('cancelGroupClusterBackupRestoreJob', () => {
  const cancel = (id: string, cluster = C) => send(base(), 'DELETE', `${list(cluster)}/${id}`, V2);
  const noContent = { status: 204, contentType: undefined, wwwAuthenticate: undefined, body: '' };

  it('cancels a download job (204, no body): it reads cancelled, stops where it was, and cancelling again is 204', async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const id = idOf(await create({ deliveryType: 'download', snapshotId }));
    clock.ms = T0 + STEP / 2;
    expect(await cancel(id)).toEqual(noContent);
    clock.ms = T0 + 10 * STEP;
    expect(await read(C, id)).toEqual({ cancelled: true, deliveryType: 'download', expired: false, failed: false, id, links: self(C, id), snapshotId, timestamp: SNAPSHOT_TAKEN });
    expect(await cancel(id)).toEqual(noContent);
    expect(sim().calls.filter((c) => c.method === 'DELETE').map((c) => [c.path, c.accept, c.status])).toEqual([
      [`${list(C)}/${id}`, V2, 204],
      [`${list(C)}/${id}`, V2, 204],
    ]);
  });

  it('cancels a seeded download job; the seed reads cancelled from then on', async () => {
    const seeded = seedCluster(P, C).cloudBackup![1]!;
    expect([seeded.deliveryType, seeded.cancelled, seeded.finishedAt]).toEqual(['download', false, undefined]);
    expect(await cancel(seeded.id!)).toEqual(noContent);
    expect(await read(C, seeded.id!)).toEqual({ ...seeded, cancelled: true });
  });

  it('refuses automated and point-in-time jobs, one shard\'s job of a sharded restore, and unknown jobs', async () => {
    const jobs = seedCluster(P, C).cloudBackup!;
    const automated = jobs.find((j) => j.deliveryType === 'automated')!.id!;
    const pit = jobs.find((j) => j.deliveryType === 'pointInTime')!.id!;
    const shardedJob = seedCluster(P, SHARDED).cloudBackup![0]!;
    const shardJob = shardRestoreJobId(shardedJob.id!, shardedJob.components![1]!.replicaSetName!);
    const created = idOf(await create({ deliveryType: 'download', snapshotId: sim().snapshots.completedId(P, SHARDED) }, SHARDED));
    const createdShardJob = shardRestoreJobId(created, `${SHARDED}-config-0`);
    const unknown = '0123456789abcdef01234567';
    const notDownload = (id: string) => badRequest('CANNOT_CANCEL_AUTOMATED_RESTORE', `Restore job ${id} is not a download restore: only download restore jobs can be cancelled.`);
    const shard = (id: string) => apiError(405, 'ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED', `Restore job ${id} is one shard's job of a sharded restore: cancel the restore job instead.`, 'Method Not Allowed');
    expect([await cancel(automated), await cancel(pit), await cancel(shardJob, SHARDED), await cancel(createdShardJob, SHARDED), await cancel(unknown)]).toEqual([
      failed(notDownload(automated)),
      failed(notDownload(pit)),
      failed(shard(shardJob)),
      failed(shard(createdShardJob)),
      failed(apiError(404, 'RESTORE_JOB_NOT_FOUND', `No restore job with ID ${unknown} exists in ${C}.`, 'Not Found')),
    ]);
    // A shard's job cannot be read either; the listed job can be cancelled.
    expect((await get(base(), `${list(SHARDED)}/${shardJob}`, { accept: V2 })).status).toBe(404);
    expect(await cancel(shardedJob.id!, SHARDED)).toEqual(noContent);
  });

  it('answers the cluster rules first, as the reads do', async () => {
    expect((await cancel('0123456789abcdef01234567', 'nope')).body).toEqual(apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named nope exists in group ${P}.`, 'Not Found'));
    expect((await send(base(), 'DELETE', `/api/atlas/v2/groups/${P}/clusters/${DEMO.clusters.SERVERLESS}/backup/restoreJobs/0123456789abcdef01234567`, V2)).body).toEqual(
      apiError(400, 'CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API', `${DEMO.clusters.SERVERLESS} is a serverless instance: use the serverless instance API.`, 'Bad Request'),
    );
  });
});
