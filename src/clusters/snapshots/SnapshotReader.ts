import type { AtlasClient, CachePolicy } from '../../atlas/AtlasClient';
import { AtlasApiError, AtlasTransportError } from '../../atlas/errors';
import { PaginationInputError, planWindow, type ConnectionArgs, type FetchedPage } from '../../atlas/pagination';
import type { CacheTtls } from '../../config';
import { count } from '../../restoreJobs/mapping/mapping';
import { loadListConnection, type ConnectionModel, type EdgeModel, type ListReader } from '../../restoreJobs/connection';
import type { RestoreJobKind } from '../../restoreJobs/RestoreJobKind';
import { failed, ok, type Outcome } from '../../restoreJobs/routing/outcomes';
import type { ClusterClass } from '../clusterClass';
import type { ClusterDirectory, ClusterRef } from '../ClusterDirectory';
import { snapshotsRoute } from '../routes';
import { isSnapshotList, KIND_OF_LIST, type BackupSnapshotModel, type SnapshotList, type SnapshotLocation } from './BackupSnapshotModel';
import type { SnapshotRef } from './snapshotGlobalId';
import { SNAPSHOT_LIST_DEFINITIONS } from './snapshotLists';

/** `SnapshotConnection`. */
export type SnapshotConnectionModel = ConnectionModel<BackupSnapshotModel>;

/** `SnapshotEdge`. */
export type SnapshotEdgeModel = EdgeModel<BackupSnapshotModel>;

/** Which list serves a cluster's snapshots: one of the four, none (a free cluster), or a retired API that has none. */
export type SnapshotListChoice = { type: 'list'; list: SnapshotList } | { type: 'none' } | { type: 'retired'; kind: RestoreJobKind };

/**
 * Where the snapshots of the clusters each kind serves are listed: a list of its own (flex, Legacy Backup), Cloud
 * Backup's two (which one, the cluster's type says), or none in the snapshot APIs (the retired APIs). A record, so a
 * new kind must say.
 */
const SNAPSHOTS_OF_KIND: Readonly<Record<RestoreJobKind, SnapshotList | 'cloudBackup' | 'retired'>> = {
  LEGACY_BACKUP: 'LEGACY_BACKUP',
  SHARED_TIER: 'retired',
  FLEX: 'FLEX',
  SERVERLESS: 'retired',
  CLOUD_BACKUP: 'cloudBackup',
};

/** Whether a kind names its list without a look at the cluster (flex, Legacy Backup). */
function namesItsList(requested: RestoreJobKind | null): boolean {
  return requested !== null && isSnapshotList(SNAPSHOTS_OF_KIND[requested]);
}

/**
 * The list that holds a cluster's snapshots, from the kind asked for and what the gateway knows of the cluster. Pure:
 * Legacy Backup and flex name their list; Cloud Backup needs the cluster's type (sharded clusters have their own
 * list); without a kind, or with a retired one, the cluster's class decides (a migrated M2/M5 or serverless instance
 * is listed by its successor's list). A free cluster has no snapshots; a cluster still served by a retired API
 * (SHARED_TIER, SERVERLESS before their sunsets) has no list in the snapshot APIs.
 */
export function chooseSnapshotList(requested: RestoreJobKind | null, cluster: Pick<ClusterClass, 'kind' | 'clusterType'> | null): SnapshotListChoice {
  const kind = requested !== null && SNAPSHOTS_OF_KIND[requested] !== 'retired' ? requested : (cluster?.kind ?? null);
  if (kind === null) return { type: 'none' };
  const where = SNAPSHOTS_OF_KIND[kind];
  if (where === 'retired') return { type: 'retired', kind };
  if (where !== 'cloudBackup') return { type: 'list', list: where };
  const sharded = cluster?.clusterType === 'SHARDED' || cluster?.clusterType === 'GEOSHARDED';
  return { type: 'list', list: sharded ? 'CLOUD_BACKUP_SHARDED' : 'CLOUD_BACKUP_REPLICA_SET' };
}

/**
 * One request's snapshot reads: a cluster's snapshots as a Relay connection over the list that holds them, and one
 * snapshot by its global id. Calls go through the request's Atlas client (its breakers, retries and coalescing), on
 * the route `<kind>` + `snapshots`; the cluster's class comes from the request's {@link ClusterDirectory} (the
 * process's memory first), so a list costs one call once the cluster is known.
 */
export class SnapshotReader {
  constructor(
    private readonly client: AtlasClient,
    private readonly directory: ClusterDirectory,
    private readonly ttls: CacheTtls | null = null,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * One window of a cluster's snapshots. `requested` is the kind the caller named (null: what the cluster is); `known`
   * is the cluster's class when the caller has just described it. Bad paging arguments are refused before any call.
   */
  async connection(requested: RestoreJobKind | null, at: ClusterRef, args: ConnectionArgs, known?: ClusterClass): Promise<Outcome<SnapshotConnectionModel>> {
    try {
      planWindow(args);
      const cluster = namesItsList(requested) ? null : (known ?? (await this.directory.describe(at)));
      if (!namesItsList(requested) && cluster === null) return failed({ reason: 'notFound', what: 'cluster', clusterName: at.clusterName, routing: null });
      const choice = chooseSnapshotList(requested, cluster);
      if (choice.type === 'none') return ok(EMPTY_CONNECTION);
      if (choice.type === 'retired') return failed({ reason: 'noSnapshotList', kind: choice.kind, clusterName: at.clusterName });
      return ok(await loadListConnection(this.reader({ list: choice.list, ...at }), args));
    } catch (error) {
      if (error instanceof PaginationInputError) return failed({ reason: 'badInput', message: error.message, argument: error.argument });
      return failed({ reason: 'upstream', error, routing: null });
    }
  }

  /**
   * One snapshot by its global id's parts; null when Atlas answers that its cluster has no such snapshot (404
   * `SNAPSHOT_NOT_FOUND`, or no code). Any other failure (an unknown cluster or project among them) is the failure.
   */
  async get(ref: SnapshotRef): Promise<Outcome<BackupSnapshotModel | null>> {
    const definition = SNAPSHOT_LIST_DEFINITIONS[ref.list];
    try {
      const read = (body: unknown): BackupSnapshotModel => {
        const model = isObject(body) ? definition.toModel(body, ref) : null;
        if (!model) throw new AtlasTransportError('malformed', 'Atlas sent a snapshot without an id.', 200);
        return model;
      };
      const call = { version: 'v2' as const, path: definition.onePath(ref, ref.snapshotId), mediaType: definition.mediaType, signal: this.signal, route: snapshotsRoute(KIND_OF_LIST[ref.list]) };
      return ok(await this.client.get(call, this.policy(read)));
    } catch (error) {
      if (error instanceof AtlasApiError && error.status === 404 && (error.errorCode === null || error.errorCode === 'SNAPSHOT_NOT_FOUND')) return ok(null);
      return failed({ reason: 'upstream', error, routing: null });
    }
  }

  private reader(at: SnapshotLocation): ListReader<BackupSnapshotModel> {
    const definition = SNAPSHOT_LIST_DEFINITIONS[at.list];
    if (definition.paging === 'none') return { paging: 'none', all: async () => (await this.list(at, {})).items };
    return {
      paging: 'pageNum',
      page: async (pageNum, itemsPerPage) => ({ pageNum, itemsPerPage, ...(await this.list(at, { pageNum, itemsPerPage, includeCount: true })) }),
    };
  }

  /** One list call, mapped; a result without a usable id cannot be addressed again and is left out. */
  private list(at: SnapshotLocation, paging: Record<string, number | boolean>): Promise<Omit<FetchedPage<BackupSnapshotModel>, 'pageNum' | 'itemsPerPage'>> {
    const definition = SNAPSHOT_LIST_DEFINITIONS[at.list];
    const read = (body: unknown) => {
      const results = isObject(body) ? body.results : undefined;
      if (!Array.isArray(results)) throw new AtlasTransportError('malformed', 'Atlas sent a list without `results`.', 200);
      const items: BackupSnapshotModel[] = [];
      for (const result of results) {
        const model = isObject(result) ? definition.toModel(result, at) : null;
        if (model) items.push(model);
      }
      const { links, totalCount } = body as { links?: unknown; totalCount?: unknown };
      const hasNextLink = Array.isArray(links) && links.some((l: { rel?: unknown } | null) => l?.rel === 'next');
      return { items, hasNextLink, totalCount: count(totalCount) };
    };
    const call = {
      version: 'v2' as const,
      path: definition.listPath(at),
      query: { ...definition.query, ...paging },
      mediaType: definition.mediaType,
      signal: this.signal,
      route: snapshotsRoute(KIND_OF_LIST[at.list]),
    };
    return this.client.get(call, this.policy(read));
  }

  /** Snapshot answers are kept as long as a page of restore jobs (`CACHE_TTL_PAGE_MS`); nothing without TTLs. */
  private policy<T>(read: (body: unknown) => T): CachePolicy<T> {
    const ttl = this.ttls?.pageMs ?? 0;
    return { read, ttlMs: () => ttl };
  }
}

const EMPTY_CONNECTION: SnapshotConnectionModel = {
  edges: [],
  nodes: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  totalCount: 0,
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
