import type { SeedCluster } from '../../src/simulator';
import type { RestoreJobKind } from '../../src/restoreJobs/RestoreJobModel';

/**
 * What the tests know about each kind, written out independently of src/ (so a wrong path or media type in the
 * gateway fails a test instead of agreeing with itself).
 */
export const KIND_FACTS: Record<
  RestoreJobKind,
  { typeName: string; path: (projectId: string, cluster: string) => string; mediaType: string; versions: string[]; jobs: (c: SeedCluster) => { id?: string }[] }
> = {
  LEGACY_BACKUP: {
    typeName: 'LegacyBackupRestoreJob',
    path: (p, c) => `/groups/${p}/clusters/${c}/restoreJobs`,
    mediaType: 'application/vnd.atlas.2023-01-01+json',
    versions: ['v2', 'v1.0'],
    jobs: (c) => c.legacy ?? [],
  },
  SHARED_TIER: {
    typeName: 'SharedTierRestoreJob',
    path: (p, c) => `/groups/${p}/clusters/${c}/backup/tenant/restores`,
    mediaType: 'application/vnd.atlas.2023-01-01+json',
    versions: ['v2', 'v1.0'],
    jobs: (c) => c.tenant ?? [],
  },
  FLEX: {
    typeName: 'FlexRestoreJob',
    path: (p, c) => `/groups/${p}/flexClusters/${c}/backup/restoreJobs`,
    mediaType: 'application/vnd.atlas.2024-11-13+json',
    versions: ['v2'],
    jobs: (c) => c.flex ?? [],
  },
  SERVERLESS: {
    typeName: 'ServerlessRestoreJob',
    path: (p, c) => `/groups/${p}/serverless/${c}/backup/restoreJobs`,
    mediaType: 'application/vnd.atlas.2023-01-01+json',
    versions: ['v2', 'v1.0'],
    jobs: (c) => c.serverless ?? [],
  },
  CLOUD_BACKUP: {
    typeName: 'CloudBackupRestoreJob',
    path: (p, c) => `/groups/${p}/clusters/${c}/backup/restoreJobs`,
    mediaType: 'application/vnd.atlas.2023-01-01+json',
    versions: ['v2'],
    jobs: (c) => c.cloudBackup ?? [],
  },
};
