import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import { legacyBackup } from '../../src/restoreJobs/legacyBackup';
import { sharedTier } from '../../src/restoreJobs/sharedTier';
import { flex } from '../../src/restoreJobs/flex';
import { serverless } from '../../src/restoreJobs/serverless';
import type { JobLocation, RestoreJobKind } from '../../src/restoreJobs/RestoreJobModel';
import legacyPage from '../fixtures/legacyBackup/reference-page-example.json';
import legacyDownload from '../fixtures/legacyBackup/download-finished.json';
import legacyOdd from '../fixtures/legacyBackup/unknown-and-minimal.json';
import tenantPage from '../fixtures/sharedTier/reference-page-example.json';
import tenantRunning from '../fixtures/sharedTier/restore-running.json';
import tenantOdd from '../fixtures/sharedTier/unknown-and-minimal.json';
import flexPage from '../fixtures/flex/reference-page-example.json';
import flexDownload from '../fixtures/flex/download-queued.json';
import flexOdd from '../fixtures/flex/unknown-and-minimal.json';
import serverlessPage from '../fixtures/serverless/reference-page-list-example.json';
import serverlessPit from '../fixtures/serverless/point-in-time.json';
import serverlessExpired from '../fixtures/serverless/download-expired.json';
import serverlessOdd from '../fixtures/serverless/unknown-and-minimal.json';

const PROJECT = '5e2211c17a3e5a48f5497de1';
const at = (kind: RestoreJobKind, clusterName: string): JobLocation => ({ kind, projectId: PROJECT, clusterName });
const id = (loc: JobLocation, jobId: string) => encodeGlobalId({ ...loc, jobId });
const d = (iso: string) => new Date(iso);

describe('legacy backup mapper (BackupRestoreJob)', () => {
  const loc = at('LEGACY_BACKUP', 'Cluster0');

  it('maps an HTTP download without target to DOWNLOAD, FINISHED to COMPLETED, keeping every field', () => {
    expect(legacyBackup.toModel(legacyDownload, loc)).toEqual({
      id: id(loc, '6650a1f2c3d4e5f6a7b8c9d0'),
      jobId: '6650a1f2c3d4e5f6a7b8c9d0',
      kind: 'LEGACY_BACKUP',
      projectId: PROJECT,
      clusterName: 'Cluster0',
      snapshotId: '6650a0aac3d4e5f6a7b8c000',
      status: 'COMPLETED',
      atlasStatus: 'FINISHED',
      isTerminal: true,
      deliveryType: 'DOWNLOAD',
      createdAt: d('2025-11-02T08:15:00Z'),
      finishedAt: null,
      expiresAt: d('2025-11-04T08:15:00Z'),
      targetProjectId: null,
      targetClusterName: null,
      downloadUrls: ['https://restore-5e2211c17a3e5a48f5497de3.mongodb.net:27017/v2/dl/abc'],
      links: [
        {
          href: 'https://cloud.mongodb.com/api/atlas/v2/groups/5e2211c17a3e5a48f5497de1/clusters/Cluster0/restoreJobs/6650a1f2c3d4e5f6a7b8c9d0',
          rel: 'self',
        },
      ],
      batchId: null,
      sourceClusterId: '5e2211c17a3e5a48f5497de3',
      deploymentJobId: null,
      encryptionEnabled: false,
      masterKeyUuid: null,
      snapshotTimestamp: { date: d('2025-11-02T06:00:00Z'), increment: 1 },
      delivery: {
        method: 'HTTP',
        downloadStatus: 'READY',
        authHeader: 'X-Restore-Auth',
        authValue: 'fixture-auth-value-1',
        expirationHours: 48,
        expiresAt: d('2025-11-04T08:15:00Z'),
        maxDownloads: 3,
        targetClusterId: null,
        targetClusterName: null,
        targetProjectId: null,
        url: 'https://restore-5e2211c17a3e5a48f5497de3.mongodb.net:27017/dl/abc?key=fixture-key',
        urlV2: 'https://restore-5e2211c17a3e5a48f5497de3.mongodb.net:27017/v2/dl/abc',
      },
      hashes: [{ fileName: 'Cluster0-snapshot.tar.gz', hash: '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12', algorithm: 'SHA1', links: [] }],
    });
  });

  it('maps the reference page example: CLIENT_PIT_HTTP is POINT_IN_TIME; placeholder strings are not URLs or UUIDs', () => {
    const model = legacyBackup.toModel(legacyPage, loc);
    expect(model).toMatchObject({
      status: 'IN_PROGRESS',
      atlasStatus: 'IN_PROGRESS',
      isTerminal: false,
      deliveryType: 'POINT_IN_TIME',
      targetProjectId: '32b6e34b3d91647abb20e7b8',
      targetClusterName: 'string',
      downloadUrls: [],
      batchId: '32b6e34b3d91647abb20e7b8',
      masterKeyUuid: null,
      encryptionEnabled: true,
      deploymentJobId: null,
      snapshotTimestamp: { date: d('2025-05-04T09:42:00Z'), increment: 1199145600 },
      hashes: [{ fileName: 'string', hash: 'string', algorithm: 'SHA1', links: [{ href: 'https://cloud.mongodb.com/api/atlas', rel: 'self' }] }],
    });
  });

  it('gives UNKNOWN for a status and a method it does not know, and nulls for missing optional fields', () => {
    expect(legacyBackup.toModel(legacyOdd, loc)).toEqual({
      id: id(loc, '6650a1f2c3d4e5f6a7b8c9d1'),
      jobId: '6650a1f2c3d4e5f6a7b8c9d1',
      kind: 'LEGACY_BACKUP',
      projectId: PROJECT,
      clusterName: 'Cluster0',
      snapshotId: null,
      status: 'UNKNOWN',
      atlasStatus: 'PAUSED',
      isTerminal: false,
      deliveryType: 'UNKNOWN',
      createdAt: null,
      finishedAt: null,
      expiresAt: null,
      targetProjectId: null,
      targetClusterName: null,
      downloadUrls: [],
      links: [],
      batchId: null,
      sourceClusterId: null,
      deploymentJobId: null,
      encryptionEnabled: null,
      masterKeyUuid: null,
      snapshotTimestamp: null,
      delivery: {
        method: 'CARRIER_PIGEON',
        downloadStatus: null,
        authHeader: null,
        authValue: null,
        expirationHours: null,
        expiresAt: null,
        maxDownloads: null,
        targetClusterId: null,
        targetClusterName: null,
        targetProjectId: null,
        url: null,
        urlV2: null,
      },
      hashes: [],
    });
  });

  it.each([
    ['IN_PROGRESS', 'IN_PROGRESS'],
    ['FINISHED', 'COMPLETED'],
    ['BROKEN', 'FAILED'],
    ['KILLED', 'CANCELLED'],
    ['finished', 'UNKNOWN'],
  ])('statusName %s is %s', (statusName, status) => {
    expect(legacyBackup.toModel({ id: '6650a1f2c3d4e5f6a7b8c9d1', statusName, delivery: { methodName: 'QUERY' } }, loc)?.status).toBe(status);
  });

  it.each([
    [{ methodName: 'AUTOMATED_RESTORE' }, 'AUTOMATED'],
    [{ methodName: 'HTTP', targetClusterName: 'target' }, 'AUTOMATED'],
    [{ methodName: 'SCP', targetClusterId: '6650a0aac3d4e5f6a7b8c000' }, 'AUTOMATED'],
    [{ methodName: 'HTTP' }, 'DOWNLOAD'],
    [{ methodName: 'SCP' }, 'DOWNLOAD'],
    [{ methodName: 'CLIENT_PIT_HTTP' }, 'POINT_IN_TIME'],
    [{ methodName: 'CLIENT_PIT_SCP' }, 'POINT_IN_TIME'],
    [{ methodName: 'QUERY' }, 'QUERY'],
    [{ methodName: 'THIRD_PARTY_COPY' }, 'THIRD_PARTY_COPY'],
  ])('delivery %j is %s', (delivery, deliveryType) => {
    expect(legacyBackup.toModel({ id: '6650a1f2c3d4e5f6a7b8c9d1', delivery }, loc)?.deliveryType).toBe(deliveryType);
  });

  it('returns null for a body without a usable id', () => {
    expect(legacyBackup.toModel({ id: 'nope', delivery: { methodName: 'HTTP' } }, loc)).toBeNull();
  });
});

describe('shared-tier mapper (TenantRestore)', () => {
  const loc = at('SHARED_TIER', 'm2-cluster-0');

  it('maps a running automated restore', () => {
    expect(sharedTier.toModel(tenantRunning, loc)).toEqual({
      id: id(loc, '6650b1f2c3d4e5f6a7b8c9d0'),
      jobId: '6650b1f2c3d4e5f6a7b8c9d0',
      kind: 'SHARED_TIER',
      projectId: PROJECT,
      clusterName: 'm2-cluster-0',
      snapshotId: '6650b0aac3d4e5f6a7b8c000',
      status: 'IN_PROGRESS',
      atlasStatus: 'RUNNING',
      isTerminal: false,
      deliveryType: 'AUTOMATED',
      createdAt: d('2025-11-03T10:00:00Z'),
      finishedAt: null,
      expiresAt: null,
      targetProjectId: '5e2211c17a3e5a48f5497de2',
      targetClusterName: 'm5-target',
      downloadUrls: [],
      links: [
        {
          href: 'https://cloud.mongodb.com/api/atlas/v2/groups/5e2211c17a3e5a48f5497de1/clusters/m2-cluster-0/backup/tenant/restores/6650b1f2c3d4e5f6a7b8c9d0',
          rel: 'self',
        },
      ],
      atlasDeliveryType: 'RESTORE',
      snapshotFinishedAt: d('2025-11-03T09:00:00Z'),
      snapshotUrl: null,
    });
  });

  it('reads the reference page example older fields submittedAt, finishedDate and timestamp as fallbacks', () => {
    expect(sharedTier.toModel(tenantPage, loc)).toMatchObject({
      status: 'COMPLETED',
      isTerminal: true,
      deliveryType: 'DOWNLOAD',
      createdAt: d('2019-05-01T15:02:25Z'),
      finishedAt: d('2019-05-01T15:02:25Z'),
      expiresAt: d('2019-05-01T19:02:25Z'),
      snapshotFinishedAt: d('2019-05-01T14:33:19Z'),
      snapshotUrl: '{SNAPSHOT-URL}',
      downloadUrls: [],
    });
  });

  it('gives UNKNOWN for unknown words and keeps them raw', () => {
    expect(sharedTier.toModel(tenantOdd, loc)).toMatchObject({
      status: 'UNKNOWN',
      atlasStatus: 'ARCHIVED',
      deliveryType: 'UNKNOWN',
      atlasDeliveryType: 'TELEPORT',
      createdAt: null,
      finishedAt: null,
      expiresAt: null,
      targetProjectId: null,
      links: [],
    });
  });

  it.each([
    ['PENDING', 'PENDING'],
    ['QUEUED', 'QUEUED'],
    ['RUNNING', 'IN_PROGRESS'],
    ['COMPLETED', 'COMPLETED'],
    ['FAILED', 'FAILED'],
  ])('status %s is %s', (status, expected) => {
    expect(sharedTier.toModel({ id: '6650b1f2c3d4e5f6a7b8c9d0', snapshotId: 'x', targetDeploymentItemName: 'y', status }, loc)?.status).toBe(expected);
  });
});

describe('flex mapper (FlexBackupRestoreJob20241113)', () => {
  const loc = at('FLEX', 'flex-cluster-0');

  it('maps a queued download with its snapshot URL', () => {
    expect(flex.toModel(flexDownload, loc)).toEqual({
      id: id(loc, '6650c1f2c3d4e5f6a7b8c9d0'),
      jobId: '6650c1f2c3d4e5f6a7b8c9d0',
      kind: 'FLEX',
      projectId: PROJECT,
      clusterName: 'flex-cluster-0',
      snapshotId: '6650c0aac3d4e5f6a7b8c000',
      status: 'QUEUED',
      atlasStatus: 'QUEUED',
      isTerminal: false,
      deliveryType: 'DOWNLOAD',
      createdAt: d('2025-11-04T12:00:00Z'),
      finishedAt: null,
      expiresAt: d('2025-11-05T12:00:00Z'),
      targetProjectId: PROJECT,
      targetClusterName: null,
      downloadUrls: ['https://flex-snapshots.mongodb.net/6650c0aac3d4e5f6a7b8c000.tar.gz?sig=fixture-signature'],
      links: [],
      atlasDeliveryType: 'DOWNLOAD',
      snapshotFinishedAt: d('2025-11-04T11:00:00Z'),
      snapshotUrl: 'https://flex-snapshots.mongodb.net/6650c0aac3d4e5f6a7b8c000.tar.gz?sig=fixture-signature',
    });
  });

  it('maps the reference page example', () => {
    expect(flex.toModel(flexPage, loc)).toMatchObject({
      status: 'PENDING',
      deliveryType: 'AUTOMATED',
      createdAt: d('2025-05-04T09:42:00Z'),
      finishedAt: d('2025-05-04T09:42:00Z'),
      targetClusterName: 'string',
      links: [{ href: 'https://cloud.mongodb.com/api/atlas', rel: 'self' }],
    });
  });

  it('gives UNKNOWN for unknown words and nulls for what is missing', () => {
    expect(flex.toModel(flexOdd, loc)).toMatchObject({
      status: 'UNKNOWN',
      atlasStatus: 'PAUSED',
      deliveryType: 'UNKNOWN',
      atlasDeliveryType: 'EMAIL',
      snapshotId: null,
      snapshotUrl: null,
      snapshotFinishedAt: null,
      downloadUrls: [],
    });
  });
});

describe('serverless mapper (ServerlessBackupRestoreJob)', () => {
  const loc = at('SERVERLESS', 'serverless-0');

  it('maps a point-in-time restore still running', () => {
    expect(serverless.toModel(serverlessPit, loc)).toEqual({
      id: id(loc, '6650d1f2c3d4e5f6a7b8c9d0'),
      jobId: '6650d1f2c3d4e5f6a7b8c9d0',
      kind: 'SERVERLESS',
      projectId: PROJECT,
      clusterName: 'serverless-0',
      snapshotId: '6650d0aac3d4e5f6a7b8c000',
      status: 'IN_PROGRESS',
      atlasStatus: null,
      isTerminal: false,
      deliveryType: 'POINT_IN_TIME',
      createdAt: null,
      finishedAt: null,
      expiresAt: null,
      targetProjectId: PROJECT,
      targetClusterName: 'serverless-target',
      downloadUrls: [],
      links: [],
      atlasDeliveryType: 'pointInTime',
      cancelled: false,
      failed: false,
      expired: false,
      desiredTimestamp: { date: d('2025-11-01T00:00:00Z'), increment: 7 },
      oplogTimestamp: { date: d('2025-11-01T00:00:00Z'), increment: 7 },
      pointInTime: d('2025-11-01T00:00:00Z'),
      snapshotTakenAt: d('2025-10-31T23:00:00Z'),
    });
  });

  it('puts expired before finishedAt, and keeps only real URLs', () => {
    expect(serverless.toModel(serverlessExpired, loc)).toMatchObject({
      status: 'EXPIRED',
      isTerminal: true,
      deliveryType: 'DOWNLOAD',
      finishedAt: d('2025-11-01T01:00:00Z'),
      expiresAt: d('2025-11-02T00:00:00Z'),
      downloadUrls: ['https://serverless-dl.mongodb.net/a.tar.gz?token=fixture-token'],
    });
  });

  it('maps the reference page list example: cancelled wins over failed and expired', () => {
    const [first] = serverlessPage.results;
    expect(serverless.toModel(first!, loc)).toMatchObject({ status: 'CANCELLED', deliveryType: 'AUTOMATED', oplogTimestamp: { date: d('1970-01-01T00:00:42Z'), increment: 1 } });
  });

  it('gives UNKNOWN delivery for an unknown word and IN_PROGRESS without flags', () => {
    expect(serverless.toModel(serverlessOdd, loc)).toMatchObject({
      status: 'IN_PROGRESS',
      deliveryType: 'UNKNOWN',
      atlasDeliveryType: 'hologram',
      cancelled: null,
      desiredTimestamp: null,
      oplogTimestamp: null,
      pointInTime: null,
      snapshotTakenAt: null,
    });
  });

  it.each([
    [{ cancelled: true, failed: true, expired: true, finishedAt: '2025-01-01T00:00:00Z' }, 'CANCELLED'],
    [{ failed: true, expired: true, finishedAt: '2025-01-01T00:00:00Z' }, 'FAILED'],
    [{ expired: true, finishedAt: '2025-01-01T00:00:00Z' }, 'EXPIRED'],
    [{ finishedAt: '2025-01-01T00:00:00Z' }, 'COMPLETED'],
    [{}, 'IN_PROGRESS'],
  ])('flags %j are %s', (flags, status) => {
    expect(serverless.toModel({ id: '6650d1f2c3d4e5f6a7b8c9d0', deliveryType: 'automated', targetClusterName: 't', targetGroupId: PROJECT, ...flags }, loc)?.status).toBe(status);
  });
});
