import { AtlasApiError, AtlasTransportError } from '../../src/atlas/errors';
import type { RestoreJobModel } from '../../src/restoreJobs/RestoreJobModel';
import { atlasRefusal } from '../../src/restoreJobs/writes/atlasRefusals';
import { MemoryIdempotencyStore, type IdempotencyRecord } from '../../src/restoreJobs/writes/idempotency';
import { matchingJobs } from '../../src/restoreJobs/writes/reconcile';

describe("Atlas's create and cancel refusals as userErrors (DESIGN.md's list)", () => {
  it.each([
    [400, 'VALIDATION_ERROR', 'INVALID_INPUT'],
    [400, 'INVALID_ATTRIBUTE', 'INVALID_INPUT'],
    [400, 'MISSING_ATTRIBUTE', 'INVALID_INPUT'],
    [404, 'CLUSTER_NOT_FOUND', 'CLUSTER_NOT_FOUND'],
    [404, 'FLEX_CLUSTER_NOT_FOUND', 'CLUSTER_NOT_FOUND'],
    [404, 'SNAPSHOT_NOT_FOUND', 'SNAPSHOT_NOT_FOUND'],
    [400, 'INVALID_SNAPSHOT_ID', 'SNAPSHOT_NOT_FOUND'],
    [400, 'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT', 'SNAPSHOT_NOT_READY'],
    [409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', 'RESTORE_IN_PROGRESS'],
    [400, 'CANNOT_CANCEL_AUTOMATED_RESTORE', 'NOT_CANCELLABLE'],
    [400, 'ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED', 'NOT_CANCELLABLE'],
    [404, 'RESTORE_JOB_NOT_FOUND', 'JOB_NOT_FOUND'],
    [410, 'VERSION_GONE', 'KIND_RETIRED'],
    [409, 'SOMETHING_NEW', 'INVALID_INPUT'],
  ])('%i %s is %s, the code kept', (status, errorCode, code) => {
    expect(atlasRefusal(new AtlasApiError(status, errorCode, 'why'))).toEqual({ field: null, message: `Atlas refused the request (${status} ${errorCode}): why`, code, atlasErrorCode: errorCode, quotesAtlas: true });
  });

  it('auth, rate limits, 5xx and transport failures stay top-level (null)', () => {
    const errors = [new AtlasApiError(401, 'UNAUTHORIZED', null), new AtlasApiError(403, 'FORBIDDEN', null), new AtlasApiError(429, 'RATE_LIMITED', null), new AtlasApiError(500, null, null), new AtlasTransportError('reset', 'reset')];
    expect(errors.map(atlasRefusal)).toEqual([null, null, null, null, null]);
  });
});

describe('reconciling a lost answer', () => {
  const job = (jobId: string, extra: Partial<RestoreJobModel> = {}) =>
    ({ kind: 'CLOUD_BACKUP', jobId, deliveryType: 'DOWNLOAD', snapshotId: 'snap', targetClusterName: null, targetProjectId: null, ...extra }) as RestoreJobModel;
  const hex = (seconds: number, n: number) => `${seconds.toString(16).padStart(8, '0')}0000000000${n.toString(16).padStart(6, '0')}`;
  const request = { snapshotId: 'snap', targetProjectId: null, targetClusterName: null, pointInTime: null, oplog: null };

  it('takes the newest job of the same snapshot and delivery created no earlier than the first try minus 5 s', () => {
    const t = 1_800_000_000;
    const jobs = [job(hex(t - 6, 1)), job(hex(t - 4, 2)), job(hex(t, 3), { snapshotId: 'other' }), job(hex(t, 4), { deliveryType: 'AUTOMATED' }), job(hex(t - 1, 5))];
    expect(matchingJobs(jobs, 'DOWNLOAD', request, t * 1000 + 999).map((j) => j.jobId)).toEqual([hex(t - 1, 5)]);
    expect(matchingJobs(jobs.slice(0, 1), 'DOWNLOAD', request, t * 1000)).toEqual([]);
  });
});

describe('the in-process idempotency store', () => {
  const record: IdempotencyRecord = { fingerprint: 'f', state: 'pending', firstTryAtMs: 1, claimedAtMs: 1, owner: 'o', jobs: [] };

  it('claims once, compares-and-sets on the exact record, and forgets the least recently used past its bound', async () => {
    const store = new MemoryIdempotencyStore(2);
    expect(await store.claim('a', record)).toBeNull();
    const held = await store.claim('a', { ...record, owner: 'other' });
    expect(held?.record).toEqual(record);
    expect(await store.replace('a', held!, { ...record, state: 'unknown' })).toBe(true);
    expect(await store.replace('a', held!, { ...record, state: 'done' })).toBe(false);
    await store.claim('b', record);
    await store.claim('c', record);
    expect([await store.get('a'), (await store.get('c'))?.record]).toEqual([null, record]);
  });
});
