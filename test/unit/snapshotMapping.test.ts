import {
  byteCount,
  cloudBackupSnapshot,
  cloudBackupSnapshotType,
  CLOUD_BACKUP_SNAPSHOT_STATUS,
  FLEX_SNAPSHOT_STATUS,
  flexSnapshot,
  legacyBackupSnapshot,
  legacySnapshotStatus,
  snapshotStatus,
} from '../../src/clusters/snapshots/mapping';
import { decodeSnapshotId, encodeSnapshotId, isSnapshotGlobalId } from '../../src/clusters/snapshots/snapshotGlobalId';
import { chooseSnapshotList } from '../../src/clusters/snapshots/SnapshotReader';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';

/** The snapshot vocabularies (DESIGN.md, "Reads across a project"), the mappers and the list choice, with literals. */

const P = '65f1c0de2a4b6c8d0e1f2a3b';
const S = '69706b60044a0cd608000001';

describe('snapshot status', () => {
  it.each([
    ['queued', 'QUEUED'],
    ['inProgress', 'IN_PROGRESS'],
    ['completed', 'COMPLETED'],
    ['failed', 'FAILED'],
    ['COMPLETED', 'UNKNOWN'],
    ['toString', 'UNKNOWN'],
    ['', 'UNKNOWN'],
  ])('Cloud Backup %p is %p, the word kept', (word, status) => {
    expect(snapshotStatus(CLOUD_BACKUP_SNAPSHOT_STATUS, word)).toEqual({ status, atlasStatus: word === '' ? '' : word });
  });

  it.each([
    ['PENDING', 'QUEUED'],
    ['QUEUED', 'QUEUED'],
    ['RUNNING', 'IN_PROGRESS'],
    ['COMPLETED', 'COMPLETED'],
    ['FAILED', 'FAILED'],
    ['running', 'UNKNOWN'],
    ['CANCELLED', 'UNKNOWN'],
  ])('flex %p is %p, the word kept', (word, status) => {
    expect(snapshotStatus(FLEX_SNAPSHOT_STATUS, word)).toEqual({ status, atlasStatus: word });
  });

  it('no word, or not a string: UNKNOWN with no atlasStatus', () => {
    expect([undefined, null, 3, true, {}].map((word) => snapshotStatus(CLOUD_BACKUP_SNAPSHOT_STATUS, word))).toEqual(Array(5).fill({ status: 'UNKNOWN', atlasStatus: null }));
  });

  it('legacy: complete true is COMPLETED, false IN_PROGRESS, anything else UNKNOWN', () => {
    expect([true, false, undefined, 'true', 1, null].map(legacySnapshotStatus)).toEqual(['COMPLETED', 'IN_PROGRESS', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN']);
  });
});

describe('snapshot type and size', () => {
  it('Cloud Backup snapshotType: onDemand, scheduled, fallback; anything else UNKNOWN', () => {
    expect(['onDemand', 'scheduled', 'fallback', 'ON_DEMAND', 'hourly', undefined, 7].map(cloudBackupSnapshotType)).toEqual([
      'ON_DEMAND',
      'SCHEDULED',
      'FALLBACK',
      'UNKNOWN',
      'UNKNOWN',
      'UNKNOWN',
      'UNKNOWN',
    ]);
  });

  it('sizes are safe integers >= 0, else null (SafeInt)', () => {
    expect([0, 2_600_000_000, 9_007_199_254_740_991, 9_007_199_254_740_992, -1, 1.5, '5', NaN].map(byteCount)).toEqual([0, 2_600_000_000, 9_007_199_254_740_991, null, null, null, null, null]);
  });
});

describe('the mappers', () => {
  const at = { projectId: P, clusterName: 'c-0' };

  it('a Cloud Backup body, whole', () => {
    expect(
      cloudBackupSnapshot(
        { id: S, status: 'completed', snapshotType: 'onDemand', createdAt: '2026-01-20T06:00:00Z', expiresAt: '2026-01-27T06:00:00Z', storageSizeBytes: 2_637_000_000, mongodVersion: '8.0.4', cloudProvider: 'AWS' },
        { list: 'CLOUD_BACKUP_REPLICA_SET', ...at },
      ),
    ).toEqual({
      id: encodeSnapshotId({ list: 'CLOUD_BACKUP_REPLICA_SET', ...at, snapshotId: S }),
      snapshotId: S,
      kind: 'CLOUD_BACKUP',
      list: 'CLOUD_BACKUP_REPLICA_SET',
      projectId: P,
      clusterName: 'c-0',
      status: 'COMPLETED',
      atlasStatus: 'completed',
      createdAt: new Date('2026-01-20T06:00:00Z'),
      expiresAt: new Date('2026-01-27T06:00:00Z'),
      type: 'ON_DEMAND',
      sizeBytes: 2_637_000_000,
      mongoDBVersion: '8.0.4',
    });
  });

  it('a flex body: startTime, else scheduledTime; no size; SCHEDULED', () => {
    const loc = { list: 'FLEX' as const, ...at };
    expect([
      flexSnapshot({ id: S, status: 'PENDING', scheduledTime: '2026-01-20T06:00:00Z', expiration: '2026-01-28T06:00:00Z', mongoDBVersion: '8.0.4' }, loc),
      flexSnapshot({ id: S, status: 'RUNNING', scheduledTime: '2026-01-20T06:00:00Z', startTime: '2026-01-20T06:00:30Z' }, loc),
    ].map((m) => m && [m.kind, m.status, m.atlasStatus, m.createdAt, m.expiresAt, m.type, m.sizeBytes, m.mongoDBVersion])).toEqual([
      ['FLEX', 'QUEUED', 'PENDING', new Date('2026-01-20T06:00:00Z'), new Date('2026-01-28T06:00:00Z'), 'SCHEDULED', null, '8.0.4'],
      ['FLEX', 'IN_PROGRESS', 'RUNNING', new Date('2026-01-20T06:00:30Z'), null, 'SCHEDULED', null, null],
    ]);
  });

  it('a legacy body: its parts summed, the first version found, created.date', () => {
    const m = legacyBackupSnapshot(
      { id: S, complete: true, created: { date: '2026-01-20T06:00:00Z', increment: 1_199_145_601 }, parts: [{ storageSizeBytes: 10 }, { storageSizeBytes: 'x' as unknown as number, mongodVersion: '7.0.1' }, { storageSizeBytes: 5, mongodVersion: '7.0.2' }] },
      { list: 'LEGACY_BACKUP', ...at },
    );
    expect(m && [m.kind, m.status, m.atlasStatus, m.createdAt, m.expiresAt, m.type, m.sizeBytes, m.mongoDBVersion]).toEqual(['LEGACY_BACKUP', 'COMPLETED', null, new Date('2026-01-20T06:00:00Z'), null, 'SCHEDULED', 15, '7.0.1']);
  });

  it('a body without a usable id is null; malformed fields are null, never an error', () => {
    const loc = { list: 'CLOUD_BACKUP_SHARDED' as const, ...at };
    const hostile = { id: S, createdAt: 'yesterday', expiresAt: '2026-02-30T00:00:00Z', storageSizeBytes: -3, status: 7, snapshotType: null, mongodVersion: 8 } as unknown as Parameters<typeof cloudBackupSnapshot>[0];
    const m = cloudBackupSnapshot(hostile, loc);
    expect([cloudBackupSnapshot({ id: 'abc' }, loc), legacyBackupSnapshot({}, { list: 'LEGACY_BACKUP', ...at }), m && [m.createdAt, m.expiresAt, m.sizeBytes, m.status, m.atlasStatus, m.type, m.mongoDBVersion]]).toEqual([
      null,
      null,
      [null, null, null, 'UNKNOWN', null, 'UNKNOWN', null],
    ]);
  });
});

describe('snapshot global ids', () => {
  it('round-trip; a restore job id is not one; a forged one decodes to null', () => {
    const ref = { list: 'LEGACY_BACKUP' as const, projectId: P, clusterName: 'legacy-cluster-0', snapshotId: S };
    const id = encodeSnapshotId(ref);
    const forged = Buffer.from(`BackupSnapshot:SERVERLESS:${P}:x:${S}`).toString('base64url');
    const job = encodeGlobalId({ kind: 'FLEX', projectId: P, clusterName: 'x', jobId: S });
    expect([id, decodeSnapshotId(id), isSnapshotGlobalId(job), decodeSnapshotId(job), isSnapshotGlobalId(forged), decodeSnapshotId(forged), decodeSnapshotId('!!')]).toEqual([
      Buffer.from(`BackupSnapshot:LEGACY_BACKUP:${P}:legacy-cluster-0:${S}`).toString('base64url'),
      ref,
      false,
      null,
      true,
      null,
      null,
    ]);
  });
});

describe('which list holds a cluster\'s snapshots', () => {
  it.each([
    ['LEGACY_BACKUP', null, { type: 'list', list: 'LEGACY_BACKUP' }],
    ['FLEX', null, { type: 'list', list: 'FLEX' }],
    ['CLOUD_BACKUP', { kind: 'CLOUD_BACKUP', clusterType: 'REPLICASET' }, { type: 'list', list: 'CLOUD_BACKUP_REPLICA_SET' }],
    ['CLOUD_BACKUP', { kind: 'CLOUD_BACKUP', clusterType: 'SHARDED' }, { type: 'list', list: 'CLOUD_BACKUP_SHARDED' }],
    ['CLOUD_BACKUP', { kind: 'CLOUD_BACKUP', clusterType: 'GEOSHARDED' }, { type: 'list', list: 'CLOUD_BACKUP_SHARDED' }],
    ['CLOUD_BACKUP', { kind: 'CLOUD_BACKUP', clusterType: null }, { type: 'list', list: 'CLOUD_BACKUP_REPLICA_SET' }],
    [null, { kind: 'FLEX', clusterType: 'REPLICASET' }, { type: 'list', list: 'FLEX' }],
    [null, { kind: null, clusterType: 'REPLICASET' }, { type: 'none' }],
    [null, { kind: 'SHARED_TIER', clusterType: 'REPLICASET' }, { type: 'retired', kind: 'SHARED_TIER' }],
    ['SERVERLESS', { kind: 'SERVERLESS', clusterType: null }, { type: 'retired', kind: 'SERVERLESS' }],
    ['SERVERLESS', { kind: 'CLOUD_BACKUP', clusterType: 'SHARDED' }, { type: 'list', list: 'CLOUD_BACKUP_SHARDED' }],
    ['SHARED_TIER', { kind: 'FLEX', clusterType: 'REPLICASET' }, { type: 'list', list: 'FLEX' }],
  ] as const)('%p on %j -> %j', (requested, cluster, choice) => {
    expect(chooseSnapshotList(requested, cluster)).toEqual(choice);
  });
});
