import type { RestoreJobKind } from '../../../src/restoreJobs/RestoreJobKind';
import { DEMO, FOREIGN_PROJECT_ID, TODAY_MS } from '../../../src/simulator/demoSeed';
import type { SeedProject } from '../../../src/simulator/SeedData';
import { cloudBackupJob } from '../../../src/simulator/seed/cloudBackup';
import { context, HOUR, newestFirst, type SeedFactory } from '../../../src/simulator/seed/factory';
import { flexJob } from '../../../src/simulator/seed/flex';
import { legacyJob } from '../../../src/simulator/seed/legacyBackup';
import { serverlessJob } from '../../../src/simulator/seed/serverless';
import { tenantJob } from '../../../src/simulator/seed/sharedTier';

/** A second project with a few jobs of each kind (some restore into the demo project and back). Test data only. */
export const OTHER_PROJECT: { projectId: string; clusters: Record<RestoreJobKind, string> } = {
  projectId: FOREIGN_PROJECT_ID,
  clusters: {
    LEGACY_BACKUP: 'legacy-cluster-1',
    SHARED_TIER: 'm5-cluster-1',
    FLEX: 'flex-cluster-1',
    SERVERLESS: 'serverless-1',
    CLOUD_BACKUP: 'dedicated-cluster-1',
  },
};

/** The second project's original clusters (drawn from `f` after the demo project's). */
export function buildOtherProject(f: SeedFactory): SeedProject {
  const p = OTHER_PROJECT.projectId;
  const c = OTHER_PROJECT.clusters;
  const t = Date.UTC(2025, 10, 2, 14, 0, 0);
  const legacyCtx = context(f, p, c.LEGACY_BACKUP, Date.UTC(2020, 0, 9));
  const tenantCtx = context(f, p, c.SHARED_TIER, Date.UTC(2022, 5, 1));
  const flexCtx = context(f, p, c.FLEX, Date.UTC(2025, 2, 1));
  const serverlessCtx = context(f, p, c.SERVERLESS, Date.UTC(2023, 6, 1));
  return {
    id: p,
    name: 'analytics-team',
    clusters: [
      {
        name: c.LEGACY_BACKUP,
        kind: 'LEGACY_BACKUP',
        legacy: newestFirst([
          legacyJob(legacyCtx, { createdMs: t, statusName: 'FINISHED', delivery: { type: 'download', statusName: 'READY' } }),
          legacyJob(legacyCtx, {
            createdMs: t + 3 * HOUR,
            statusName: 'FINISHED',
            delivery: { type: 'target', methodName: 'AUTOMATED_RESTORE', statusName: 'READY', targetGroupId: DEMO.projectId, targetClusterName: DEMO.clusters.LEGACY_BACKUP },
          }),
          legacyJob(legacyCtx, { createdMs: t + 6 * HOUR, statusName: 'IN_PROGRESS', delivery: { type: 'plain', methodName: 'SCP', statusName: 'IN_PROGRESS' } }),
        ]),
      },
      {
        name: c.SHARED_TIER,
        kind: 'SHARED_TIER',
        tenant: [
          tenantJob(tenantCtx, { scheduledMs: t + 5 * HOUR, status: 'RUNNING', deliveryType: 'RESTORE', targetName: DEMO.clusters.SHARED_TIER, targetProjectId: DEMO.projectId }),
          tenantJob(tenantCtx, { scheduledMs: t + 2 * HOUR, status: 'COMPLETED', deliveryType: 'DOWNLOAD' }),
          tenantJob(tenantCtx, { scheduledMs: t, status: 'COMPLETED', deliveryType: 'RESTORE', targetName: 'm5-restore-target' }),
        ],
      },
      {
        name: c.FLEX,
        kind: 'FLEX',
        flex: [
          flexJob(flexCtx, { scheduledMs: t + 4 * HOUR, status: 'QUEUED', deliveryType: 'DOWNLOAD' }),
          flexJob(flexCtx, { scheduledMs: t + HOUR, status: 'COMPLETED', deliveryType: 'RESTORE', targetName: DEMO.clusters.FLEX, targetProjectId: DEMO.projectId }),
          flexJob(flexCtx, { scheduledMs: t, status: 'FAILED', deliveryType: 'RESTORE', targetName: 'flex-restore-target' }),
        ],
      },
      {
        name: c.SERVERLESS,
        kind: 'SERVERLESS',
        serverless: newestFirst([
          serverlessJob(serverlessCtx, { atMs: t, deliveryType: 'download', finished: true }),
          serverlessJob(serverlessCtx, { atMs: t + 2 * HOUR, deliveryType: 'automated', finished: true, targetClusterName: DEMO.clusters.SERVERLESS, targetGroupId: DEMO.projectId }),
          serverlessJob(serverlessCtx, { atMs: t + 4 * HOUR, deliveryType: 'pointInTime', byOplog: true }),
        ]),
      },
    ],
  };
}

/** The second project's dedicated cluster (today's Atlas), drawn after the demo project's today's clusters. */
export function addOtherTodaysAtlas(f: SeedFactory, other: SeedProject): void {
  const t = TODAY_MS;
  const otherCtx = context(f, OTHER_PROJECT.projectId, OTHER_PROJECT.clusters.CLOUD_BACKUP, Date.UTC(2024, 2, 1));
  other.clusters.push({
    name: OTHER_PROJECT.clusters.CLOUD_BACKUP,
    kind: 'CLOUD_BACKUP',
    description: { instanceSize: 'M20', providerName: 'AZURE' },
    cloudBackup: newestFirst([
      cloudBackupJob(otherCtx, { atMs: t, deliveryType: 'download', finished: true }),
      cloudBackupJob(otherCtx, { atMs: t + 2 * HOUR, deliveryType: 'automated', finished: true, targetClusterName: DEMO.clusters.CLOUD_BACKUP, targetGroupId: DEMO.projectId }),
      cloudBackupJob(otherCtx, { atMs: t + 4 * HOUR, deliveryType: 'pointInTime', byOplog: true }),
    ]),
  });
}
