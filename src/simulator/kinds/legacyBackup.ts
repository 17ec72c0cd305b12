import { clusterOf } from '../clusters';
import { clusterNotFound, invalidQuery, SimulatorErrorCode } from '../errors';
import { OBJECT_ID } from '../http';
import type { SimulatedKind } from './SimulatedKind';

/** Legacy Backup restore jobs (`…/clusters/{clusterName}/restoreJobs`), v2 and v1.0. */
export const legacyBackup: SimulatedKind = {
  kind: 'LEGACY_BACKUP',
  pattern: /^\/api\/atlas\/(v2|v1\.0)\/groups\/([^/]+)\/clusters\/([^/]+)\/restoreJobs(?:\/([^/]+))?$/,
  mediaType: 'application/vnd.atlas.2023-01-01+json',
  paged: true,
  jobNotFound: SimulatorErrorCode.RestoreJobNotFound,
  servingCluster(seed, groupId, clusterName) {
    const cluster = clusterOf(seed, groupId, clusterName);
    // A cluster of any other kind has no legacy backup: Atlas says it is not found.
    if (cluster?.kind !== 'LEGACY_BACKUP') throw clusterNotFound(clusterName, groupId);
    return cluster;
  },
  listFilter(query) {
    const batchId = query.get('batchId');
    if (batchId === null) return null;
    if (!OBJECT_ID.test(batchId)) throw invalidQuery('batchId', batchId, 'a 24-hexadecimal digit string');
    return (job) => job.batchId === batchId;
  },
  writes: [],
};
