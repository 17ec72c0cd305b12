import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import { cloudBackup } from '../../src/restoreJobs/cloudBackup';
import type { JobLocation } from '../../src/restoreJobs/RestoreJobModel';
import specExample from '../fixtures/cloudBackup/spec-example.json';
import readyDownload from '../fixtures/cloudBackup/replica-set-download-ready.json';
import shardedDownload from '../fixtures/cloudBackup/sharded-download.json';
import pitRunning from '../fixtures/cloudBackup/point-in-time-running.json';
import odd from '../fixtures/cloudBackup/unknown-and-minimal.json';

const PROJECT = '5e2211c17a3e5a48f5497de1';
const loc: JobLocation = { kind: 'CLOUD_BACKUP', projectId: PROJECT, clusterName: 'dedicated-0' };
const id = (jobId: string) => encodeGlobalId({ ...loc, jobId });
const d = (iso: string) => new Date(iso);

/** The model fields a body without them maps to. */
const EMPTY = {
  snapshotId: null,
  atlasStatus: null,
  createdAt: null,
  finishedAt: null,
  expiresAt: null,
  targetProjectId: null,
  targetClusterName: null,
  downloadUrls: [],
  links: [],
  cancelled: null,
  failed: null,
  expired: null,
  desiredTimestamp: null,
  oplogTimestamp: null,
  pointInTime: null,
  snapshotTakenAt: null,
  components: [],
  privateDownloadUrls: [],
};

describe('Cloud Backup mapper (DiskBackupSnapshotRestoreJob)', () => {
  it('maps a finished replica-set download with public and private URLs: COMPLETED and ready', () => {
    expect(cloudBackup.toModel(readyDownload, loc)).toEqual({
      id: id('6650e1f2c3d4e5f6a7b8c9d0'),
      jobId: '6650e1f2c3d4e5f6a7b8c9d0',
      kind: 'CLOUD_BACKUP',
      projectId: PROJECT,
      clusterName: 'dedicated-0',
      snapshotId: '6650e0aac3d4e5f6a7b8c000',
      status: 'COMPLETED',
      atlasStatus: null,
      isTerminal: true,
      deliveryType: 'DOWNLOAD',
      createdAt: null,
      finishedAt: d('2025-11-06T10:20:00Z'),
      expiresAt: d('2025-11-07T10:00:00Z'),
      targetProjectId: null,
      targetClusterName: null,
      downloadUrls: ['https://restore-6650e0aac3d4e5f6a7b8c000.mongodb.net:27017/dl/rs0.tar.gz?token=fixture-token-1'],
      links: [
        {
          href: 'https://cloud.mongodb.com/api/atlas/v2/groups/5e2211c17a3e5a48f5497de1/clusters/dedicated-0/backup/restoreJobs/6650e1f2c3d4e5f6a7b8c9d0',
          rel: 'self',
        },
      ],
      atlasDeliveryType: 'download',
      cancelled: false,
      failed: false,
      expired: false,
      desiredTimestamp: null,
      oplogTimestamp: null,
      pointInTime: null,
      snapshotTakenAt: d('2025-11-06T08:00:00Z'),
      components: [],
      privateDownloadUrls: [
        { url: 'https://restore-pl-0.mongodb.net:27017/dl/rs0.tar.gz?token=fixture-token-2', endpointId: 'vpce-3bf78b0ddee411ba1' },
      ],
      isReadyForDownload: true,
    });
  });

  it('maps a sharded download: one component per replica set, their URLs in downloadUrls, ready when each has one', () => {
    expect(cloudBackup.toModel(shardedDownload, loc)).toEqual({
      ...EMPTY,
      id: id('6650e1f2c3d4e5f6a7b8c9d1'),
      jobId: '6650e1f2c3d4e5f6a7b8c9d1',
      kind: 'CLOUD_BACKUP',
      projectId: PROJECT,
      clusterName: 'dedicated-0',
      snapshotId: '6650e0aac3d4e5f6a7b8c001',
      status: 'IN_PROGRESS',
      isTerminal: false,
      deliveryType: 'DOWNLOAD',
      downloadUrls: [
        'https://restore-6650e0aac3d4e5f6a7b8c001.mongodb.net:27017/dl/shard-0.tar.gz?token=fixture-token-3',
        'https://restore-6650e0aac3d4e5f6a7b8c001.mongodb.net:27017/dl/config.tar.gz?token=fixture-token-5',
      ],
      atlasDeliveryType: 'download',
      cancelled: false,
      failed: false,
      expired: false,
      components: [
        {
          replicaSetName: 'sharded-0-shard-0',
          downloadUrl: 'https://restore-6650e0aac3d4e5f6a7b8c001.mongodb.net:27017/dl/shard-0.tar.gz?token=fixture-token-3',
          privateDownloadUrls: [],
        },
        {
          replicaSetName: 'sharded-0-shard-1',
          downloadUrl: null,
          privateDownloadUrls: [
            { url: 'https://restore-pl-1.mongodb.net:27017/dl/shard-1.tar.gz?token=fixture-token-4', endpointId: 'vpce-0123456789abcdef0' },
          ],
        },
        {
          replicaSetName: 'sharded-0-config-0',
          downloadUrl: 'https://restore-6650e0aac3d4e5f6a7b8c001.mongodb.net:27017/dl/config.tar.gz?token=fixture-token-5',
          privateDownloadUrls: [],
        },
      ],
      isReadyForDownload: true,
    });
  });

  it('is not ready while one component of a sharded download lacks a URL', () => {
    const [first, second] = shardedDownload.components;
    const partial = { ...shardedDownload, components: [first!, { ...second!, privateDownloadDeliveryUrls: [] }] };
    expect(cloudBackup.toModel(partial, loc)?.isReadyForDownload).toBe(false);
  });

  it('maps a running point-in-time restore with its oplog point and target', () => {
    expect(cloudBackup.toModel(pitRunning, loc)).toEqual({
      ...EMPTY,
      id: id('6650e1f2c3d4e5f6a7b8c9d2'),
      jobId: '6650e1f2c3d4e5f6a7b8c9d2',
      kind: 'CLOUD_BACKUP',
      projectId: PROJECT,
      clusterName: 'dedicated-0',
      snapshotId: '6650e0aac3d4e5f6a7b8c002',
      status: 'IN_PROGRESS',
      isTerminal: false,
      deliveryType: 'POINT_IN_TIME',
      targetProjectId: '5e2211c17a3e5a48f5497de2',
      targetClusterName: 'restore-target-0',
      atlasDeliveryType: 'pointInTime',
      cancelled: false,
      failed: false,
      expired: false,
      desiredTimestamp: { date: d('2025-11-05T23:30:00Z'), increment: 1199145612 },
      oplogTimestamp: { date: d('2025-11-05T23:30:00Z'), increment: 12 },
      pointInTime: d('2025-11-05T23:30:00Z'),
      snapshotTakenAt: d('2025-11-05T22:00:00Z'),
      isReadyForDownload: false,
    });
  });

  it('maps the spec example: placeholder strings are not URLs, every field is read', () => {
    expect(cloudBackup.toModel(specExample, loc)).toEqual({
      id: id('32b6e34b3d91647abb20e7b8'),
      jobId: '32b6e34b3d91647abb20e7b8',
      kind: 'CLOUD_BACKUP',
      projectId: PROJECT,
      clusterName: 'dedicated-0',
      snapshotId: '32b6e34b3d91647abb20e7b8',
      status: 'COMPLETED',
      atlasStatus: null,
      isTerminal: true,
      deliveryType: 'AUTOMATED',
      createdAt: null,
      finishedAt: d('2025-05-04T09:42:00Z'),
      expiresAt: d('2025-05-04T09:42:00Z'),
      targetProjectId: '32b6e34b3d91647abb20e7b8',
      targetClusterName: 'string',
      downloadUrls: [],
      links: [{ href: 'https://cloud.mongodb.com/api/atlas', rel: 'self' }],
      atlasDeliveryType: 'automated',
      cancelled: false,
      failed: false,
      expired: false,
      desiredTimestamp: { date: d('2025-05-04T09:42:00Z'), increment: 1199145600 },
      oplogTimestamp: { date: d('2008-01-01T00:00:00Z'), increment: 1 },
      pointInTime: d('2008-01-01T00:00:00Z'),
      snapshotTakenAt: d('2025-05-04T09:42:00Z'),
      components: [{ replicaSetName: 'string', downloadUrl: null, privateDownloadUrls: [{ url: null, endpointId: 'vpce-3bf78b0ddee411ba1' }] }],
      privateDownloadUrls: [{ url: null, endpointId: 'vpce-3bf78b0ddee411ba1' }],
      isReadyForDownload: false,
    });
  });

  it('gives UNKNOWN delivery for an unknown word, empty or null for what is missing, and null without an id', () => {
    const [teleport, bareDownload, expired, noId] = odd;
    expect(cloudBackup.toModel(teleport!, loc)).toEqual({
      ...EMPTY,
      id: id('6650e1f2c3d4e5f6a7b8c9d3'),
      jobId: '6650e1f2c3d4e5f6a7b8c9d3',
      kind: 'CLOUD_BACKUP',
      projectId: PROJECT,
      clusterName: 'dedicated-0',
      status: 'IN_PROGRESS',
      isTerminal: false,
      deliveryType: 'UNKNOWN',
      atlasDeliveryType: 'teleport',
      components: [{ replicaSetName: null, downloadUrl: null, privateDownloadUrls: [] }],
      privateDownloadUrls: [{ url: null, endpointId: 'vpce-3bf78b0ddee411ba1' }],
      isReadyForDownload: false,
    });
    expect(cloudBackup.toModel(bareDownload!, loc)).toMatchObject({ status: 'IN_PROGRESS', deliveryType: 'DOWNLOAD', downloadUrls: [], isReadyForDownload: false });
    expect(cloudBackup.toModel(expired!, loc)).toMatchObject({
      status: 'EXPIRED',
      isTerminal: true,
      downloadUrls: ['https://dl.mongodb.net/x.tar.gz?token=t'],
      isReadyForDownload: false,
    });
    expect(cloudBackup.toModel(noId!, loc)).toBeNull();
  });

  it.each([
    [{ cancelled: true, failed: true, expired: true, finishedAt: '2025-01-01T00:00:00Z' }, 'CANCELLED'],
    [{ failed: true, expired: true, finishedAt: '2025-01-01T00:00:00Z' }, 'FAILED'],
    [{ expired: true, finishedAt: '2025-01-01T00:00:00Z' }, 'EXPIRED'],
    [{ finishedAt: '2025-01-01T00:00:00Z' }, 'COMPLETED'],
    [{}, 'IN_PROGRESS'],
  ])('flags %j are %s', (flags, status) => {
    expect(cloudBackup.toModel({ id: '6650e1f2c3d4e5f6a7b8c9d0', deliveryType: 'automated', ...flags }, loc)?.status).toBe(status);
  });
});
