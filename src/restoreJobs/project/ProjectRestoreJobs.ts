import { bulkhead } from 'cockatiel';
import { AtlasApiError } from '../../atlas/errors';
import { DEFAULT_WINDOW, MAX_PAGE_SIZE, MAX_WINDOW, PaginationInputError } from '../../atlas/pagination';
import type { ProjectViewConfig } from '../../config';
import type { PageInfoModel } from '../connection';
import type { Loaders } from '../loaders';
import type { RestoreJobModel } from '../RestoreJobModel';
import type { RestoreJobKind } from '../RestoreJobKind';
import { failed, ok, type Outcome } from '../routing/outcomes';
import type { ListedJob } from '../RestoreJobSource';
import type { RestoreJobSources } from '../sources';
import { cursorBinding, decodeProjectCursor, encodeProjectCursor, type ListPosition } from './cursor';
import { mergePage, ServableLine, type ListChunk } from './merge';
import { FilterInputError, listsOf, normalizeFilter, planOnePage, type ListRef, type ProjectClusterRef, type ProjectRestoreJobFilterModel } from './plan';

/** `ProjectRestoreJobEdge`: a job and its cursor (encoded only when asked for: it holds a position per list). */
export interface ProjectRestoreJobEdgeModel {
  node: RestoreJobModel;
  cursor(): string;
}

/** `ClusterFailure`: a list that could not be read, with the error the GraphQL edge turns into a code and message. */
export interface ClusterFailureModel {
  clusterName: string;
  kind: RestoreJobKind;
  error: unknown;
}

/** `ProjectRestoreJobConnection`. */
export interface ProjectRestoreJobConnectionModel {
  edges: ProjectRestoreJobEdgeModel[];
  nodes: RestoreJobModel[];
  pageInfo: PageInfoModel;
  /** The clusters whose lists this page read. */
  clustersSearched: number;
  failures: ClusterFailureModel[];
}

/** The arguments of `projectRestoreJobs`, as the resolver receives them. */
export interface ProjectRestoreJobsArgs {
  projectId: string;
  first?: number | null;
  after?: string | null;
  filter?: Parameters<typeof normalizeFilter>[0];
}

/** The project's clusters (the clusters API's list, then the flex clusters; ClusterDirectory.listProject): rejects with the client's error. */
export type ProjectClusterLister = (projectId: string) => Promise<readonly ProjectClusterRef[]>;

/** What a page is read with: this request's sources and loaders, the cluster lists, the settings, the deadline. */
export interface ProjectRestoreJobsDeps {
  sources: RestoreJobSources;
  loaders: Loaders;
  clusters: ProjectClusterLister;
  settings: ProjectViewConfig;
  signal?: AbortSignal;
}

type ListResult = { ok: true; chunk: ListChunk<ListedJob> } | { ok: false; error: unknown };

/**
 * `projectRestoreJobs`: every restore job of a project's clusters in one connection, newest first (merge.ts).
 * Upstream: the two cluster lists, then at most one list call per list still open (a cluster's kind, plus its Legacy
 * Backup list when asked for), at most `fanOut` at once (a cockatiel bulkhead), each within `clusterTimeoutMs`.
 * A list that fails is a failure of the page, not an error; its position stays, so the next page tries it again.
 */
export class ProjectRestoreJobs {
  constructor(private readonly deps: ProjectRestoreJobsDeps) {}

  /** One page. Refused arguments are `badInput`; a failing cluster list (the project unknown, …) `upstream`. */
  async page(args: ProjectRestoreJobsArgs): Promise<Outcome<ProjectRestoreJobConnectionModel>> {
    let first: number;
    let filter: ProjectRestoreJobFilterModel;
    let binding: string;
    let positions: Map<string, ListPosition>;
    try {
      first = readFirst(args.first);
      filter = normalizeFilter(args.filter);
      binding = cursorBinding(args.projectId, filter);
      const cursor = args.after == null ? null : decodeProjectCursor(args.after, binding);
      positions = new Map((cursor?.lists ?? []).map((p) => [listKey(p), p]));
    } catch (error) {
      if (error instanceof PaginationInputError) return failed({ reason: 'badInput', message: error.message, argument: error.argument });
      if (error instanceof FilterInputError) return failed({ reason: 'badInput', message: error.message, argument: 'filter' });
      throw error;
    }
    let clusters: readonly ProjectClusterRef[];
    try {
      clusters = await this.deps.clusters(args.projectId);
    } catch (error) {
      return failed({ reason: 'upstream', error, routing: null });
    }
    const open: { ref: ListRef; position: ListPosition }[] = [];
    const carried: ListPosition[] = [];
    for (const cluster of clusters) {
      for (const ref of listsOf(cluster, filter)) {
        const position = positions.get(listKey(ref)) ?? { ...ref, offset: 0, served: [] };
        if (position.offset === null) carried.push(position);
        else open.push({ ref, position });
      }
    }
    const clusterCount = new Set(open.map((o) => o.ref.clusterName)).size;
    const { maxClusters } = this.deps.settings;
    if (clusterCount > maxClusters) {
      return failed({
        reason: 'badInput',
        argument: 'filter',
        message: `This page would read the restore jobs of ${clusterCount} clusters; one page reads at most ${maxClusters} (PROJECT_MAX_CLUSTERS). Narrow it with filter.clusterNames or filter.kinds.`,
      });
    }
    const results = await this.readAll(args.projectId, open, first, filter.statuses !== null);
    const chunks: ListChunk<ListedJob>[] = [];
    const failures: ClusterFailureModel[] = [];
    const searched = new Set<string>();
    results.forEach((result, i) => {
      const { ref, position } = open[i]!;
      if (result.ok) {
        chunks.push(result.chunk);
        searched.add(ref.clusterName);
      } else {
        failures.push({ clusterName: ref.clusterName, kind: ref.kind, error: result.error });
        carried.push(position);
      }
    });
    for (const f of failures) searched.delete(f.clusterName);
    const statuses = filter.statuses;
    // Jobs are mapped only here: those the page serves, and (for the status filter) those it reads.
    const keep = (job: ListedJob): boolean => statuses === null || statuses.includes(job.model().status);
    const merged = mergePage(chunks, first, keep, carried);
    const edges = merged.edges.map((edge) => ({ node: edge.job.model(), cursor: () => encodeProjectCursor({ binding, lists: edge.positions() }) }));
    this.prime(edges.map((e) => e.node));
    // The cursors hold every list's position, the costliest part of a page after its reads: each is encoded only when
    // the selection asks for it, once. A page can be empty and still move on (a status filter passed over every job it
    // read): its end position is then the cursor to go on from, so `endCursor` is set whenever `hasNextPage` is.
    const startCursor = once(() => (edges.length > 0 ? edges[0]!.cursor() : null));
    const endCursor = once(() => (edges.length > 0 ? edges.at(-1)!.cursor() : merged.hasNextPage ? encodeProjectCursor({ binding, lists: merged.endPositions() }) : null));
    return ok({
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage: merged.hasNextPage,
        hasPreviousPage: args.after != null,
        get startCursor() {
          return startCursor();
        },
        get endCursor() {
          return endCursor();
        },
      },
      clustersSearched: searched.size,
      failures: failures.sort((a, b) => (a.clusterName < b.clusterName ? -1 : a.clusterName > b.clusterName ? 1 : a.kind < b.kind ? -1 : 1)),
    });
  }

  /**
   * Reads every open list once, at most `fanOut` at a time; each result in the place of its list. Without a status
   * filter, each job read is let go as soon as the page's line passes it ({@link ServableLine}: only the ids stay, for
   * the cursors), so a page holds the bodies of about `first` jobs, not of every list's.
   */
  private readAll(projectId: string, open: readonly { ref: ListRef; position: ListPosition }[], first: number, filtered: boolean): Promise<ListResult[]> {
    const { fanOut } = this.deps.settings;
    const gate = bulkhead(fanOut, Math.max(open.length, 1));
    const line = filtered ? null : new ServableLine<ListedJob>(first, () => true);
    let kept: { jobs: ListedJob[]; index: number }[] = [];
    const letGoPast = (chunk: ListChunk<ListedJob>): void => {
      if (!line) return;
      line.add(chunk);
      chunk.jobs.forEach((_, index) => kept.push({ jobs: chunk.jobs, index }));
      kept = kept.filter(({ jobs, index }) => {
        const job = jobs[index]!;
        if (line.servable(job)) return true;
        jobs[index] = new PastTheLine(job.jobId, job.clusterName, job.kind);
        return false;
      });
    };
    return Promise.all(
      open.map(({ ref, position }) =>
        gate
          .execute(() => this.readList(projectId, ref, position, first, filtered))
          .then((chunk): ListResult => {
            letGoPast(chunk);
            return { ok: true, chunk };
          })
          .catch((error: unknown): ListResult => ({ ok: false, error })),
      ),
    );
  }

  /**
   * One call for one list, from its position: as many jobs as the page may take from it and one more (the page's
   * look-ahead), or 500 with a status filter (the gateway filters; Atlas cannot), within the per-cluster time limit.
   */
  private async readList(projectId: string, ref: ListRef, position: ListPosition, first: number, filtered: boolean): Promise<ListChunk<ListedJob>> {
    const offset = position.offset ?? 0;
    const location = { kind: ref.kind, projectId, clusterName: ref.clusterName };
    const source = this.deps.sources[ref.kind];
    const want = filtered ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, first + 1 + position.served.length);
    const base = { clusterName: ref.clusterName, kind: ref.kind, start: offset, served: position.served };
    return this.withinLimit(async (signal) => {
      if (source.definition.paging === 'none') {
        const all = await source.listedAll(location, signal);
        return { ...base, jobs: all.slice(offset), ended: true };
      }
      const { pageNum, itemsPerPage } = planOnePage(offset, want);
      let page;
      try {
        page = await source.listedPage(location, pageNum, itemsPerPage, signal);
      } catch (error) {
        // NOTE: Atlas answers a dedicated cluster's Legacy Backup list with 404 CLUSTER_NOT_FOUND when the cluster
        // never used Legacy Backup; the cluster list has just shown the cluster exists, so that is "no jobs".
        if (ref.kind === 'LEGACY_BACKUP' && error instanceof AtlasApiError && error.status === 404) return { ...base, jobs: [], ended: true };
        throw error;
      }
      const pageStart = (pageNum - 1) * itemsPerPage;
      const items = page.items.slice(0, itemsPerPage);
      const readTo = pageStart + items.length;
      // NOTE: Atlas's totalCount is an estimate and a page may lack links; a full page ends the list only when both say so.
      const ended = items.length < itemsPerPage || (!page.hasNextLink && page.totalCount !== null && page.totalCount <= readTo);
      return { ...base, jobs: items.slice(offset - pageStart), ended };
    });
  }

  /** Runs `call` with a signal that fires at the request's deadline or after `clusterTimeoutMs`, whichever is first. */
  private async withinLimit<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const outer = this.deps.signal;
    const onAbort = (): void => controller.abort(outer?.reason);
    if (outer?.aborted) onAbort();
    else outer?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new DOMException('The cluster time limit passed.', 'TimeoutError')), this.deps.settings.clusterTimeoutMs);
    try {
      return await call(controller.signal);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  }

  /** The page's jobs answer this request's later lookups of them (`restoreJob`, `node`) without a call. */
  private prime(models: readonly RestoreJobModel[]): void {
    for (const model of models) this.deps.loaders.job.prime(model, model);
  }
}

function readFirst(value: number | null | undefined): number {
  if (value === null || value === undefined) return DEFAULT_WINDOW;
  if (!Number.isInteger(value) || value < 0) throw new PaginationInputError('first', `\`first\` must be a non-negative integer, got ${value}.`);
  return Math.min(value, MAX_WINDOW);
}

function listKey(ref: ListRef): string {
  return `${ref.clusterName}\u0000${ref.kind}`;
}

/** `compute`'s value, computed on the first call and kept. */
function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/**
 * A job read but past the page's line (see {@link ServableLine}): its id, cluster and kind stay for the merge's
 * positions; its body is let go. The merge never serves it, so it is never mapped.
 */
class PastTheLine implements ListedJob {
  constructor(
    readonly jobId: string,
    readonly clusterName: string,
    readonly kind: RestoreJobKind,
  ) {}

  model(): RestoreJobModel {
    throw new Error(`Restore job ${this.jobId} was let go as past the page's line, yet the page asked for it.`);
  }
}
