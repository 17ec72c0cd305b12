import type { RestoreJobKind } from '../../../src/restoreJobs/RestoreJobKind';
import { TODAY_MS } from '../../../src/simulator/demoSeed';
import type { SeedProject } from '../../../src/simulator/SeedData';
import { cloudBackupJob } from '../../../src/simulator/seed/cloudBackup';
import { context, HOUR, type SeedFactory } from '../../../src/simulator/seed/factory';
import { flexJob } from '../../../src/simulator/seed/flex';
import { legacyJob } from '../../../src/simulator/seed/legacyBackup';
import { serverlessJob } from '../../../src/simulator/seed/serverless';
import { tenantJob } from '../../../src/simulator/seed/sharedTier';

/**
 * A project of odd bodies, kept apart so demo data stays clean: per kind, jobs with status or delivery values outside
 * the spec's enums and a job with every optional field missing (plus, for shared tier, an older-style body), and one
 * empty cluster per kind. Test data only.
 */
export const EDGE_CASES: {
  projectId: string;
  clusters: Record<RestoreJobKind, string>;
  emptyClusters: Record<RestoreJobKind, string>;
} = {
  projectId: '66139b2f8c1d2e3f40516273',
  clusters: {
    LEGACY_BACKUP: 'edge-cases-legacy',
    SHARED_TIER: 'edge-cases-m2',
    FLEX: 'edge-cases-flex',
    SERVERLESS: 'edge-cases-serverless',
    CLOUD_BACKUP: 'edge-cases-dedicated',
  },
  emptyClusters: {
    LEGACY_BACKUP: 'empty-legacy',
    SHARED_TIER: 'empty-m2',
    FLEX: 'empty-flex',
    SERVERLESS: 'empty-serverless',
    CLOUD_BACKUP: 'empty-dedicated',
  },
};

/** The edge-case project's original clusters (drawn from `f` after the second project's). */
export function buildEdgeCasesProject(f: SeedFactory): SeedProject {
  const p = EDGE_CASES.projectId;
  const c = EDGE_CASES.clusters;
  const e = EDGE_CASES.emptyClusters;
  const t = Date.UTC(2025, 10, 5, 10, 0, 0);
  const legacyCtx = context(f, p, c.LEGACY_BACKUP, Date.UTC(2020, 3, 3));
  const tenantCtx = context(f, p, c.SHARED_TIER, Date.UTC(2021, 3, 3));
  const flexCtx = context(f, p, c.FLEX, Date.UTC(2025, 3, 3));
  const serverlessCtx = context(f, p, c.SERVERLESS, Date.UTC(2023, 3, 3));
  const olderTenantId = f.id(Date.UTC(2019, 4, 1, 15, 2, 25));
  return {
    id: p,
    name: 'edge-cases',
    clusters: [
      {
        name: c.LEGACY_BACKUP,
        kind: 'LEGACY_BACKUP',
        legacy: [
          legacyJob(legacyCtx, { createdMs: t + 2 * HOUR, statusName: 'SOMETHING_NEW', delivery: { type: 'download', statusName: 'READY' } }),
          legacyJob(legacyCtx, { createdMs: t + HOUR, statusName: 'FINISHED', delivery: { type: 'plain', methodName: 'CARRIER_PIGEON', statusName: 'WARMING_UP' } }),
          { delivery: { methodName: 'HTTP' }, id: f.id(t) },
        ],
      },
      {
        name: c.SHARED_TIER,
        kind: 'SHARED_TIER',
        tenant: [
          tenantJob(tenantCtx, { scheduledMs: t + 2 * HOUR, status: 'ARCHIVED', deliveryType: 'RESTORE', targetName: 'm2-restore-target' }),
          tenantJob(tenantCtx, { scheduledMs: t + HOUR, status: 'COMPLETED', deliveryType: 'TELEPORT' }),
          { id: f.id(t), snapshotId: f.id(t - HOUR), targetDeploymentItemName: c.SHARED_TIER },
          // NOTE: the shape of the v1.0 reference page (atlas/pages/001_*): `submittedAt`, `finishedDate` and `timestamp`
          // where current bodies carry `restoreScheduledDate`, `restoreFinishedDate` and `snapshotFinishedDate`.
          {
            clusterName: c.SHARED_TIER,
            deliveryType: 'DOWNLOAD',
            expirationDate: '2019-05-01T19:02:25Z',
            finishedDate: '2019-05-01T15:02:25Z',
            id: olderTenantId,
            projectId: p,
            snapshotId: f.id(Date.UTC(2019, 4, 1, 14, 33, 19)),
            snapshotUrl: `https://restore-${olderTenantId}.mongodb.net:27017/${c.SHARED_TIER}/snapshot.tar.gz?token=sim-${f.hex(32)}`,
            status: 'COMPLETED',
            submittedAt: '2019-05-01T15:02:25Z',
            targetDeploymentItemName: c.SHARED_TIER,
            targetProjectId: p,
            timestamp: '2019-05-01T14:33:19Z',
          },
        ],
      },
      {
        name: c.FLEX,
        kind: 'FLEX',
        flex: [
          flexJob(flexCtx, { scheduledMs: t + 2 * HOUR, status: 'ARCHIVED', deliveryType: 'DOWNLOAD' }),
          flexJob(flexCtx, { scheduledMs: t + HOUR, status: 'COMPLETED', deliveryType: 'TELEPORT' }),
          { id: f.id(t) },
        ],
      },
      {
        name: c.SERVERLESS,
        kind: 'SERVERLESS',
        serverless: [
          serverlessJob(serverlessCtx, { atMs: t + HOUR, deliveryType: 'teleport', finished: true }),
          { deliveryType: 'automated', id: f.id(t), targetClusterName: c.SERVERLESS, targetGroupId: p },
        ],
      },
      { name: e.LEGACY_BACKUP, kind: 'LEGACY_BACKUP', legacy: [] },
      { name: e.SHARED_TIER, kind: 'SHARED_TIER', tenant: [] },
      { name: e.FLEX, kind: 'FLEX', flex: [] },
      { name: e.SERVERLESS, kind: 'SERVERLESS', serverless: [] },
    ],
  };
}

/** The edge cases' dedicated clusters (today's Atlas): odd Cloud Backup bodies and an empty cluster, drawn last. */
export function addEdgeTodaysAtlas(f: SeedFactory, edge: SeedProject): void {
  const t = TODAY_MS;
  const edgeCtx = context(f, EDGE_CASES.projectId, EDGE_CASES.clusters.CLOUD_BACKUP, Date.UTC(2024, 3, 3));
  edge.clusters.push(
    {
      name: EDGE_CASES.clusters.CLOUD_BACKUP,
      kind: 'CLOUD_BACKUP',
      cloudBackup: [
        cloudBackupJob(edgeCtx, { atMs: t + HOUR, deliveryType: 'teleport', finished: true }),
        { components: [{}], deliveryType: 'download', id: f.id(t) },
        { deliveryType: 'automated', id: f.id(t - HOUR) },
      ],
    },
    { name: EDGE_CASES.emptyClusters.CLOUD_BACKUP, kind: 'CLOUD_BACKUP', cloudBackup: [] },
  );
}
