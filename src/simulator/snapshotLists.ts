import { invalidQuery, methodNotAllowed, SimulatedApiError, SimulatorErrorCode } from './errors';
import { checkAccept, checkGroupId, decodeSegment, parsePaging, type Paging } from './http';
import { SIMULATED_KINDS } from './kinds';
import { listPage, type PageLinks } from './reads';
import type { SeedCluster, SeedData } from './SeedData';
import type { SeedSnapshot } from './seed/snapshots';
import type { SnapshotStore } from './SnapshotStore';

/** The media types of the snapshot reads (snapshots.openapi.yaml): Cloud Backup and legacy 2023-01-01, flex 2024-11-13. */
export const SNAPSHOT_MEDIA_TYPES = {
  cloudBackup: 'application/vnd.atlas.2023-01-01+json',
  flex: 'application/vnd.atlas.2024-11-13+json',
  legacy: 'application/vnd.atlas.2023-01-01+json',
} as const;

/** One snapshot read of snapshots.openapi.yaml: its list or its get-one, which shape it serves, and how it pages. */
interface SnapshotRoute {
  /** The spec's operationId, for the reader. */
  operationId: string;
  /** Groups: 1 the project id, 2 the cluster name, 3 (get-one) the snapshot id. */
  pattern: RegExp;
  shape: SeedSnapshot['shape'];
  mediaType: string;
  /** `pageNum`: pageNum/itemsPerPage/includeCount; `none`: the whole list in the paginated wrapper; `one`: a get. */
  paging: 'pageNum' | 'none' | 'one';
  /** The cluster the path names, or the Atlas error its kind's API gives (shared with the restore-job routes). */
  servingCluster(seed: SeedData, groupId: string, clusterName: string): SeedCluster;
  /** The list's own query filter (legacy `completed`, Cloud Backup's point in time); null: unfiltered. */
  filter?(query: URLSearchParams): ((snapshots: SeedSnapshot[]) => SeedSnapshot[]) | null;
}

const V2 = '^\\/api\\/atlas\\/v2\\/groups\\/([^/]+)';
const cloudCluster = SIMULATED_KINDS.CLOUD_BACKUP.servingCluster;
const flexCluster = SIMULATED_KINDS.FLEX.servingCluster;
const legacyCluster = SIMULATED_KINDS.LEGACY_BACKUP.servingCluster;

/**
 * The snapshot reads the simulator serves, most specific path first (`…/snapshots/shardedClusters` would otherwise be
 * read as a snapshot id). Each serves the snapshots of its shape from the {@link SnapshotStore}, the one source the
 * restores also check; a cluster whose snapshots have another shape (a sharded cluster asked for replica-set
 * snapshots, a Legacy Backup cluster asked for Cloud Backup ones) has none in that list.
 * NOTE: the spec does not say what the replica-set list answers for a sharded cluster (or the sharded list for a
 * replica set); the simulator answers an empty list, so a gateway that asks the wrong list sees nothing.
 */
const SNAPSHOT_ROUTES: readonly SnapshotRoute[] = [
  {
    operationId: 'listGroupClusterBackupSnapshotShardedClusters',
    pattern: new RegExp(`${V2}\\/clusters\\/([^/]+)\\/backup\\/snapshots\\/shardedClusters$`),
    shape: 'shardedCluster',
    mediaType: SNAPSHOT_MEDIA_TYPES.cloudBackup,
    // NOTE: this list takes no pageNum, itemsPerPage or includeCount (the spec lists none) but answers the paginated
    // wrapper: every snapshot, with totalCount.
    paging: 'none',
    servingCluster: cloudCluster,
  },
  {
    operationId: 'getGroupClusterBackupSnapshotShardedCluster',
    pattern: new RegExp(`${V2}\\/clusters\\/([^/]+)\\/backup\\/snapshots\\/shardedCluster\\/([^/]+)$`),
    shape: 'shardedCluster',
    mediaType: SNAPSHOT_MEDIA_TYPES.cloudBackup,
    paging: 'one',
    servingCluster: cloudCluster,
  },
  {
    operationId: 'listGroupClusterBackupSnapshots',
    pattern: new RegExp(`${V2}\\/clusters\\/([^/]+)\\/backup\\/snapshots$`),
    shape: 'replicaSet',
    mediaType: SNAPSHOT_MEDIA_TYPES.cloudBackup,
    paging: 'pageNum',
    servingCluster: cloudCluster,
    filter: pointInTimeFilter,
  },
  {
    operationId: 'getGroupClusterBackupSnapshot',
    pattern: new RegExp(`${V2}\\/clusters\\/([^/]+)\\/backup\\/snapshots\\/([^/]+)$`),
    shape: 'replicaSet',
    mediaType: SNAPSHOT_MEDIA_TYPES.cloudBackup,
    paging: 'one',
    servingCluster: cloudCluster,
  },
  {
    operationId: 'listGroupFlexClusterBackupSnapshots',
    pattern: new RegExp(`${V2}\\/flexClusters\\/([^/]+)\\/backup\\/snapshots$`),
    shape: 'flex',
    mediaType: SNAPSHOT_MEDIA_TYPES.flex,
    paging: 'pageNum',
    servingCluster: flexCluster,
  },
  {
    operationId: 'getGroupFlexClusterBackupSnapshot',
    pattern: new RegExp(`${V2}\\/flexClusters\\/([^/]+)\\/backup\\/snapshots\\/([^/]+)$`),
    shape: 'flex',
    mediaType: SNAPSHOT_MEDIA_TYPES.flex,
    paging: 'one',
    servingCluster: flexCluster,
  },
  {
    operationId: 'listGroupClusterSnapshots',
    pattern: new RegExp(`${V2}\\/clusters\\/([^/]+)\\/snapshots$`),
    shape: 'legacy',
    mediaType: SNAPSHOT_MEDIA_TYPES.legacy,
    paging: 'pageNum',
    servingCluster: legacyCluster,
    filter: completedFilter,
  },
  {
    operationId: 'getGroupClusterSnapshot',
    pattern: new RegExp(`${V2}\\/clusters\\/([^/]+)\\/snapshots\\/([^/]+)$`),
    shape: 'legacy',
    mediaType: SNAPSHOT_MEDIA_TYPES.legacy,
    paging: 'one',
    servingCluster: legacyCluster,
  },
];

/** A snapshot read as routing sees it. */
export interface SnapshotReadRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  accept: string | undefined;
}

/** The answer of a snapshot read: a 200 body and its media type. */
export interface SnapshotReadAnswer {
  body: unknown;
  mediaType: string;
}

/**
 * Answers a snapshot read (a list page or one snapshot), or null when the path is not one. Errors are thrown as
 * Atlas answers them: 405 for another method, 406 for a wrong `Accept`, 400 for a malformed project id or query,
 * 404 GROUP_NOT_FOUND / CLUSTER_NOT_FOUND / FLEX_CLUSTER_NOT_FOUND for an unknown project or cluster, the kind's 400
 * for a cluster its API does not serve, 404 SNAPSHOT_NOT_FOUND for an unknown snapshot of a known cluster.
 */
export function answerSnapshotRead(seed: SeedData, store: SnapshotStore, request: SnapshotReadRequest, links: PageLinks): SnapshotReadAnswer | null {
  const { method, path, query, accept } = request;
  for (const route of SNAPSHOT_ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (method !== 'GET') throw methodNotAllowed(method, path, ['GET']);
    checkAccept(accept, 'v2', route.mediaType);
    const groupId = decodeSegment(m[1]!, path);
    const clusterName = decodeSegment(m[2]!, path);
    checkGroupId(groupId);
    const paging: Paging | null = route.paging === 'pageNum' ? parsePaging(query) : null;
    const filter = route.filter?.(query) ?? null;
    route.servingCluster(seed, groupId, clusterName);
    const mine = store.of(groupId, clusterName).filter((s) => s.shape === route.shape);
    if (route.paging === 'one') {
      const snapshotId = decodeSegment(m[3]!, path);
      const found = mine.find((s) => s.body.id === snapshotId);
      if (!found) throw new SimulatedApiError(404, SimulatorErrorCode.SnapshotNotFound, `No snapshot with ID ${snapshotId} exists in cluster ${clusterName}.`);
      return { body: found.body, mediaType: route.mediaType };
    }
    const selected = (filter ? filter(mine) : mine).map((s) => s.body);
    return { body: listPage(selected, { paging, filter: null }, links), mediaType: route.mediaType };
  }
  return null;
}

/**
 * Legacy `completed`: `true` (the default) only completed snapshots, `false` only those being taken, `all` every one.
 * NOTE: by default the legacy list hides the snapshots still being taken; a caller that wants them asks `completed=all`.
 */
function completedFilter(query: URLSearchParams): (snapshots: SeedSnapshot[]) => SeedSnapshot[] {
  const raw = query.get('completed') ?? 'true';
  if (raw !== 'all' && raw !== 'true' && raw !== 'false') throw invalidQuery('completed', raw, 'all, true or false');
  if (raw === 'all') return (snapshots) => snapshots;
  return (snapshots) => snapshots.filter((s) => s.shape === 'legacy' && s.body.complete === (raw === 'true'));
}

/**
 * Cloud Backup's point in time: `pointInTimeUtcSeconds`, or `oplogTs` with `oplogInc` (mutually exclusive), returns
 * the closest snapshot created before that point. NOTE: the simulator reads the oplog position by its seconds only.
 */
function pointInTimeFilter(query: URLSearchParams): ((snapshots: SeedSnapshot[]) => SeedSnapshot[]) | null {
  const seconds = (name: string): number | null => {
    const raw = query.get(name);
    if (raw === null) return null;
    if (!/^[0-9]{1,15}$/.test(raw)) throw invalidQuery(name, raw, 'an integer');
    return Number(raw);
  };
  const pointInTime = seconds('pointInTimeUtcSeconds');
  const oplogTs = seconds('oplogTs');
  const oplogInc = seconds('oplogInc');
  if (pointInTime !== null && (oplogTs !== null || oplogInc !== null)) {
    throw invalidQuery('pointInTimeUtcSeconds', String(pointInTime), 'no oplogTs or oplogInc beside it');
  }
  if ((oplogTs === null) !== (oplogInc === null)) throw invalidQuery(oplogTs === null ? 'oplogInc' : 'oplogTs', String(oplogTs ?? oplogInc), 'oplogTs and oplogInc together');
  const at = pointInTime ?? oplogTs;
  if (at === null) return null;
  return (snapshots) => {
    const before = snapshots.filter((s) => s.shape === 'replicaSet' && Date.parse(s.body.createdAt ?? '') <= at * 1000);
    return before.slice(0, 1);
  };
}
