import { DEMO } from '../../src/simulator';
import { apiError, badRequest, FLEX_V2, get, iso, send, useClockedSimulator, V2 } from '../support/simulatorHttp';

/**
 * Flex writes (restore-jobs.openapi.yaml, media type 2024-11-13): createGroupFlexClusterBackupRestoreJob and
 * downloadGroupFlexClusterBackup, both answering a `FlexBackupRestoreJob20241113` that then moves
 * PENDING → QUEUED → RUNNING → COMPLETED, one state per step.
 */

const P = DEMO.projectId;
const C = DEMO.clusters.FLEX;
const TARGET = DEMO.today.formerM2;
const T0 = Date.UTC(2026, 1, 2, 9, 0, 0);
const STEP = 10_000;
const { sim, base, clock } = useClockedSimulator(T0, STEP);

const backup = (cluster = C) => `/api/atlas/v2/groups/${P}/flexClusters/${cluster}/backup`;
const self = (id: string) => [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${P}/flexClusters/${C}/backup/restoreJobs/${id}`, rel: 'self' }];
const read = async (id: string) => (await get(base(), `${backup()}/restoreJobs/${id}`, { accept: FLEX_V2 })).body;
const idOf = (reply: { body: unknown }): string => (reply.body as { id: string }).id;
/** When the newest completed flex snapshot finished. */
const SNAPSHOT_FINISHED = '2026-01-20T06:06:00Z';

describe('createGroupFlexClusterBackupRestoreJob', () => {
  it('restores a snapshot onto a target, PENDING, then QUEUED, RUNNING and COMPLETED a step apart', async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const reply = await send(base(), 'POST', `${backup()}/restoreJobs`, FLEX_V2, { snapshotId, targetDeploymentItemName: TARGET, targetProjectId: P });
    const id = idOf(reply);
    const job = (status: string) => ({
      deliveryType: 'RESTORE',
      id,
      instanceName: C,
      links: self(id),
      projectId: P,
      restoreScheduledDate: iso(T0),
      snapshotFinishedDate: SNAPSHOT_FINISHED,
      snapshotId,
      status,
      targetDeploymentItemName: TARGET,
      targetProjectId: P,
    });
    expect(reply).toEqual({ status: 200, contentType: FLEX_V2, wwwAuthenticate: undefined, body: job('PENDING') });
    const seen: unknown[] = [];
    for (const step of [1, 2, 3, 4]) {
      clock.ms = T0 + step * STEP;
      seen.push(await read(id));
    }
    expect(seen).toEqual([job('QUEUED'), job('RUNNING'), { ...job('COMPLETED'), restoreFinishedDate: iso(T0 + 3 * STEP) }, { ...job('COMPLETED'), restoreFinishedDate: iso(T0 + 3 * STEP) }]);
    expect(((await get(base(), `${backup()}/restoreJobs?itemsPerPage=1`, { accept: FLEX_V2 })).body as { results: { id: string }[]; totalCount: number })).toMatchObject({
      results: [{ id }],
      totalCount: 11,
    });
  });

  it('defaults the target project to the source\'s, and refuses a target that is restoring (409) or unknown (404)', async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const first = await send(base(), 'POST', `${backup()}/restoreJobs`, FLEX_V2, { snapshotId, targetDeploymentItemName: TARGET });
    expect((first.body as { targetProjectId: string }).targetProjectId).toBe(P);
    expect((await send(base(), 'POST', `${backup()}/restoreJobs`, FLEX_V2, { snapshotId, targetDeploymentItemName: TARGET })).body).toEqual(
      apiError(409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', `A restore onto cluster ${TARGET} in group ${P} is already in progress.`, 'Conflict'),
    );
    expect((await send(base(), 'POST', `${backup()}/restoreJobs`, FLEX_V2, { snapshotId, targetDeploymentItemName: 'flex-restore-target' })).body).toEqual(
      apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named flex-restore-target exists in group ${P}.`, 'Not Found'),
    );
  });

  it('refuses bodies against FlexBackupRestoreJobCreate20241113 (its readOnly fields included) and incomplete snapshots', async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const field = (name: string, description: string) => [{ field: name, description }];
    const cases: [unknown, unknown][] = [
      [{ targetDeploymentItemName: TARGET }, badRequest('MISSING_ATTRIBUTE', 'The required attribute snapshotId was not specified.', field('snapshotId', 'must be specified'))],
      [{ snapshotId }, badRequest('MISSING_ATTRIBUTE', 'The required attribute targetDeploymentItemName was not specified.', field('targetDeploymentItemName', 'must be specified'))],
      [{ snapshotId, targetDeploymentItemName: TARGET, deliveryType: 'RESTORE' }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute deliveryType specified: this operation does not take it.', field('deliveryType', 'this operation does not take it'))],
      [{ snapshotId, targetDeploymentItemName: 'has spaces' }, badRequest('INVALID_ATTRIBUTE', "Invalid attribute targetDeploymentItemName specified: must match ^[\\p{L}\\p{N}\\-_.(),:&@+']{1,64}$.", field('targetDeploymentItemName', "must match ^[\\p{L}\\p{N}\\-_.(),:&@+']{1,64}$"))],
      [{ snapshotId, targetDeploymentItemName: TARGET, targetProjectId: 'p' }, badRequest('INVALID_ATTRIBUTE', 'Invalid attribute targetProjectId specified: must match ^[a-f0-9]{24}$.', field('targetProjectId', 'must match ^[a-f0-9]{24}$'))],
      [{ snapshotId: sim().snapshots.inProgressId(P, C), targetDeploymentItemName: TARGET }, badRequest('CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT', `Cannot start a restore job from snapshot ${sim().snapshots.inProgressId(P, C)}: the snapshot is not complete yet.`)],
      [{ snapshotId: sim().snapshots.completedId(P, TARGET), targetDeploymentItemName: TARGET }, apiError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${sim().snapshots.completedId(P, TARGET)} exists for cluster ${C}.`, 'Not Found')],
    ];
    for (const [body, error] of cases) expect({ body, reply: (await send(base(), 'POST', `${backup()}/restoreJobs`, FLEX_V2, body)).body }).toEqual({ body, reply: error });
    expect(sim().jobs.all()).toEqual([]);
  });

  it('is a 2024-11-13 resource: the 2023-01-01 media type is refused in Accept (406) and in Content-Type (415)', async () => {
    const body = JSON.stringify({ snapshotId: sim().snapshots.completedId(P, C), targetDeploymentItemName: TARGET });
    const wrongAccept = await get(base(), `${backup()}/restoreJobs`, { accept: V2, 'content-type': FLEX_V2 }, 'POST', body);
    const wrongType = await get(base(), `${backup()}/restoreJobs`, { accept: FLEX_V2, 'content-type': V2 }, 'POST', body);
    expect([wrongAccept.body, wrongType.body]).toEqual([
      apiError(406, 'INVALID_VERSION_DATE', 'Invalid accept header or version date.', 'Not Acceptable'),
      apiError(415, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported Content-Type "${V2}": this resource takes ${FLEX_V2}.`, 'Unsupported Media Type'),
    ]);
  });

  it("answers the flex API's codes for clusters it does not serve", async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const body = { snapshotId, targetDeploymentItemName: TARGET };
    expect((await send(base(), 'POST', `${backup(DEMO.clusters.CLOUD_BACKUP)}/restoreJobs`, FLEX_V2, body)).body).toEqual(
      apiError(400, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API', `Cluster ${DEMO.clusters.CLOUD_BACKUP} is not a flex cluster: use the cluster API.`, 'Bad Request'),
    );
    expect((await send(base(), 'POST', `${backup('nope')}/download`, FLEX_V2, { snapshotId })).body).toEqual(
      apiError(404, 'FLEX_CLUSTER_NOT_FOUND', `Flex cluster nope cannot be found in group ${P}.`, 'Not Found'),
    );
  });
});

describe('downloadGroupFlexClusterBackup', () => {
  it('answers a DOWNLOAD job that expires four hours after the request and has its snapshot URL once completed', async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    const reply = await send(base(), 'POST', `${backup()}/download`, FLEX_V2, { snapshotId });
    const id = idOf(reply);
    const pending = {
      deliveryType: 'DOWNLOAD',
      expirationDate: iso(T0 + 4 * 3_600_000),
      id,
      instanceName: C,
      links: self(id),
      projectId: P,
      restoreScheduledDate: iso(T0),
      snapshotFinishedDate: SNAPSHOT_FINISHED,
      snapshotId,
      status: 'PENDING',
      targetDeploymentItemName: C,
      targetProjectId: P,
    };
    expect(reply).toEqual({ status: 200, contentType: FLEX_V2, wwwAuthenticate: undefined, body: pending });
    clock.ms = T0 + 3 * STEP;
    expect(await read(id)).toEqual({
      ...pending,
      restoreFinishedDate: iso(T0 + 3 * STEP),
      snapshotUrl: expect.stringMatching(new RegExp(`^https://restore-${snapshotId}\\.mongodb\\.net:27017/${C}/${id}/snapshot\\.tar\\.gz\\?token=sim-[0-9a-f]{32}$`)),
      status: 'COMPLETED',
    });
  });

  it('takes FlexBackupSnapshotDownloadCreate20241113: a snapshotId and nothing else', async () => {
    const snapshotId = sim().snapshots.completedId(P, C);
    expect((await send(base(), 'POST', `${backup()}/download`, FLEX_V2, {})).body).toEqual(
      badRequest('MISSING_ATTRIBUTE', 'The required attribute snapshotId was not specified.', [{ field: 'snapshotId', description: 'must be specified' }]),
    );
    expect((await send(base(), 'POST', `${backup()}/download`, FLEX_V2, { snapshotId, targetDeploymentItemName: C })).body).toEqual(
      badRequest('INVALID_ATTRIBUTE', 'Invalid attribute targetDeploymentItemName specified: this operation does not take it.', [{ field: 'targetDeploymentItemName', description: 'this operation does not take it' }]),
    );
    // A download writes to no cluster, so a restore running onto the source does not stop it.
    expect((await send(base(), 'POST', `${backup()}/restoreJobs`, FLEX_V2, { snapshotId, targetDeploymentItemName: C })).status).toBe(200);
    expect((await send(base(), 'POST', `${backup()}/download`, FLEX_V2, { snapshotId })).status).toBe(200);
  });
});
